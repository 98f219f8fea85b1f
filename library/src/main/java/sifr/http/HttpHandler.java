package sifr.http;

/**
 * Answers one request. Runs on the connection's virtual thread (HTTP/1.1) or the stream's own
 * (HTTP/2), so blocking is fine. The same on both protocols: an exception (an {@code Error} too), a
 * null, or a 1xx returned as the answer becomes a 500 without details, logged on {@code sifr.http.server};
 * a {@link BodyError} whose {@link BodyError#isLimitExceeded()} becomes 413.
 */
@FunctionalInterface
public interface HttpHandler {
    HttpResponse handle(HttpRequest request) throws Exception;
}
