package sifr.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.internal.ExtendedConnect;
import sifr.http.internal.route.PathResult;
import sifr.http.internal.route.PathSegments;
import sifr.http.internal.route.PatternRelation;
import sifr.http.internal.route.RawPath;
import sifr.http.internal.route.RoutePattern;
import sifr.http.internal.route.RouteTree;

/**
 * Routes requests to handlers by method and path, with patterns in the style of Go 1.22's
 * {@code ServeMux}; a router is itself an {@link HttpHandler}.
 *
 * <pre>{@code
 * Router router = Router.create();
 * router.handle("GET /items/{id}", request -> Responses.text(200, "item " + request.pathParam("id")));
 * router.handle("POST /items", request -> Responses.status(201));
 * router.handle("GET /static/{path...}", files);
 * router.use(RequestId.middleware());
 * HttpServer.start("127.0.0.1:8080", router);
 * }</pre>
 *
 * <p><b>Patterns.</b> {@code [METHOD ]/path}. Without a method a pattern matches every method; a
 * {@code GET} pattern also matches {@code HEAD} (the server sends no body for HEAD). Path segments are
 * literals (matched exactly, case-sensitively), {@code {name}} (one non-empty segment),
 * {@code {name...}} (the rest of the path, last only) or {@code {$}} (the end of the path, last only).
 * A pattern ending in {@code /} matches every path below it: {@code /static/} takes {@code /static/}
 * and {@code /static/a/b}; {@code /static/{$}} takes only {@code /static/}; {@code /static} takes only
 * {@code /static}.
 *
 * <p><b>Precedence and conflicts.</b> When several patterns match a request, the most specific wins:
 * the one whose requests are a strict subset of the other's ({@code /items/new} over
 * {@code /items/{id}}, {@code GET /a} over {@code /a}, {@code HEAD /a} over {@code GET /a}).
 * Registering a pattern that matches exactly the same requests as an earlier one, or that overlaps it
 * with neither more specific ({@code GET /items/{id}} and {@code /items/new}), fails at once with
 * {@code IllegalArgumentException} naming both patterns and a path both match.
 *
 * <p><b>Percent-decoding.</b> The target's path is split at its literal {@code /} first, then each
 * segment is percent-decoded (UTF-8) and compared with the pattern's (decoded) literals; wildcard
 * values are the decoded segments. So {@code /files/a%2Fb} has the one segment {@code a/b}: it
 * matches {@code /files/{name}} with {@code name = "a/b"}, and not {@code /files/a/b}. A path with a
 * bad escape ({@code %zz}), an encoded NUL or bytes that are not UTF-8 gets {@code 400}.
 *
 * <p><b>Automatic answers.</b> A path with dot segments ({@code .}, {@code ..}, encoded ones too) or
 * {@code //} is redirected to its clean form; a path without its trailing slash is redirected to the
 * slash form when only that matches ({@code /docs} to {@code /docs/}); both with {@code 301} for GET
 * and HEAD, {@code 308} for other methods (which keeps the method and body), query kept. A path that
 * no pattern of the request's method matches gets {@code 405} with {@code Allow} when patterns of
 * other methods match it ({@code OPTIONS} gets {@code 204} with {@code Allow} instead, unless a route
 * takes OPTIONS itself; {@code OPTIONS *} lists every method), else {@code 404} (see
 * {@link #notFound}). Absolute-form targets ({@code http://host/path}) are routed by their path.
 *
 * <p><b>Mounting.</b> {@link #mount} hands every request under a prefix to another handler (often
 * another router) with the prefix removed from the target; wildcards of the prefix reach it as path
 * parameters.
 *
 * <p><b>Limits and threads.</b> At most {@value #MAX_ROUTES} routes; a pattern has at most 64 segments,
 * a request path at most 1024. Registering ({@code handle}, {@code mount}, {@code use},
 * {@code notFound}) is safe from any thread and may happen while serving: each registration publishes
 * a new immutable table, so a request sees the routes as they were when it arrived.
 */
public final class Router implements HttpHandler {
    /** The most routes one router holds: registration is linear in the routes (conflict checks). */
    public static final int MAX_ROUTES = 10_000;

    private static final String ANY = "";

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Route> routes = new ArrayList<>();
    private final List<Middleware> middleware = new ArrayList<>();
    private volatile HttpHandler notFound = Router::defaultNotFound;
    private volatile Table table = new Table(List.of());
    private volatile HttpHandler entry = this::dispatch;

