package sifr.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An IP address and a port: what {@link Net#resolveHost} returns and what streams and listeners report.
 * {@link #toString()} gives {@code 127.0.0.1:8080} or {@code [::1]:8080}.
 */
public record SocketAddr(InetAddress address, int port) {

    public SocketAddr {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
    }

    /** Converts a resolved JDK socket address. */
    public static SocketAddr of(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address is not resolved: " + address.getHostString());
        }
        return new SocketAddr(address.getAddress(), address.getPort());
    }

    public InetSocketAddress toInetSocketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** True for an IPv6 address (IPv4-mapped addresses are reported by the JDK as IPv4). */
    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /**
     * The address literal without port; IPv6 without brackets and without a scope, in the
     * canonical compressed form of RFC 5952 ({@code ::1}, {@code 2001:db8::1}).
     */
    public String host() {
        if (address instanceof Inet6Address) {
            return compressIpv6(address.getAddress());
        }
        return address.getHostAddress();
    }

    /** RFC 5952 §4: lowercase hex, no leading zeros, the longest run (of 2+) of zero groups as {@code ::}. */
    private static String compressIpv6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return isIpv6() ? "[" + host() + "]:" + port : host() + ":" + port;
    }
}
