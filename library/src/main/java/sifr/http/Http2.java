package sifr.http;

import java.io.IOException;
import sifr.http.internal.h2.Http2ClientConfig;
import sifr.http.internal.h2.Http2ClientConnection;
import sifr.http.internal.h2.Http2ServerConfig;
import sifr.http.internal.h2.Http2ServerConnection;
import sifr.net.ByteStream;

/**
 * HTTP/2 (RFC 9113) over any {@link ByteStream} (TCP for h2c with prior knowledge, TLS with ALPN
 * {@code h2}): the low level under {@code HttpServer} and {@code HttpClient}.
 *
 * <p>A client request the server did not process (it refused the stream, or went away with GOAWAY
 * below it) fails with an {@link HttpError} whose message says it was refused and can be retried;
 * such a request is safe to send again.
 */
public final class Http2 {
    private Http2() {
    }

    /**
     * Serves HTTP/2 on {@code stream} with {@code handler} until the connection ends, then closes the
     * stream. Blocks the calling thread; each request's handler runs on its own virtual thread.
     * Defaults: 128 concurrent streams, 256 KiB stream window, 1 MiB connection window, 64 KiB header
     * list, 64 MiB request body.
     */
    public static void serve(ByteStream stream, HttpHandler handler) throws IOException {
        Http2ServerConnection.serve(stream, handler, Http2ServerConfig.DEFAULT, new byte[0]);
    }

    /**
     * A multiplexed HTTP/2 client connection over {@code stream}: sends the connection preface and
     * SETTINGS now; {@code send} may be called from many threads at once. Requests carry their
     * authority in the {@code host} field (sent as {@code :authority}). Response bodies are limited to
     * 64 MiB ({@code response body exceeds limit of N bytes}).
     */
    public static HttpConnection client(ByteStream stream) throws IOException {
        return Http2ClientConnection.start(stream, Http2ClientConfig.DEFAULT);
    }
}
