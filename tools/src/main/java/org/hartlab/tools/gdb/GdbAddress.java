package org.hartlab.tools.gdb;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * How a bound server address is written for a user: {@code host:port} as gdb's {@code target remote} takes it.
 * A wildcard bind (0.0.0.0, ::) accepts connections on every address, but gdb cannot connect to the wildcard
 * itself (Java reports an IPv4 wildcard on a dual-stack socket as {@code 0:0:0:0:0:0:0:0}), so gdb is given
 * {@code localhost}; an IPv6 literal goes in brackets, or gdb would read its last group as the port.
 */
public final class GdbAddress {
    private GdbAddress() {
    }

    /** Where the server listens: {@code 127.0.0.1:1234}, {@code [::1]:1234}, {@code every address, port 1234}. */
    public static String listening(InetSocketAddress bound) {
        return bound.getAddress().isAnyLocalAddress() ? "every address, port " + bound.getPort()
                : hostPort(bound.getAddress(), bound.getPort());
    }

    /** What to give gdb's {@code target remote}: {@code 127.0.0.1:1234}, {@code [::1]:1234}, {@code localhost:1234}. */
    public static String forGdb(InetSocketAddress bound) {
        return bound.getAddress().isAnyLocalAddress() ? "localhost:" + bound.getPort()
                : hostPort(bound.getAddress(), bound.getPort());
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }
}
