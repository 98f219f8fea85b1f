package sifr.http;

import java.io.IOException;
import sifr.http.internal.h1.H1ClientConnection;
import sifr.http.internal.h1.H1Limits;
import sifr.http.internal.entry.LowLevelServe;
import sifr.net.ByteStream;

/**
 * HTTP/1.1 over any {@link ByteStream} (TCP or TLS, or one a test made): the low-level way in, one
 * connection at a time, for a stream you accepted or opened yourself. To serve a port, use
 * {@link HttpServer} (accepting, TLS and ALPN, HTTP/2, connection limits, graceful close); to send
 * requests, {@link HttpConnection#open}.
 */
public final class Http1 {
    /** Default limit on a response body read by {@link #client(ByteStream)}: 64 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BODY = 64L * 1024 * 1024;

    private Http1() {
    }

    /**
     * {@link #serve(ByteStream, HttpHandler, HttpServerOptions)} with {@link HttpServerOptions#defaults()}:
     * request line 8 KiB, header section 64 KiB, 100 fields, request body 64 MiB, idle 60 s, header read 10 s,
     * body read and write inactivity 60 s.
     */
    public static void serve(ByteStream stream, HttpHandler handler) throws IOException {
        serve(stream, handler, HttpServerOptions.defaults());
    }

    /**
     * Serves HTTP/1.1 requests on {@code stream} with {@code handler} until the connection ends
     * (keep-alive, pipelining), then closes the stream. Blocks the calling thread: run it on the
     * connection's virtual thread. From {@code options} it applies what concerns one HTTP/1.1 connection,
     * as {@link HttpServer} does: {@link HttpServerOptions#http1()}, {@code maxHeaderSectionBytes},
     * {@code maxRequestBodyBytes}, the idle, header-read, body-read and write timeouts, and the access log;
     * the server-wide fields ({@code tls}, {@code maxConnections}, {@code shutdownGracePeriod}, the
     * {@code serve*} protocol switches: no h2c here) are not used. The timeouts run on a sweeper thread
     * of this connection's own, stopped when it ends.
     *
     * @throws IOException when the connection fails (a timeout closes it: {@code TimeoutError})
     */
    public static void serve(ByteStream stream, HttpHandler handler, HttpServerOptions options) throws IOException {
        LowLevelServe.http1(stream, handler, options);
    }

    /** An HTTP/1.1 client connection over {@code stream}; requests must carry their own {@code host} field. */
    public static HttpConnection client(ByteStream stream) {
        return new H1ClientConnection(stream, H1Limits.DEFAULT, DEFAULT_MAX_RESPONSE_BODY);
    }

    /** Like {@link #client(ByteStream)} with a limit on each response body ({@code response body exceeds limit ...}). */
    public static HttpConnection client(ByteStream stream, long maxResponseBodyBytes) {
        if (maxResponseBodyBytes <= 0) {
            throw new IllegalArgumentException("HTTP body limit must be positive");
        }
        return new H1ClientConnection(stream, H1Limits.DEFAULT, maxResponseBodyBytes);
    }
}
