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

    /** The address literal without port; IPv6 without brackets and without a scope. */
    public String host() {
        String literal = address.getHostAddress();
        int scope = literal.indexOf('%');
        return scope < 0 ? literal : literal.substring(0, scope);
    }

    @Override
    public String toString() {
        return isIpv6() ? "[" + host() + "]:" + port : host() + ":" + port;
    }
}
