package sifr.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import sifr.http.internal.HandlerTask;
import sifr.http.internal.ServerExchange;
import sifr.http.internal.entry.H2cUpgradeHook;
import sifr.http.internal.entry.EngineConfigs;
import sifr.http.internal.entry.Http2Timeouts;
import sifr.http.internal.h1.H1ServerConfig;
import sifr.http.internal.h1.H1ServerConnection;
import sifr.http.internal.h1.ReadTimeouts;
import sifr.http.internal.h2.Http2Config;
import sifr.http.internal.h2.Http2ServerConnection;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.net.SocketAddr;
import sifr.net.TcpListener;
import sifr.net.TcpStream;
import sifr.net.internal.NanoClock;
import sifr.tls.TlsServerConfig;
import sifr.tls.TlsStream;

/**
 * An HTTP server, and the way in for serving HTTP ({@link Http1#serve} and {@link Http2#serve} are
 * the low-level entry points for a stream you accepted yourself): one virtual thread accepts, one virtual thread per connection serves it. One port
 * speaks HTTP/1.1 (keep-alive, pipelining) and HTTP/2: over TLS the protocol is the one ALPN picked
 * ({@code h2} preferred, then {@code http/1.1}); in cleartext a connection that opens with the HTTP/2
 * preface is HTTP/2 (prior knowledge) and an HTTP/1.1 request with {@code Upgrade: h2c} switches the
 * connection to HTTP/2. Each is switched on or off in {@link HttpServerOptions}.
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
    /** How long {@link #close()} waits for cancelled connections to finish after the grace period. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(1);

    private final TcpListener listener;
    /** The handler and the access log every exchange of every connection goes through. */
    private final ServerExchange exchange;
    private final HttpServerOptions options;
    private final H1ServerConfig config;
    private final ReadTimeouts timeouts;
    private final Http2Config http2Config;
    private final Http2Timeouts http2Timeouts;
    /** The clock of the engines' timeouts: {@link NanoClock#SYSTEM}, a manual one in tests. */
    private final NanoClock clock;
    private final Optional<TlsServerConfig> tls;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread acceptor;

    /**
     * One accepted connection: its socket, its thread, the task it runs as (cancelling it cancels its
     * handlers, HTTP/2 stream handlers included), and (once set up) its HTTP/1.1 or HTTP/2 state.
     */
    private static final class Connection {
        final TcpStream tcp;
        volatile HandlerTask task = HandlerTask.childOfCurrent(); // null once detached
        volatile Thread thread;
        volatile H1ServerConnection h1;
        volatile Http2ServerConnection h2;
        /** A switched protocol (a WebSocket served by a listener) outlives the thread and ends it itself. */
        volatile boolean detached;

        Connection(TcpStream tcp) {
            this.tcp = tcp;
        }
    }

    private HttpServer(TcpListener listener, HttpHandler handler, HttpServerOptions options, NanoClock clock) {
        this.clock = clock;
        this.listener = listener;
        this.exchange = new ServerExchange(handler, options.accessLog().orElse(null));
        this.options = options;
        this.config = EngineConfigs.h1Server(options);
        // one sweeper per server closes connections whose idle, header-read, body-read or write deadline passed
        this.timeouts = ReadTimeouts.start("sifr-http-timeouts " + listener.localAddr(), clock,
                options.idleTimeout(), options.headerReadTimeout(), options.bodyReadTimeout(), options.writeTimeout());
        this.http2Config = EngineConfigs.server(options);
        this.http2Timeouts = new Http2Timeouts("sifr-http2-timeouts " + listener.localAddr(), clock, options.idleTimeout(),
                options.bodyReadTimeout(), options.writeTimeout());
        List<String> alpn = new ArrayList<>();
        if (options.serveH2()) {
            alpn.add("h2");
        }
        if (options.serveHttp1()) {
            alpn.add("http/1.1");
        }
        this.tls = options.tls().map(t -> t.toBuilder().alpnProtocols(alpn).build());
    }

    /** Binds {@code address} ({@code host:port}, port 0 for any) and serves with the default options. */
    public static HttpServer start(String address, HttpHandler handler) throws IOException {
        return start(address, handler, HttpServerOptions.defaults());
    }

    public static HttpServer start(String address, HttpHandler handler, HttpServerOptions options) throws IOException {
        return start(address, handler, options, NanoClock.SYSTEM);
    }

    /** {@link #start(String, HttpHandler, HttpServerOptions)} with every timeout on {@code clock} (tests). */
    static HttpServer start(String address, HttpHandler handler, HttpServerOptions options, NanoClock clock)
            throws IOException {
        TcpListener listener = Net.listenTcp(address);
        HttpServer server = new HttpServer(listener, handler, options, clock);
        server.acceptor = Thread.ofVirtual().name("sifr-http-accept " + listener.localAddr()).start(server::acceptLoop);
        return server;
    }

    /** The bound address. */
    public SocketAddr localAddr() {
        return listener.localAddr();
    }

    /** Connections being served right now (after {@link #close()}: none). */
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
        c.task.run(() -> serveAsTask(c));
    }

    private void serveAsTask(Connection c) {
        try (ReadTimeouts.Watch watch = timeouts.watch(c.tcp)) {
            H1ServerConfig h1Config = config.withTimeouts(config.idleTimeout(), config.headerReadTimeout(), watch);
            if (tls.isPresent()) {
                TlsStream stream = tls.get().accept(c.tcp);
                // no ALPN at all (an old client): HTTP/1.1 if served, else HTTP/2
                boolean h2 = stream.alpnProtocol().map("h2"::equals).orElse(!options.serveHttp1());
                if (h2) {
                    serveHttp2(c, stream);
                } else {
                    // over TLS the protocol is settled by ALPN: no preface sniffing, no h2c upgrade (RFC 9113 §3.2, §3.3)
                    serveHttp1(c, stream, h1Config);
                }
            } else if (options.serveHttp1()) {
                serveHttp1(c, c.tcp, cleartext(h1Config, c));
            } else {
                serveHttp2(c, c.tcp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "connection ended with an error", e); // a peer gone, a timeout, a cancellation
        } finally {
            if (!c.detached) {
                closeQuietly(c.tcp);
                connections.remove(c);
            }
        }
    }

    private void serveHttp1(Connection c, ByteStream stream, H1ServerConfig h1Config) throws IOException {
        H1ServerConnection h1 = new H1ServerConnection(stream, exchange, h1Config);
        c.h1 = h1;
        h1.allowDetach(() -> {
            // The connection stays counted (maxConnections) and is closed by close() like any other, but
            // nothing of HTTP/1.1 stays reachable from it and close() has no thread to wait for.
            c.detached = true;
            c.h1 = null;
            c.thread = null;
            c.task = null; // its thread is returning: nothing of the task is left to cancel
            return () -> {
                closeQuietly(c.tcp);
                connections.remove(c);
            };
        });
        if (closed.get()) {
            h1.drain();
        }
        h1.serve();
    }

    /**
     * The HTTP/1.1 settings of a cleartext connection: with the h2c hooks that are switched on, bound to
     * {@code c}. The hooks run after the read-timeout watch has finished its read, so HTTP/2 is not cut
     * by HTTP/1.1's idle or header-read deadlines.
     */
    private H1ServerConfig cleartext(H1ServerConfig h1, Connection c) {
        if (options.serveH2cPriorKnowledge()) {
            h1 = h1.withPriorKnowledge((stream, alreadyRead) -> {
                try (Http2Timeouts.Tracked idle = http2Timeouts.track()) {
                    http2(c, stream, idle).run(alreadyRead);
                }
            });
        }
        if (options.serveH2cUpgrade()) {
            h1 = h1.withUpgrade((head, stream, leftover) -> H2cUpgradeHook.upgrade(head, stream, leftover,
                    (settings, request, rest) -> {
                        try (Http2Timeouts.Tracked idle = http2Timeouts.track()) {
                            http2(c, stream, idle).runUpgraded(settings, request, rest);
                        }
                    }));
        }
        return h1;
    }

    /** The HTTP/2 connection on {@code stream}, watched by the HTTP/2 idle timeout and drained by {@link #close()}. */
    private Http2ServerConnection http2(Connection c, ByteStream stream, Http2Timeouts.Tracked idle) {
        Http2ServerConnection h2 = new Http2ServerConnection(idle.stream(stream),
                exchange.withHandler(idle.handler(exchange.handler())), http2Config, clock);
        idle.bind(h2);
        c.h2 = h2;
        if (closed.get()) {
            h2.drain();
        }
        return h2;
    }

    private void serveHttp2(Connection c, ByteStream stream) throws IOException {
        try (Http2Timeouts.Tracked idle = http2Timeouts.track()) {
            http2(c, stream, idle).run(new byte[0]);
        } finally {
            stream.close();
        }
    }

    /**
     * Graceful shutdown: stops accepting, closes idle connections, lets exchanges in progress finish
     * (up to the shutdown grace period), then cancels the handlers still running (their blocking Sifr
     * operations end with {@code CancelledError}) and closes what is left. Idempotent.
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
            Http2ServerConnection h2 = c.h2;
            if (h2 != null) {
                h2.drain(); // GOAWAY: streams in flight finish, no new ones
            }
        }
        awaitConnectionThreads(options.shutdownGracePeriod());
        // The grace period is over: cancel what is left (handlers blocked in Sifr operations see
        // CancelledError; HTTP/2 stream handlers are cancelled with their connection) and close it.
        for (Connection c : connections) {
            HandlerTask task = c.task;
            if (task != null) {
                task.cancel();
            }
            closeQuietly(c.tcp);
        }
        awaitConnectionThreads(CANCEL_WAIT);
        // Every socket is closed now: none is a live connection, even one whose handler ignores cancellation.
        connections.clear();
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timeouts.close();
        http2Timeouts.close();
    }

    /** Waits up to {@code budget} in all for the connection threads to end; stops early if interrupted. */
    private void awaitConnectionThreads(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        for (Connection c : connections) {
            Thread t = c.thread;
            long left = deadline - System.nanoTime();
            if (t != null && left > 0) {
                try {
                    t.join(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
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
