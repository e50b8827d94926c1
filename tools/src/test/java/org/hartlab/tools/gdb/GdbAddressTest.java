package org.hartlab.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Bound addresses written as gdb's {@code target remote} takes them. */
class GdbAddressTest {
    private static InetSocketAddress bound(String literal) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(literal), 1234);
    }

    @Test
    void anIpv4WildcardGivesGdbLocalhost() throws UnknownHostException {
        assertThat(GdbAddress.forGdb(bound("0.0.0.0"))).isEqualTo("localhost:1234");
        assertThat(GdbAddress.listening(bound("0.0.0.0"))).isEqualTo("every address, port 1234");
    }

    @Test
    void theIpv6WildcardJavaReportsForADualStackBindGivesGdbLocalhost() throws UnknownHostException {
        assertThat(GdbAddress.forGdb(bound("::"))).isEqualTo("localhost:1234");
        assertThat(GdbAddress.listening(bound("::"))).isEqualTo("every address, port 1234");
    }

    @Test
    void anIpv6LiteralGoesInBracketsInItsShortForm() throws UnknownHostException {
        assertThat(GdbAddress.forGdb(bound("::1"))).isEqualTo("[::1]:1234");
        assertThat(GdbAddress.listening(bound("::1"))).isEqualTo("[::1]:1234");
        assertThat(GdbAddress.forGdb(bound("2001:db8:0:0:1:0:0:1"))).isEqualTo("[2001:db8::1:0:0:1]:1234");
        assertThat(GdbAddress.forGdb(bound("fe80:0:0:0:0:0:0:0"))).isEqualTo("[fe80::]:1234");
        assertThat(GdbAddress.forGdb(bound("2001:db8:1:2:3:4:0:5"))).as("a lone zero group stays")
                .isEqualTo("[2001:db8:1:2:3:4:0:5]:1234");
    }

    @Test
    void aScopedIpv6AddressKeepsItsScope() {
        assertThat(GdbAddress.shortForm("fe80:0:0:0:0:0:0:1%2")).isEqualTo("fe80::1%2");
    }

    @Test
    void anIpv4AddressIsWrittenAsIs() throws UnknownHostException {
        assertThat(GdbAddress.forGdb(bound("127.0.0.1"))).isEqualTo("127.0.0.1:1234");
        assertThat(GdbAddress.listening(bound("127.0.0.1"))).isEqualTo("127.0.0.1:1234");
    }
}
