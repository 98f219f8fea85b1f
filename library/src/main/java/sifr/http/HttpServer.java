package sifr.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import sifr.http.internal.h1.H1Limits;
import sifr.http.internal.h1.H1ServerConfig;
import sifr.http.internal.h1.H1ServerConnection;
import sifr.http.internal.h1.ReadTimeouts;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.net.SocketAddr;
import sifr.net.TcpListener;
import sifr.net.TcpStream;

/**
 * An HTTP server: one virtual thread accepts, one virtual thread per connection serves HTTP/1.1
 * (keep-alive, pipelining) in cleartext or over TLS.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.start("127.0.0.1:8080", request ->
 *     HttpResponse.of(200, HeaderMap.of("content-type", "text/plain"), Http.bodyFromBytes(HELLO)));
 * server.localAddr();   // the bound address (port 0 allowed)
 * server.close();       // graceful: stop accepting, finish in-flight exchanges, then close
 * }</pre>
 */
public final class HttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpServer.class.getName());

    private final TcpListener listener;
    private final HttpHandler handler;
    private final HttpServerOptions options;
    private final H1ServerConfig config;
    private final ReadTimeouts timeouts;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread acceptor;

    /** One accepted connection: its socket, its thread, and (once set up) its HTTP/1.1 state. */
    private static final class Connection {
        final TcpStream tcp;
        volatile Thread thread;
        volatile H1ServerConnection h1;

        Connection(TcpStream tcp) {
            this.tcp = tcp;
        }
    }

    private HttpServer(TcpListener listener, HttpHandler handler, HttpServerOptions options) {
        this.listener = listener;
        this.handler = handler;
        this.options = options;
        H1Limits limits = H1Limits.builder().maxStartLineBytes(options.maxRequestLineBytes())
                .maxHeaderSectionBytes(options.maxHeaderSectionBytes()).maxHeaderFields(options.maxHeaderFields()).build();
        this.config = H1ServerConfig.DEFAULT.withLimits(limits).withMaxRequestBodyBytes(options.maxRequestBodyBytes())
                .withTimeouts(options.idleTimeout(), options.headerReadTimeout(), H1ServerConfig.Timer.NONE);
        // one sweeper per server closes connections whose idle or header-read deadline passed
        this.timeouts = ReadTimeouts.start("sifr-http-timeouts " + listener.localAddr(),
                options.idleTimeout(), options.headerReadTimeout());
    }

    /** Binds {@code address} ({@code host:port}, port 0 for any) and serves with the default options. */
    public static HttpServer start(String address, HttpHandler handler) throws IOException {
        return start(address, handler, HttpServerOptions.defaults());
    }

    public static HttpServer start(String address, HttpHandler handler, HttpServerOptions options) throws IOException {
        TcpListener listener = Net.listenTcp(address);
        HttpServer server = new HttpServer(listener, handler, options);
        server.acceptor = Thread.ofVirtual().name("sifr-http-accept " + listener.localAddr()).start(server::acceptLoop);
        return server;
    }

    /** The bound address. */
    public SocketAddr localAddr() {
        return listener.localAddr();
    }

    /** Connections being served right now. */
    public int connectionCount() {
        return connections.size();
    }

    private void acceptLoop() {
        while (!closed.get()) {
            TcpStream tcp;
            try {
                tcp = listener.accept();
            } catch (IOException | RuntimeException e) {
                if (closed.get() || !listener.isOpen()) {
                    return;
                }
                LOG.log(Level.DEBUG, "accept failed", e);
                continue;
            }
            if (connections.size() >= options.maxConnections() || closed.get()) {
                closeQuietly(tcp);
                continue;
            }
            Connection c = new Connection(tcp);
            // Record the thread before close() can see the connection: assigning the result of
            // start() let a handler run while c.thread was still null, and close() then did not
            // wait for that exchange but closed its socket under it.
            c.thread = Thread.ofVirtual().name("sifr-http " + tcp.remoteAddr()).unstarted(() -> serve(c));
            connections.add(c);
            c.thread.start();
        }
    }

    private void serve(Connection c) {
        try (ReadTimeouts.Watch watch = timeouts.watch(c.tcp)) {
            ByteStream stream = c.tcp;
            if (options.tls().isPresent()) {
                stream = options.tls().get().accept(c.tcp);
            }
            H1ServerConnection h1 = new H1ServerConnection(stream, handler,
                    config.withTimeouts(config.idleTimeout(), config.headerReadTimeout(), watch));
            c.h1 = h1;
            if (closed.get()) {
                h1.drain();
            }
            h1.serve();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "connection ended with an error", e);
        } finally {
            closeQuietly(c.tcp);
            connections.remove(c);
        }
    }

    /**
     * Graceful shutdown: stops accepting, closes idle connections, lets exchanges in progress finish
     * (up to the shutdown grace period), then closes what is left. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (Connection c : connections) {
            H1ServerConnection h1 = c.h1;
            if (h1 != null) {
                h1.drain();
            }
        }
        long deadline = System.nanoTime() + options.shutdownGracePeriod().toNanos();
        for (Connection c : connections) {
            Thread t = c.thread;
            long left = deadline - System.nanoTime();
            if (t != null && left > 0) {
                try {
                    t.join(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (Connection c : connections) {
            closeQuietly(c.tcp);
        }
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timeouts.close();
    }

    private static void closeQuietly(TcpStream tcp) {
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing; nothing useful to report
        }
    }

    @Override
    public String toString() {
        return "HttpServer[" + localAddr() + (options.tls().isPresent() ? ", tls" : "") + "]";
    }
}
