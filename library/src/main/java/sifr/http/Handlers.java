package sifr.http;

import java.util.List;
import java.util.Objects;

/** Composing handlers and middleware. */
public final class Handlers {
    private Handlers() {
    }

    /**
     * {@code handler} wrapped in {@code middleware}, the first outermost: {@code chain(h, a, b)} is
     * {@code a.wrap(b.wrap(h))}, so {@code a} sees the request first and the response last. Use it for
     * middleware on one route: {@code router.handle("GET /slow", Handlers.chain(h, RouteTimeout.of(d)))}.
     */
    public static HttpHandler chain(HttpHandler handler, Middleware... middleware) {
        return chain(handler, List.of(middleware));
    }

    /** {@link #chain(HttpHandler, Middleware...)} with a list. */
    public static HttpHandler chain(HttpHandler handler, List<Middleware> middleware) {
        HttpHandler h = Objects.requireNonNull(handler, "handler");
        for (int i = middleware.size() - 1; i >= 0; i--) {
            h = Objects.requireNonNull(middleware.get(i).wrap(h), "middleware returned a null handler");
        }
        return h;
    }
}
