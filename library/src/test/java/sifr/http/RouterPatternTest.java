package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The router's pattern rules, after Go 1.22's {@code net/http.ServeMux} documentation ("Patterns",
 * "Precedence", "Trailing-slash redirection", "Request sanitizing"): which pattern takes a request,
 * which registrations conflict, how paths are decoded. Handlers answer with the pattern and
 * parameters they saw, called directly (no server).
 */
class RouterPatternTest {

    static HttpHandler echo(String name) {
        return request -> Responses.text(200, name + " " + request.pathParams());
    }

    static HttpResponse send(HttpHandler h, String method, String target) throws Exception {
        return h.handle(HttpRequest.of(Http.requestHead(method, target, HeaderMap.empty()), BodyStream.empty()));
    }

    static String body(HttpResponse r) throws Exception {
        return new String(r.body().collectWithLimit(1 << 20), StandardCharsets.UTF_8);
    }

    static String answer(HttpHandler h, String method, String target) throws Exception {
        HttpResponse r = send(h, method, target);
        return r.status().code() + " " + body(r).strip();
    }

    @Test
    void goServeMuxPatternsLiteralWildcardAndRest() throws Exception {
        Router r = Router.create()
                .handle("GET /items/{id}", echo("item"))
                .handle("/b/{bucket}/o/{objectname...}", echo("object"))
                .handle("GET /static/", echo("static"));
        assertThat(answer(r, "GET", "/items/42")).isEqualTo("200 item {id=42}");
        assertThat(answer(r, "GET", "/b/photos/o/2024/cat.jpg")).isEqualTo("200 object {bucket=photos, objectname=2024/cat.jpg}");
        assertThat(answer(r, "PUT", "/b/photos/o/x")).isEqualTo("200 object {bucket=photos, objectname=x}");
        assertThat(answer(r, "GET", "/static/a/b.css")).isEqualTo("200 static {}");
        assertThat(answer(r, "GET", "/static/")).isEqualTo("200 static {}");
        assertThat(send(r, "GET", "/items/42/more").status().code()).isEqualTo(404);
    }

    @Test
    void goServeMuxWildcardNeverMatchesAnEmptySegment() throws Exception {
        Router r = Router.create().handle("GET /items/{id}", echo("item"));
        assertThat(send(r, "GET", "/items/").status().code()).isEqualTo(404);
    }

    @Test
    void goServeMuxRestWildcardMatchesTheEmptyRest() throws Exception {
        Router r = Router.create().handle("GET /files/{path...}", echo("files"));
        assertThat(answer(r, "GET", "/files/")).isEqualTo("200 files {path=}");
        assertThat(answer(r, "GET", "/files/a/b/")).isEqualTo("200 files {path=a/b/}");
    }

    @Test
    void goServeMuxDollarMatchesOnlyTheSlashForm() throws Exception {
        Router r = Router.create().handle("GET /posts/{$}", echo("list")).handle("GET /posts/{id}", echo("post"));
        assertThat(answer(r, "GET", "/posts/")).isEqualTo("200 list {}");
        assertThat(answer(r, "GET", "/posts/7")).isEqualTo("200 post {id=7}");
        assertThat(send(r, "GET", "/posts/7/x").status().code()).isEqualTo(404);
        Router root = Router.create().handle("/{$}", echo("home"));
        assertThat(answer(root, "GET", "/")).isEqualTo("200 home {}");
        assertThat(send(root, "GET", "/x").status().code()).isEqualTo(404);
    }

    @Test
    void goServeMuxPrecedenceMostSpecificWins() throws Exception {
        Router r = Router.create()
                .handle("/items/{id}", echo("any-id"))
                .handle("/items/new", echo("new"))
                .handle("GET /items/new", echo("get-new"))
                .handle("/", echo("root"))
                .handle("/items/", echo("below-items"));
        assertThat(answer(r, "GET", "/items/new")).isEqualTo("200 get-new {}");
        assertThat(answer(r, "POST", "/items/new")).isEqualTo("200 new {}");
        assertThat(answer(r, "GET", "/items/3")).isEqualTo("200 any-id {id=3}");
        assertThat(answer(r, "GET", "/items/3/4")).isEqualTo("200 below-items {}");
        assertThat(answer(r, "GET", "/other")).isEqualTo("200 root {}");
    }