    /**
     * A registered route, with what the per-request path needs precomputed: its wildcard names, where
     * each wildcard's value is in the path ({@code slots}: segment {@code k}, or {@code ~k} for a rest
     * wildcard from segment {@code k} on) and where its rest begins ({@code restAt}, -1 without one).
     */
    private record Route(RoutePattern pattern, HttpHandler handler, boolean mount, String[] names, int[] slots,
                         int restAt) {
        Route(RoutePattern pattern, HttpHandler handler, boolean mount) {
            this(pattern, handler, mount, pattern.names().toArray(new String[0]), slots(pattern), restAt(pattern));
        }

        private static int[] slots(RoutePattern pattern) {
            int[] slots = new int[pattern.names().size()];
            int n = 0;
            List<RoutePattern.Segment> segments = pattern.segments();
            for (int k = 0; k < segments.size(); k++) {
                RoutePattern.Segment s = segments.get(k);
                if (s.kind() == RoutePattern.Kind.WILDCARD) {
                    slots[n++] = k;
                } else if (s.kind() == RoutePattern.Kind.REST && !s.text().isEmpty()) {
                    slots[n++] = ~k;
                }
            }
            return slots;
        }

        private static int restAt(RoutePattern pattern) {
            int last = pattern.segments().size() - 1;
            return pattern.segments().get(last).kind() == RoutePattern.Kind.REST ? last : -1;
        }
    }

    private Router() {
    }

    /** An empty router: every request gets {@code 404} until routes are added. */
    public static Router create() {
        return new Router();
    }

    /**
     * Routes requests that match {@code pattern} to {@code handler}.
     *
     * @return this router
     * @throws IllegalArgumentException {@code invalid route pattern "...": reason}, or
     *     {@code route pattern "A" conflicts with "B": ...} for a pattern that an earlier one makes
     *     ambiguous, or {@code a router holds at most 10000 routes}
     */
    public Router handle(String pattern, HttpHandler handler) {
        add(RoutePattern.parse(pattern), Objects.requireNonNull(handler, "handler"), false);
        return this;
    }

