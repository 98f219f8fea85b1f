package sifr.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Cross-origin resource sharing (the Fetch standard's CORS protocol) for the handlers it wraps.
 *
 * <ul>
 *   <li>A request without {@code Origin} is not a CORS request: passed on untouched.
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is
 *       answered here without calling the handler: {@code 204} with {@code Access-Control-Allow-Origin},
 *       {@code -Allow-Methods}, {@code -Allow-Headers} (the requested ones, when all are allowed),
 *       {@code -Max-Age} and {@code -Allow-Credentials} when enabled; {@code 403} (a problem
 *       response, no CORS fields) when the origin, the method or one of the headers is not allowed.
 *       GET, HEAD and POST are always allowed methods, as CORS-safelisted.
 *   <li>Any other request from an allowed origin goes to the handler, and its response gets
 *       {@code Access-Control-Allow-Origin} (the origin itself, or {@code *} when any origin is allowed
 *       without credentials), {@code -Allow-Credentials} and {@code -Expose-Headers} as configured. From
 *       an origin not allowed: passed on without CORS fields, so the browser keeps the response from the
 *       page (the server still runs the request: CORS guards reading, not sending; use CSRF defences
 *       for state-changing requests).
 *   <li>{@code Vary: Origin} is added whenever the answer depends on the origin (every response
 *       unless any origin is allowed without credentials), so caches keep answers apart.
 * </ul>
 * The credentials rules are enforced by {@link CorsOptions}: no {@code *} with credentials.
 */
public final class Cors {
    private Cors() {
    }

    /** The middleware for these options. */
    public static Middleware middleware(CorsOptions options) {
        Objects.requireNonNull(options, "options");
        boolean anyOrigin = options.allowedOrigins().contains("*");
        boolean varies = !anyOrigin || options.allowCredentials();
        String exposed = String.join(", ", options.exposedHeaders());
        String maxAge = Long.toString(options.maxAge().toSeconds());
        return next -> request -> {
            String origin = request.headers().get("origin").orElse(null);
            if (origin == null) {
                HttpResponse response = next.handle(request);
                return varies ? vary(response, "origin") : response;
            }
            boolean allowed = anyOrigin || options.allowedOrigins().contains(origin.toLowerCase(Locale.ROOT));
            String allowOrigin = anyOrigin && !options.allowCredentials() ? "*" : origin;
            String requestedMethod = request.headers().get("access-control-request-method").orElse(null);
            if (request.method().equals(Method.OPTIONS) && requestedMethod != null) {
                List<String> requestedHeaders = headerList(request.headers().getAll("access-control-request-headers"));
                if (!allowed || !methodAllowed(options, requestedMethod) || !headersAllowed(options, requestedHeaders)) {
                    return vary(Problems.response(403, "CORS preflight refused: origin, method or headers not allowed"),
                            "origin, access-control-request-method, access-control-request-headers");
                }
                HeaderMap.Builder h = HeaderMap.builder().add("access-control-allow-origin", allowOrigin)
                        .add("access-control-allow-methods", options.allowedMethods().contains("*")
                                ? requestedMethod : String.join(", ", options.allowedMethods()));
                if (!requestedHeaders.isEmpty()) {
                    h.add("access-control-allow-headers", String.join(", ", requestedHeaders));
                }
                if (options.allowCredentials()) {
                    h.add("access-control-allow-credentials", "true");
                }
                h.add("access-control-max-age", maxAge)
                        .add("vary", "origin, access-control-request-method, access-control-request-headers");
                return HttpResponse.of(204, h.build());
            }
            HttpResponse response = next.handle(request);
            if (!allowed) {
                return varies ? vary(response, "origin") : response;
            }
            HeaderMap.Builder h = response.headers().toBuilder().set("access-control-allow-origin", allowOrigin);
            if (options.allowCredentials()) {
                h.set("access-control-allow-credentials", "true");
            }
            if (!exposed.isEmpty()) {
                h.set("access-control-expose-headers", exposed);
            }
            HttpResponse withCors = HttpResponse.of(response.head().withHeaders(h.build()), response.body());
            return varies ? vary(withCors, "origin") : withCors;
        };
    }

    private static boolean methodAllowed(CorsOptions options, String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("POST")
                || options.allowedMethods().contains("*") || options.allowedMethods().contains(method);
    }

    private static boolean headersAllowed(CorsOptions options, List<String> requested) {
        return options.allowedHeaders().contains("*") || options.allowedHeaders().containsAll(requested);
    }

    /** The comma-separated names of {@code Access-Control-Request-Headers}, lowercased. */
    private static List<String> headerList(List<String> fields) {
        List<String> names = new ArrayList<>();
        for (String field : fields) {
            for (String part : field.split(",")) {
                String name = part.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && names.size() < 64) { // bounded: a preflight names a few headers
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** {@code response} with {@code names} added to its {@code Vary} (kept if already there or {@code *}). */
    static HttpResponse vary(HttpResponse response, String names) {
        List<String> existing = response.headers().getAll("vary");
        for (String v : existing) {
            if (v.strip().equals("*") || v.toLowerCase(Locale.ROOT).contains(names)) {
                return response;
            }
        }
        return Responses.withHeader(response, "vary", names);
    }
}