    @Test
    void wideNodesOfManyLiteralSiblingsMatchLikeNarrowOnes() throws Exception {
        Router r = Router.create().handle("GET /{kind}/any/more", echo("wild"));
        for (int i = 0; i < 40; i++) {
            r.handle("GET /r" + i + "/{id}", echo("r" + i));
        }
        assertThat(answer(r, "GET", "/r7/x")).isEqualTo("200 r7 {id=x}");
        assertThat(answer(r, "GET", "/r39/y")).isEqualTo("200 r39 {id=y}");
        assertThat(answer(r, "GET", "/r%33%39/z")).as("decoded before the lookup").isEqualTo("200 r39 {id=z}");
        assertThat(answer(r, "GET", "/r3/any/more")).as("back from a literal to the wildcard").isEqualTo("200 wild {kind=r3}");
    }

    @Test
    void goServeMuxPrecedenceBacktracksFromADeadLiteral() throws Exception {
        Router r = Router.create().handle("/a/b/c", echo("abc")).handle("/a/{x}/d", echo("axd"));
        assertThat(answer(r, "GET", "/a/b/d")).isEqualTo("200 axd {x=b}");
    }

    @Test
    void goServeMuxHeadIsAnsweredByGetAndHeadPatternIsMoreSpecific() throws Exception {
        Router r = Router.create().handle("GET /a", echo("get"));
        assertThat(answer(r, "HEAD", "/a")).isEqualTo("200 get {}");
        r.handle("HEAD /a", echo("head"));
        assertThat(answer(r, "HEAD", "/a")).isEqualTo("200 head {}");
    }