    /**
     * Hands every request whose path is below {@code prefix} ({@code /api}: {@code /api/} and
     * everything under it, any method) to {@code handler}, with the prefix cut from the target:
     * {@code GET /api/items?x=1} arrives as {@code GET /items?x=1}. {@code /api} itself is redirected
     * to {@code /api/}. Wildcards in the prefix ({@code /users/{uid}}) become path parameters of the
     * mounted handler's requests. More specific routes of this router still win.
     *
     * @return this router
     * @throws IllegalArgumentException for a prefix with a method, a trailing {@code /}, a rest
     *     wildcard or {@code {$}}, or one that conflicts with a route (as {@link #handle})
     */
    public Router mount(String prefix, HttpHandler handler) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(handler, "handler");
        if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("...}") || prefix.contains("{$}")) {
            throw new IllegalArgumentException("invalid mount prefix \"" + prefix
                    + "\": a path without method, trailing slash, {name...} or {$}, such as /api");
        }
        add(RoutePattern.parse(prefix + "/"), handler, true);
        return this;
    }

    /**
     * Adds middleware around this router's whole dispatch (automatic 404, 405 and redirects included),
     * in order: the first {@code use} is the outermost. For middleware on one route, wrap its handler
     * with {@link Handlers#chain}.
     *
     * @return this router
     */
    public Router use(Middleware... wrappers) {
        lock.lock();
        try {
            for (Middleware m : wrappers) {
                middleware.add(Objects.requireNonNull(m, "middleware"));
            }
            entry = Handlers.chain(this::dispatch, middleware);
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Answers requests no pattern matches (default: {@code 404} with a short text body). */
    public Router notFound(HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        lock.lock();
        try {
            notFound = handler;
        } finally {
            lock.unlock();
        }
        return this;
    }

    private void add(RoutePattern pattern, HttpHandler handler, boolean mount) {
        lock.lock();
        try {
            if (routes.size() >= MAX_ROUTES) {
                throw new IllegalArgumentException("a router holds at most " + MAX_ROUTES + " routes");
            }
            for (Route r : routes) {
                PatternRelation rel = PatternRelation.of(pattern, r.pattern());
                if (rel.isConflict()) {
                    throw conflict(pattern, r.pattern(), rel);
                }
            }
            routes.add(new Route(pattern, handler, mount));
            table = new Table(routes);
        } finally {
            lock.unlock();
        }
    }

    private static IllegalArgumentException conflict(RoutePattern added, RoutePattern earlier, PatternRelation rel) {
        String method = added.method() != null ? added.method().value()
                : earlier.method() != null ? earlier.method().value() : "GET";
        String example = method + " " + PatternRelation.commonPath(added, earlier);
        String why = rel == PatternRelation.EQUIVALENT ? "both match the same requests"
                : "both match some requests (such as " + example + ") and neither is more specific";
        return new IllegalArgumentException("route pattern \"" + added.text() + "\" conflicts with \""
                + earlier.text() + "\" (registered earlier): " + why);
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws Exception {
        return entry.handle(request);
    }

    private HttpResponse dispatch(HttpRequest request) throws Exception {
        Table t = table;
        String target = request.path();
        // RFC 8441: a WebSocket over HTTP/2 arrives as an extended CONNECT; it goes where its HTTP/1.1 form, a GET, would
        Method method = request.body() instanceof ExtendedConnect ? Method.GET : request.method();
        // the common case, a clean path without escapes, is matched on the target itself (RawPath);
        // a miss, or a path that needs cleaning or decoding, takes the split path (404, 405, redirects)
        if (target.charAt(0) == '/') {
            Route route = t.find(method, target);
            if (route != null) {
                return callRaw(request, route, target);
            }
        }
        return dispatchSplit(request, t, method, target);
    }

    /** Any other target: cleaned (redirect), checked (400) and decoded segment by segment, then matched. */
    private HttpResponse dispatchSplit(HttpRequest request, Table t, Method method, String target) throws Exception {
        if (target.equals("*")) {
            if (method.equals(Method.OPTIONS)) {
                return withAllow(204, t.allMethods());
            }
            return Responses.text(400, "400 Bad Request: * is a target for OPTIONS only\n");
        }
        int pathStart = 0;
        if (!target.startsWith("/")) {
            int scheme = target.indexOf("://");
            if (scheme <= 0) {
                return Responses.text(400, "400 Bad Request: the target is not a path\n");
            }
            int slash = target.indexOf('/', scheme + 3);
            int mark = target.indexOf('?', scheme + 3);
            if (slash < 0 || (mark >= 0 && mark < slash)) {
                target = "/" + (mark < 0 ? "" : target.substring(mark));
            } else {
                pathStart = slash;
            }
        }
        int mark = target.indexOf('?', pathStart);
        String path = mark < 0 ? target.substring(pathStart) : target.substring(pathStart, mark);
        String query = mark < 0 ? "" : target.substring(mark);
        PathResult split = PathSegments.split(path);
        if (split instanceof PathSegments.Bad bad) {
            return Responses.text(400, "400 Bad Request: " + bad.reason() + "\n");
        }
        if (split instanceof PathSegments.Redirect redirect) {
            return redirect(method, redirect.cleanPath() + query);
        }
        PathSegments segments = (PathSegments) split;
        Route route = t.find(method, segments);
        if (route != null) {
            return callSplit(request, route, segments, query);
        }
        if (!path.endsWith("/") && PathSegments.split(path + "/") instanceof PathSegments slashed
                && t.find(method, slashed) != null) {
            return redirect(method, path + "/" + query);
        }
        return unmatched(request, method, t.allowed(segments));
    }

    /** No route of the request's method matches: 405 (or 204 for OPTIONS) with the methods that do, else 404. */
    private HttpResponse unmatched(HttpRequest request, Method method, TreeSet<String> allowed) throws Exception {
        if (!allowed.isEmpty()) {
            return withAllow(method.equals(Method.OPTIONS) ? 204 : 405, allowed);
        }
        return notFound.handle(request);
    }

    /**
     * Calls the route for a target matched raw: its parameters stay offsets into the target, cut on
     * {@code pathParam} (no value array, no substring unless asked for); a mount's prefix parameters
     * are cut now, since the mounted handler's target is another string.
     */
    private static HttpResponse callRaw(HttpRequest request, Route route, String target) throws Exception {
        if (!route.mount()) {
            HttpRequest routed = request.routedLazily(route.pattern().text(), route.names(), route.slots());
            return route.handler().handle(routed);
        }
        int[] slots = route.slots();
        String[] values = new String[slots.length];
        for (int i = 0; i < slots.length; i++) {
            values[i] = RawPath.param(target, slots[i]);
        }
        // from the slash before the rest: "/" + rest + query
        String rest = target.substring(RawPath.segmentStart(target, route.restAt()) - 1);
        RequestHead head = request.head();
        head = new RequestHead(head.method(), rest, head.headers(), head.version());
        return route.handler().handle(request.routed(head, route.pattern().text(), route.names(), values));
    }

    /** Calls the route for a split (decoded) path: the parameters are its decoded segments. */
    private static HttpResponse callSplit(HttpRequest request, Route route, PathSegments segments, String query)
            throws Exception {
        int[] slots = route.slots();
        String[] values = new String[slots.length];
        for (int i = 0; i < slots.length; i++) {
            values[i] = slots[i] >= 0 ? segments.segment(slots[i]) : segments.decodedFrom(~slots[i]);
        }
        RequestHead head = request.head();
        if (route.mount()) {
            String rest = "/" + segments.rawFrom(route.restAt()) + query;
            head = new RequestHead(head.method(), rest, head.headers(), head.version());
        }
        return route.handler().handle(request.routed(head, route.pattern().text(), route.names(), values));
    }

    private static HttpResponse redirect(Method method, String location) {
        boolean safe = method.equals(Method.GET) || method.equals(Method.HEAD);
        return Responses.redirect(safe ? 301 : 308, location);
    }

    private static HttpResponse withAllow(int status, TreeSet<String> methods) {
        methods.add("OPTIONS");
        HeaderMap headers = HeaderMap.of("allow", String.join(", ", methods));
        if (status == 405) {
            return HttpResponse.of(405, headers.add("content-type", "text/plain; charset=utf-8"),
                    BodyStream.ofBytes("405 Method Not Allowed\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return HttpResponse.of(status, headers);
    }

    private static HttpResponse defaultNotFound(HttpRequest request) {
        return Responses.text(404, "404 Not Found\n");
    }

    /**
     * The routes of one registration state, by method; immutable once built. GET, HEAD and the
     * routes of every method have their own fields, so that the common lookups need no map.
     */
    private static final class Table {
        final Map<String, RouteTree<Route>> byMethod = new HashMap<>();
        final RouteTree<Route> get;
        final RouteTree<Route> head;
        final RouteTree<Route> any;

        Table(List<Route> routes) {
            for (Route r : routes) {
                String key = r.pattern().method() == null ? ANY : r.pattern().method().value();
                byMethod.computeIfAbsent(key, k -> new RouteTree<>()).add(r.pattern(), r);
            }
            get = byMethod.get("GET");
            head = byMethod.get("HEAD");
            any = byMethod.get(ANY);
        }

        private RouteTree<Route> own(Method method) {
            return method == Method.GET ? get : method == Method.HEAD ? head : byMethod.get(method.value());
        }

        /** This method's routes, then GET's for HEAD, then the routes of every method; raw target. */
        Route find(Method method, String target) {
            RouteTree<Route> own = own(method);
            Route r = own == null ? null : own.find(target);
            if (r == null && get != null && method.equals(Method.HEAD)) {
                r = get.find(target);
            }
            if (r == null && any != null) {
                r = any.find(target);
            }
            return r;
        }

        /** As above, for a split path. */
        Route find(Method method, PathSegments path) {
            RouteTree<Route> own = own(method);
            Route r = own == null ? null : own.find(path);
            if (r == null && get != null && method.equals(Method.HEAD)) {
                r = get.find(path);
            }
            if (r == null && any != null) {
                r = any.find(path);
            }
            return r;
        }

        /** The methods whose routes match {@code path}; a GET route allows HEAD too. */
        TreeSet<String> allowed(PathSegments path) {
            TreeSet<String> methods = new TreeSet<>();
            for (Map.Entry<String, RouteTree<Route>> e : byMethod.entrySet()) {
                RouteTree<Route> tree = e.getValue();
                if (!e.getKey().equals(ANY) && tree.find(path) != null) {
                    methods.add(e.getKey());
                    if (e.getKey().equals("GET")) {
                        methods.add("HEAD");
                    }
                }
            }
            return methods;
        }

        TreeSet<String> allMethods() {
            TreeSet<String> methods = new TreeSet<>();
            for (String key : byMethod.keySet()) {
                if (!key.equals(ANY)) {
                    methods.add(key);
                    if (key.equals("GET")) {
                        methods.add("HEAD");
                    }
                }
            }
            return methods;
        }
    }
}
