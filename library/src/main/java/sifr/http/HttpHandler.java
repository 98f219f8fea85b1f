package sifr.http;

/**
 * Answers one request. Runs on the connection's virtual thread (HTTP/1.1) or the stream's own
 * (HTTP/2), so blocking is fine. An exception becomes a 500 response without details.
 */
@FunctionalInterface
public interface HttpHandler {
    HttpResponse handle(HttpRequest request) throws Exception;
}