    @Test
    void goServeMuxConflictEquivalentPatternsAreRefusedNamingBoth() {
        Router r = Router.create().handle("GET /items/{id}", echo("a"));
        assertThatThrownBy(() -> r.handle("GET /items/{name}", echo("b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route pattern \"GET /items/{name}\" conflicts with \"GET /items/{id}\" (registered earlier): "
                        + "both match the same requests");
    }

    @Test
    void goServeMuxConflictOverlappingPatternsAreRefusedWithACommonRequest() {
        Router r = Router.create().handle("GET /items/{id}", echo("a"));
        assertThatThrownBy(() -> r.handle("/items/new", echo("b")))
                .hasMessage("route pattern \"/items/new\" conflicts with \"GET /items/{id}\" (registered earlier): "
                        + "both match some requests (such as GET /items/new) and neither is more specific");
        Router s = Router.create().handle("/a/{x}", echo("a"));
        assertThatThrownBy(() -> s.handle("/{y}/b", echo("b"))).hasMessageContaining("such as GET /a/b");
        Router t = Router.create().handle("/a/{rest...}", echo("a"));
        assertThatThrownBy(() -> t.handle("/{x}/b/", echo("b"))).hasMessageContaining("conflicts with \"/a/{rest...}\"");
    }

    @Test
    void goServeMuxNoConflictBetweenDisjointOrNestedPatterns() {
        Router r = Router.create()
                .handle("GET /a/{x}", echo("1")).handle("POST /a/{x}", echo("2"))
                .handle("GET /a/{x}/c", echo("3")).handle("/b/", echo("4")).handle("GET /a/b", echo("5"))
                .handle("GET /a/{$}", echo("6")).handle("GET /a/", echo("7"));
        assertThat(r).isNotNull();
    }

    @Test
    void invalidPatternsAreRefusedWithTheReason() {
        Router r = Router.create();
        assertThatThrownBy(() -> r.handle("items", echo("x"))).hasMessage(
                "invalid route pattern \"items\": the path must start with / (host patterns are not supported)");
        assertThatThrownBy(() -> r.handle("/b_{bucket}", echo("x"))).hasMessageContaining("a wildcard must be a whole segment");
        assertThatThrownBy(() -> r.handle("/{a...}/b", echo("x"))).hasMessageContaining("{a...} must be the last segment");
        assertThatThrownBy(() -> r.handle("/{$}/b", echo("x"))).hasMessageContaining("{$} must be the last segment");
        assertThatThrownBy(() -> r.handle("/{a}/{a}", echo("x"))).hasMessageContaining("duplicate wildcard name \"a\"");
        assertThatThrownBy(() -> r.handle("/{1x}", echo("x"))).hasMessageContaining("is not an identifier");
        assertThatThrownBy(() -> r.handle("/a//b", echo("x"))).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> r.handle("G(T /a", echo("x"))).hasMessageContaining("the method is not a token");
        assertThatThrownBy(() -> r.handle("/a%zz", echo("x"))).hasMessageContaining("bad percent-encoding");
    }

    @Test
    void percentDecodingHappensPerSegmentAfterTheSplitSoEncodedSlashStaysInside() throws Exception {
        Router r = Router.create().handle("/files/{name}", echo("one")).handle("/files/a/b", echo("two"));
        assertThat(answer(r, "GET", "/files/a%2Fb")).isEqualTo("200 one {name=a/b}");
        assertThat(answer(r, "GET", "/files/a/b")).isEqualTo("200 two {}");
        assertThat(answer(r, "GET", "/files/caf%C3%A9%20au%20lait")).isEqualTo("200 one {name=café au lait}");
        Router literal = Router.create().handle("/a%2Fb", echo("encoded-literal"));
        assertThat(answer(literal, "GET", "/a%2fb")).isEqualTo("200 encoded-literal {}");
        assertThat(send(literal, "GET", "/a/b").status().code()).isEqualTo(404);
    }

    @Test
    void badPercentEncodingNulAndNonUtf8Get400() throws Exception {
        Router r = Router.create().handle("/{x}", echo("x"));
        for (String target : new String[] {"/%zz", "/%0", "/%00", "/%FF", "/a%C3"}) {
            assertThat(send(r, "GET", target).status().code()).as(target).isEqualTo(400);
        }
    }

    @Test
    void goServeMuxRequestSanitizingRedirectsDotSegmentsAndDoubleSlashes() throws Exception {
        Router r = Router.create().handle("/{x...}", echo("x"));
        HttpResponse dots = send(r, "GET", "/a/../b/./c?q=1");
        assertThat(dots.status().code()).isEqualTo(301);
        assertThat(dots.headers().get("location")).contains("/b/c?q=1");
        assertThat(send(r, "GET", "/a//b").headers().get("location")).contains("/a/b");
        assertThat(send(r, "GET", "/a/%2e%2E/b").headers().get("location")).contains("/b");
        assertThat(send(r, "GET", "/..").headers().get("location")).contains("/");
        HttpResponse post = send(r, "POST", "/a/./b");
        assertThat(post.status().code()).isEqualTo(308);
    }

    @Test
    void goServeMuxTrailingSlashRedirectWhenOnlyTheSlashFormMatches() throws Exception {
        Router r = Router.create().handle("GET /docs/", echo("docs")).handle("/exact", echo("exact"));
        HttpResponse moved = send(r, "GET", "/docs?v=2");
        assertThat(moved.status().code()).isEqualTo(301);
        assertThat(moved.headers().get("location")).contains("/docs/?v=2");
        assertThat(send(r, "GET", "/exact/").status().code()).isEqualTo(404);
    }

    @Test
    void rfc9110Section15_5_6MethodNotAllowedListsAllow() throws Exception {
        Router r = Router.create().handle("GET /items/{id}", echo("get")).handle("DELETE /items/{id}", echo("del"));
        HttpResponse put = send(r, "PUT", "/items/1");
        assertThat(put.status().code()).isEqualTo(405);
        assertThat(put.headers().get("allow")).contains("DELETE, GET, HEAD, OPTIONS");
        assertThat(send(r, "PUT", "/nothing").status().code()).isEqualTo(404);
    }

    @Test
    void rfc9110Section9_3_7OptionsIsAnsweredWithAllowAndOptionsStarListsEveryMethod() throws Exception {
        Router r = Router.create().handle("GET /a", echo("get")).handle("POST /b", echo("post"));
        HttpResponse a = send(r, "OPTIONS", "/a");
        assertThat(a.status().code()).isEqualTo(204);
        assertThat(a.headers().get("allow")).contains("GET, HEAD, OPTIONS");
        HttpResponse star = send(r, "OPTIONS", "*");
        assertThat(star.status().code()).isEqualTo(204);
        assertThat(star.headers().get("allow")).contains("GET, HEAD, OPTIONS, POST");
        assertThat(send(r, "GET", "*").status().code()).isEqualTo(400);
        r.handle("OPTIONS /a", echo("own-options"));
        assertThat(answer(r, "OPTIONS", "/a")).isEqualTo("200 own-options {}");
    }

    @Test
    void rfc9112Section3_2_2AbsoluteFormTargetsAreRoutedByTheirPath() throws Exception {
        Router r = Router.create().handle("GET /items/{id}", echo("item")).handle("GET /{$}", echo("home"));
        assertThat(answer(r, "GET", "http://example.com/items/9?x=1")).isEqualTo("200 item {id=9}");
        assertThat(answer(r, "GET", "http://example.com")).isEqualTo("200 home {}");
    }

    @Test
    void notFoundIsReplaceable() throws Exception {
        Router r = Router.create().notFound(request -> Responses.text(404, "nothing at " + request.path()));
        assertThat(answer(r, "GET", "/x")).isEqualTo("404 nothing at /x");
    }

    @Test
    void mountHandsTheRestWithThePrefixCutAndPrefixWildcardsAsParameters() throws Exception {
        Router users = Router.create().handle("GET /posts/{post}", request ->
                Responses.text(200, request.path() + " " + request.pathParams() + " " + request.routePattern().orElseThrow()));
        Router api = Router.create().mount("/users/{uid}", users).handle("GET /users/me/posts/x", echo("literal"));
        assertThat(answer(api, "GET", "/users/7/posts/9?full=1"))
                .isEqualTo("200 /posts/9?full=1 {uid=7, post=9} GET /posts/{post}");
        assertThat(answer(api, "GET", "/users/me/posts/x")).isEqualTo("200 literal {}");
        assertThat(send(api, "GET", "/users/7").headers().get("location")).contains("/users/7/");
        assertThat(send(api, "GET", "/users/7/nothing").status().code()).isEqualTo(404);
        assertThatThrownBy(() -> api.mount("/api/", users)).hasMessageContaining("invalid mount prefix");
    }

    @Test
    void pathParamOfAnUnknownNameNamesTheRoute() throws Exception {
        Router r = Router.create().handle("GET /items/{id}", request -> Responses.text(200, request.pathParam("nope")));
        assertThatThrownBy(() -> send(r, "GET", "/items/1"))
                .hasMessage("no path parameter \"nope\" in route \"GET /items/{id}\"");
        HttpRequest plain = HttpRequest.of(Http.requestHead("GET", "/", HeaderMap.empty()), BodyStream.empty());
        assertThatThrownBy(() -> plain.pathParam("id")).hasMessage("no path parameter \"id\": the request was not routed");
    }

    @Test
    void queryIsParsedAsFormUrlEncoded() throws Exception {
        Router r = Router.create().handle("GET /search", request ->
                Responses.text(200, request.query().get("q").orElse("-") + "|" + request.query().getAll("tag")));
        assertThat(answer(r, "GET", "/search?q=caf%C3%A9+au+lait&tag=a&tag=b")).isEqualTo("200 café au lait|[a, b]");
        assertThat(answer(r, "GET", "/search")).isEqualTo("200 -|[]");
    }

    @Test
    void middlewareOfUseRunsInOrderAroundTheWholeDispatch() throws Exception {
        StringBuilder trace = new StringBuilder();
        Middleware tag = next -> request -> {
            trace.append("a>");
            HttpResponse resp = next.handle(request);
            trace.append("<a");
            return resp;
        };
        Middleware inner = next -> request -> {
            trace.append("b>");
            HttpResponse resp = next.handle(request);
            trace.append("<b");
            return Responses.withHeader(resp, "x-b", "1");
        };
        Router r = Router.create().handle("GET /x", echo("x")).use(tag, inner);
        assertThat(send(r, "GET", "/x").headers().get("x-b")).contains("1");
        assertThat(trace.toString()).isEqualTo("a>b><b<a");
        assertThat(send(r, "GET", "/missing").headers().get("x-b")).as("404s pass the middleware too").contains("1");
        HttpHandler chained = Handlers.chain(echo("h"), tag, inner);
        trace.setLength(0);
        send(chained, "GET", "/");
        assertThat(trace.toString()).isEqualTo("a>b><b<a");
    }
}
