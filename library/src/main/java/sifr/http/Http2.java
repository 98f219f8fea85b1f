package sifr.http;

import java.io.IOException;
import sifr.http.internal.h2.Http2Config;
import sifr.http.internal.h2.Http2ClientConnection;
import sifr.http.internal.entry.LowLevelServe;
import sifr.net.ByteStream;

/**
 * HTTP/2 (RFC 9113) over any {@link ByteStream} (TCP for h2c with prior knowledge, TLS with ALPN
 * {@code h2}): the low-level way in, one connection at a time, for a stream you accepted or opened
 * yourself. To serve a port, use {@link HttpServer} (it picks HTTP/2 by ALPN, prior knowledge or
 * {@code Upgrade: h2c}); to send requests, {@link HttpConnection#open}.
 *
 * <p>A client request the server did not process fails with an {@link HttpError} whose
 * {@link HttpError#isRetryable()} is true: a {@link RefusedStreamError} (RST_STREAM REFUSED_STREAM) or a
 * {@link GoawayError} (GOAWAY below its stream, or a GOAWAY before it was sent; it carries the last
 * stream id and error code). Such a request is safe to send again.
 */
public final class Http2 {
    private Http2() {
    }

    /**
     * {@link #serve(ByteStream, HttpHandler, HttpServerOptions)} with {@link HttpServerOptions#defaults()}:
     * 128 concurrent streams, 256 KiB stream window, 1 MiB connection window, 64 KiB header section,
     * 64 MiB request body, idle 60 s, body read and write inactivity 60 s.
     */
    public static void serve(ByteStream stream, HttpHandler handler) throws IOException {
        serve(stream, handler, HttpServerOptions.defaults());
    }

    /**
     * Serves HTTP/2 on {@code stream} (which must start with the client's connection preface) with
     * {@code handler} until the connection ends, then closes the stream. Blocks the calling thread; each
     * request's handler runs on its own virtual thread. From {@code options} it applies what concerns one
     * HTTP/2 connection, as {@link HttpServer} does: {@link HttpServerOptions#http2()},
     * {@code maxHeaderSectionBytes} ({@code SETTINGS_MAX_HEADER_LIST_SIZE}), {@code maxRequestBodyBytes},
     * the idle, body-read and write timeouts, and the access log; the server-wide fields ({@code tls},
     * {@code maxConnections}, {@code shutdownGracePeriod}, the {@code serve*} switches) are not used. The
     * timeouts run on a sweeper thread of this connection's own, stopped when it ends.
     *
     * @throws IOException when the connection fails
     */
    public static void serve(ByteStream stream, HttpHandler handler, HttpServerOptions options) throws IOException {
        LowLevelServe.http2(stream, handler, options);
    }

    /**
     * A multiplexed HTTP/2 client connection over {@code stream}: sends the connection preface and
     * SETTINGS now; {@code send} may be called from many threads at once. Requests carry their
     * authority in the {@code host} field (sent as {@code :authority}). Response bodies are limited to
     * 64 MiB ({@code response body exceeds limit of N bytes}). Requests carry {@code :scheme https}
     * when {@code stream} is a {@link sifr.tls.TlsStream}, {@code http} otherwise (h2c).
     */
    public static HttpConnection client(ByteStream stream) throws IOException {
        String scheme = stream instanceof sifr.tls.TlsStream ? "https" : "http";
        return Http2ClientConnection.start(stream, Http2Config.CLIENT_DEFAULT, scheme);
    }
}
