package sifr.http;

/**
 * Told of every exchange an {@link HttpServer} answered, once, after the response was written: set it
 * with {@link HttpServerOptions.Builder#accessLog(AccessLog)}. Called on HTTP/1.1 and HTTP/2 alike, on
 * the thread that served the exchange (the connection's on HTTP/1.1, the stream's on HTTP/2), so it
 * must be thread-safe and should be quick: a slow hook delays the next request of an HTTP/1.1
 * connection. An exception it throws is logged on {@code sifr.http.server} (WARNING) and otherwise
 * ignored: the hook never changes what the client gets.
 *
 * <p>An exchange is logged once its handler ran, including the 500 or 413 the server answered in place
 * of a handler that failed. Not logged: requests refused before a handler runs (a malformed head, a
 * declared body over the limit, a refused HTTP/2 stream; those show on {@code sifr.http.h1} at DEBUG),
 * and exchanges the client broke off before the answer (nobody was left to read it).
 *
 * <pre>{@code
 * HttpServerOptions options = HttpServerOptions.builder()
 *     .accessLog(e -> System.out.println(e.remoteAddress() + " " + e.method() + " " + e.target()
 *         + " " + e.version() + " " + e.status() + " " + e.bytesSent()))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface AccessLog {
    /** Records one exchange; must not block for long, may be called from many threads at once. */
    void log(AccessLogEntry entry);
}
