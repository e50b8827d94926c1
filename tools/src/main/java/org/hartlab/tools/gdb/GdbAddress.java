package org.hartlab.tools.gdb;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * How a bound server address is written for a user: {@code host:port} as gdb's {@code target remote} takes it.
 * A wildcard bind (0.0.0.0, ::) accepts connections on every address, but gdb cannot connect to the wildcard
 * itself (Java reports an IPv4 wildcard on a dual-stack socket as {@code 0:0:0:0:0:0:0:0}), so gdb is given
 * {@code localhost}; an IPv6 literal goes in brackets, or gdb would read its last group as the port, and in its
 * short form ({@code ::1}, as a user types it, not Java's {@code 0:0:0:0:0:0:0:1}).
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
        return (address instanceof Inet6Address ? "[" + shortForm(host) + "]" : host) + ":" + port;
    }

    /**
     * RFC 5952's text of an IPv6 address Java wrote group by group ({@code 2001:db8:0:0:1:0:0:1%eth0}): the first
     * longest run of two or more zero groups becomes {@code ::} ({@code 2001:db8::1:0:0:1%eth0}).
     */
    static String shortForm(String javaText) {
        int percent = javaText.indexOf('%');
        String scope = percent < 0 ? "" : javaText.substring(percent);
        String[] groups = (percent < 0 ? javaText : javaText.substring(0, percent)).split(":");
        int bestStart = -1, bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestStart < 0) {
            return javaText;
        }
        String before = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String after = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return before + "::" + after + scope;
    }
}
