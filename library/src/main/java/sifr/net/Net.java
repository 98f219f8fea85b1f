package sifr.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import sifr.net.internal.Connector;
import sifr.net.internal.HostPort;
import sifr.net.internal.Resolver;
import sifr.task.internal.TaskContext;

/**
 * Sifr's {@code sifr.net} functions: connect, listen, resolve. Every blocking call obeys the calling
 * task's deadline and cancellation ({@code sifr.task}).
 */
public final class Net {
    private Net() {
    }

    /** Connects to {@code host:port} (e.g. {@code 127.0.0.1:8080}, {@code [::1]:80}, {@code example.com:443}). */
    public static TcpStream connectTcp(String address) throws IOException {
        return connectTcp(address, TcpConnectOptions.defaults());
    }

    /** Connects to {@code host} (name or IP literal, IPv6 with or without brackets) on {@code port}. */
    public static TcpStream connectTcp(String host, int port) throws IOException {
        return connectTcp(host, port, TcpConnectOptions.defaults());
    }

    public static TcpStream connectTcp(String address, TcpConnectOptions options) throws IOException {
        HostPort hp = HostPort.parse(address, false);
        return connectTcp(hp.host(), hp.port(), options);
    }

    /**
     * Resolves {@code host}, then tries every address (Happy Eyeballs when there are several) until
     * one connects. Expiry of the options' timeout or the task's deadline → {@code TCP connect timed out}
     * (or {@code DNS resolution timed out} while still resolving).
     */
    public static TcpStream connectTcp(String host, int port, TcpConnectOptions options) throws IOException {
        checkPort(port);
        long deadline = options.timeout()
                .map(t -> TaskContext.after(t.toNanos()))
                .orElse(TaskContext.NO_DEADLINE);
        List<SocketAddr> addrs = Resolver.resolve(unbracket(host), port, deadline);
        SocketAddr local = options.localAddr().orElse(null);
        if (local != null) {
            List<SocketAddr> sameFamily = new ArrayList<>();
            for (SocketAddr a : addrs) {
                if (a.isIpv6() == local.isIpv6()) {
                    sameFamily.add(a);
                }
            }
            if (sameFamily.isEmpty()) {
                throw new NetError("TCP connect failed: no address of " + host + " matches the local address " + local);
            }
            addrs = sameFamily;
        }
        SocketChannel ch = Connector.connect(addrs, local, options.noDelay(), deadline);
        try {
            return new TcpStream(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Listens on {@code host:port} ({@code 127.0.0.1:0} picks a free port) with the default options. */
    public static TcpListener listenTcp(String address) throws IOException {
        return listenTcp(address, TcpListenOptions.defaults());
    }

    /** Listens on every interface (IPv6 and IPv4 where the platform is dual-stack) on {@code port}. */
    public static TcpListener listenTcp(int port) throws IOException {
        return listenTcp(port, TcpListenOptions.defaults());
    }

    public static TcpListener listenTcp(int port, TcpListenOptions options) throws IOException {
        checkPort(port);
        return bind(new InetSocketAddress(port), null, options);
    }

    public static TcpListener listenTcp(String address, TcpListenOptions options) throws IOException {
        HostPort hp = HostPort.parse(address, false);
        SocketAddr addr = Resolver.resolve(hp.host(), hp.port(), TaskContext.NO_DEADLINE).get(0);
        return bind(addr.toInetSocketAddress(), addr.isIpv6() ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET,
                options);
    }

    private static TcpListener bind(InetSocketAddress addr, StandardProtocolFamily family, TcpListenOptions options)
            throws IOException {
        ServerSocketChannel server = family == null ? ServerSocketChannel.open() : ServerSocketChannel.open(family);
        try {
            if (options.reuseAddr().isPresent()) {
                server.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddr().get());
            }
            if (options.reusePort()) {
                if (!server.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    throw new NetError("SO_REUSEPORT is not supported on this platform");
                }
                server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            server.bind(addr, options.backlog());
            return new TcpListener(server);
        } catch (NetError e) {
            server.close();
            throw e;
        } catch (IOException e) {
            server.close();
            throw new NetError("TCP listen on " + describe(addr) + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Resolves {@code host:port} (or a bare host, port 0) to every address, in the resolver's order.
     * Obeys the task's deadline ({@code DNS resolution timed out}).
     */
    public static List<SocketAddr> resolveHost(String address) throws IOException {
        HostPort hp = HostPort.parse(address, true);
        return Resolver.resolve(hp.host(), hp.port(), TaskContext.NO_DEADLINE);
    }

    /** {@link #resolveHost(String)} with its own timeout (validated like every network timeout). */
    public static List<SocketAddr> resolveHost(String address, java.time.Duration timeout) throws IOException {
        sifr.task.internal.Timeouts.validate(timeout, "network");
        HostPort hp = HostPort.parse(address, true);
        return Resolver.resolve(hp.host(), hp.port(), TaskContext.after(timeout.toNanos()));
    }

    private static String unbracket(String host) {
        if (host.length() > 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
    }

    private static String describe(InetSocketAddress addr) {
        return addr.getAddress() == null ? addr.toString() : SocketAddr.of(addr).toString();
    }
}
