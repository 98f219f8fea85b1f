package sifr.http;

import java.io.IOException;
import sifr.http.internal.h1.H1ClientConnection;
import sifr.http.internal.h1.H1Limits;
import sifr.http.internal.h1.H1ServerConfig;
import sifr.http.internal.h1.H1ServerConnection;
import sifr.net.ByteStream;

/**
 * HTTP/1.1 over any {@link ByteStream} (TCP or TLS): the low level under {@code HttpServer} and
 * {@code HttpClient}.
 */
public final class Http1 {
    /** Default limit on a response body read by {@link #client(ByteStream)}: 64 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BODY = 64L * 1024 * 1024;

    private Http1() {
    }

    /**
     * Serves HTTP/1.1 requests on {@code stream} with {@code handler} until the connection ends
     * (keep-alive, pipelining), then closes the stream. Blocks the calling thread: run it on the
     * connection's virtual thread. Defaults: request line 8 KiB, header section 64 KiB, 100 fields,
     * request body 64 MiB.
     */
    public static void serve(ByteStream stream, HttpHandler handler) throws IOException {
        new H1ServerConnection(stream, handler, H1ServerConfig.DEFAULT).serve();
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
