package sifr.http.internal.entry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import sifr.http.HttpHandler;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.internal.h2.Http2ServerConnection;
import sifr.net.ByteStream;
import sifr.net.internal.ForwardingByteStream;
import sifr.net.internal.NanoClock;

/**
 * The server's timeouts for HTTP/2 connections (DESIGN: nothing unbounded): idle, and the slow-peer
 * ones, request body read inactivity per stream and write inactivity (see
 * {@link Http2ServerConnection#expireStalled}). One sweeper looks at every connection a few times per
 * shortest timeout; the engine only notes timestamps.
 *
 * <p>Idle: HTTP/1.1 applies it
 * between requests; an HTTP/2 connection reads all the time, so "idle" here means: no handler running
 * and no byte received for the whole timeout (a client that sent the preface and went quiet, or one
 * that finished its requests and keeps the connection). Such a connection is drained, not cut: GOAWAY,
 * any stream still finishing its response finishes, then the engine closes it.
 *
 * <p>One virtual thread per server looks at the tracked connections a few times per timeout; a
 * connection costs one volatile write per read and two atomic updates per request.
 */
public final class Http2Timeouts implements AutoCloseable {
    private final long timeoutNanos;
    private final Duration bodyReadTimeout;
    private final Duration writeTimeout;
    private final Set<Tracked> connections = ConcurrentHashMap.newKeySet();
    private final NanoClock clock;
    private final Thread sweeper;
    private volatile boolean closed;

    /** Starts the sweeper; every time it reads (activity, stalls, the connections' own) comes from {@code clock}. */
    public Http2Timeouts(String threadName, NanoClock clock, Duration idleTimeout, Duration bodyReadTimeout,
            Duration writeTimeout) {
        this.clock = clock;
        this.timeoutNanos = idleTimeout.toNanos();
        this.bodyReadTimeout = bodyReadTimeout;
        this.writeTimeout = writeTimeout;
        long shortest = Math.min(idleTimeout.toMillis(), Math.min(bodyReadTimeout.toMillis(), writeTimeout.toMillis()));
        long period = Math.max(10, Math.min(1000, shortest / 4));
        this.sweeper = Thread.ofVirtual().name(threadName).start(() -> sweep(period));
    }

    /** A connection to watch: wrap its stream and handler with it, then {@link Tracked#bind} the engine's connection. */
    public Tracked track() {
        return new Tracked();
    }

    private void sweep(long periodMillis) {
        long periodNanos = periodMillis * 1_000_000L;
        while (!closed) {
            clock.pause(periodNanos); // close() interrupts it; the loop then sees closed
            if (closed || Thread.currentThread().isInterrupted()) {
                return;
            }
            long now = clock.nanoTime();
            for (Tracked t : connections) {
                t.connection.expireStalled(now, bodyReadTimeout, writeTimeout);
                if (!t.drained && t.running.get() == 0 && now - t.lastActivity > timeoutNanos) {
                    t.drained = true; // still watched: a drained connection's writer may stall too
                    t.connection.drain();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
    }

    /** One HTTP/2 connection's activity: bytes read, handlers running. */
    public final class Tracked implements AutoCloseable {
        private final AtomicInteger running = new AtomicInteger();
        private volatile long lastActivity = clock.nanoTime();
        private volatile Http2ServerConnection connection;
        private boolean drained; // sweeper thread only

        private Tracked() {
        }

        /** {@code handler}, counting the requests in progress on this connection. */
        public HttpHandler handler(HttpHandler handler) {
            return request -> handle(handler, request);
        }

        private HttpResponse handle(HttpHandler handler, HttpRequest request) throws Exception {
            running.incrementAndGet();
            try {
                return handler.handle(request);
            } finally {
                lastActivity = clock.nanoTime();
                running.decrementAndGet();
            }
        }

        /** {@code stream}, noting when bytes arrive. */
        public ByteStream stream(ByteStream stream) {
            return new ActivityStream(stream, this);
        }

        /** Starts watching {@code c} (the connection built on {@link #stream} and {@link #handler}). */
        public void bind(Http2ServerConnection c) {
            connection = c;
            lastActivity = clock.nanoTime();
            connections.add(this);
        }

        /** Stops watching (the connection ended). */
        @Override
        public void close() {
            connections.remove(this);
        }

        void touched() {
            lastActivity = clock.nanoTime();
        }
    }

    /** Forwards everything to the stream; reads that bring bytes count as activity. */
    private static final class ActivityStream extends ForwardingByteStream {
        private final Tracked tracked;

        ActivityStream(ByteStream stream, Tracked tracked) {
            super(stream);
            this.tracked = tracked;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = delegate.read(dst);
            if (n > 0) {
                tracked.touched();
            }
            return n;
        }

        @Override
        public byte[] read(int maxBytes) throws IOException {
            byte[] b = delegate.read(maxBytes);
            if (b.length > 0) {
                tracked.touched();
            }
            return b;
        }
    }
}
