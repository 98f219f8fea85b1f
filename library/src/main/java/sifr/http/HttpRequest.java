package sifr.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import sifr.http.internal.route.RawPath;
import sifr.net.SocketAddr;
import sifr.url.UrlQuery;

/**
 * A received request: its head, its body (streamed from the connection: read it within the handler)
 * and the peer's address. A {@link Router} hands its handlers a copy that also carries the matched
 * pattern and its path parameters ({@link #pathParam(String)}).
 */
public final class HttpRequest {
    private static final String[] NONE = new String[0];

    private final RequestHead head;
    private final BodyStream body;
    private final SocketAddr remoteAddr;
    private final String routePattern; // null: not routed
    private final String[] paramNames;
    /** Null while the values are still offsets into the target: cut from it by {@code paramSlots}. */
    private final String[] paramValues;
    /** With {@code paramValues} null: where each value is in the target ({@code RawPath.param}). */
    private final int[] paramSlots;
    /**
     * Shared by a request and every routed copy of it: the innermost pattern a router matched, so that
     * middleware around a router (an access log) learns the route of the request it passed in.
     */
    private final String[] matched;
    private UrlQuery query; // parsed on first use; a benign race (UrlQuery is immutable)

    private HttpRequest(RequestHead head, BodyStream body, SocketAddr remoteAddr, String routePattern,
                        String[] paramNames, String[] paramValues, int[] paramSlots, String[] matched) {
        this.matched = matched;
        this.head = Objects.requireNonNull(head, "head");
        this.body = Objects.requireNonNull(body, "body");
        this.remoteAddr = remoteAddr;
        this.routePattern = routePattern;
        this.paramNames = paramNames;
        this.paramValues = paramValues;
        this.paramSlots = paramSlots;
    }

    /** A request as a transport hands it to a handler. */
    public static HttpRequest of(RequestHead head, BodyStream body, SocketAddr remoteAddr) {
        return new HttpRequest(head, body, Objects.requireNonNull(remoteAddr, "remoteAddr"), null, NONE, NONE, null, new String[1]);
    }

    /** A request without a peer (for calling handlers directly, e.g. in tests). */
    public static HttpRequest of(RequestHead head, BodyStream body) {
        return new HttpRequest(head, body, null, null, NONE, NONE, null, new String[1]);
    }

    /**
     * This request as a router passes it on: {@code newHead} (a mount point strips its prefix from
     * the target), the matched pattern, and these path parameters after any the request already had
     * (a sub-router's parameters come after its mount point's; a later name shadows an earlier one).
     */
    HttpRequest routed(RequestHead newHead, String pattern, String[] names, String[] values) {
        String[] n = names;
        String[] v = values;
        if (paramNames.length > 0) {
            n = new String[paramNames.length + names.length];
            v = new String[n.length];
            System.arraycopy(paramNames, 0, n, 0, paramNames.length);
            System.arraycopy(names, 0, n, paramNames.length, names.length);
            for (int i = 0; i < paramNames.length; i++) {
                v[i] = paramValue(i);
            }
            System.arraycopy(values, 0, v, paramNames.length, values.length); // paramValues is null while lazy
        }
        matched[0] = pattern;
        return new HttpRequest(newHead, body, remoteAddr, pattern, n, v, null, matched);
    }

    /**
     * This request as a router passes it on for a target it matched raw (a clean path without
     * escapes, so a value is its raw text): same head, and the parameters as offsets into the
     * target, cut only when a handler asks for one. A request that already has parameters (under a
     * mount) gets them cut now and appended, as {@link #routed}.
     */
    HttpRequest routedLazily(String pattern, String[] names, int[] slots) {
        if (paramNames.length > 0) {
            String[] values = new String[slots.length];
            for (int i = 0; i < slots.length; i++) {
                values[i] = RawPath.param(head.path(), slots[i]);
            }
            return routed(head, pattern, names, values);
        }
        matched[0] = pattern;
        return new HttpRequest(head, body, remoteAddr, pattern, names, null, slots, matched);
    }

    private String paramValue(int i) {
        return paramValues != null ? paramValues[i] : RawPath.param(head.path(), paramSlots[i]);
    }

    public RequestHead head() {
        return head;
    }

    public BodyStream body() {
        return body;
    }

    /** The trailer fields; complete once the body has been read to its end. */
    public HeaderMap trailers() {
        return body.trailers();
    }

    /** The peer's address; empty for a request that did not come from a connection. */
    public Optional<SocketAddr> remoteAddr() {
        return Optional.ofNullable(remoteAddr);
    }

    public Method method() {
        return head.method();
    }

    /** The request target as sent (for origin-form: path and query, still percent-encoded). */
    public String path() {
        return head.path();
    }

    public HeaderMap headers() {
        return head.headers();
    }

    /**
     * The value of the route's wildcard {@code name}: the percent-decoded path segment it matched
     * ({@code %2F} decodes to a {@code /} inside the value), or for a rest wildcard {@code {name...}}
     * the decoded rest of the path, segments joined with {@code /} (empty when the path ends at the
     * wildcard's slash).
     *
     * @throws IllegalArgumentException {@code no path parameter "name" in route "pattern"}, or
     *     {@code no path parameter "name": the request was not routed} outside a {@link Router}
     */
    public String pathParam(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = paramNames.length - 1; i >= 0; i--) {
            if (paramNames[i].equals(name)) {
                return paramValue(i);
            }
        }
        throw new IllegalArgumentException(routePattern == null
                ? "no path parameter \"" + name + "\": the request was not routed"
                : "no path parameter \"" + name + "\" in route \"" + routePattern + "\"");
    }

    /** Every path parameter by name, in path order (unmodifiable; empty when not routed). */
    public Map<String, String> pathParams() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < paramNames.length; i++) {
            map.put(paramNames[i], paramValue(i));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** The pattern of the route that took the request ({@code GET /items/{id}}); empty when not routed. */
    public Optional<String> routePattern() {
        return Optional.ofNullable(routePattern);
    }

    /** The innermost route pattern a router matched for this request or a routed copy of it, or null. */
    String matchedRoute() {
        return matched[0];
    }

    /**
     * The target's query ({@code a=1&b=x+y} after the {@code ?}) as form-urlencoded pairs, parsed
     * leniently like the URL Standard's {@code URLSearchParams} (never throws: bad escapes stay as
     * they are, bytes that are not UTF-8 become U+FFFD). Empty without a query.
     */
    public UrlQuery query() {
        UrlQuery q = query;
        if (q == null) {
            String target = head.path();
            int mark = target.indexOf('?');
            q = mark < 0 ? UrlQuery.of() : UrlQuery.parse(target.substring(mark + 1));
            query = q;
        }
        return q;
    }

    @Override
    public String toString() {
        return head.toString();
    }
}
