package sifr.http;

import java.util.Objects;

/**
 * Wraps a handler in another: the wrapper sees the request before the handler and the response after
 * it, and may answer by itself (a CORS preflight) or change either side (a compressed body). Plain
 * functions of {@link HttpHandler}, composed with {@link Router#use} or {@link Handlers#chain}; the
 * built-ins are {@link AccessLogs}, {@link RequestId}, {@link Problems}, {@link RouteTimeout},
 * {@link Cors} and {@link Compression}.
 *
 * <pre>{@code
 * Middleware poweredBy = next -> request -> {
 *     HttpResponse response = next.handle(request);
 *     return Responses.withHeader(response, "x-powered-by", "sifr");
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {
    /** The handler {@code next} wrapped; called once when the chain is built, not per request. */
    HttpHandler wrap(HttpHandler next);

    /** This middleware around {@code inner}: {@code this} sees the request first and the response last. */
    default Middleware andThen(Middleware inner) {
        Objects.requireNonNull(inner, "inner");
        return next -> wrap(inner.wrap(next));
    }
}
