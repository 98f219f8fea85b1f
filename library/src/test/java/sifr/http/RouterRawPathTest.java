package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static sifr.http.RouterPatternTest.answer;
import static sifr.http.RouterPatternTest.echo;
import static sifr.http.RouterPatternTest.send;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The router matches a clean target without escapes on the target string itself and cuts its
 * parameters only when a handler asks; every other target is split and decoded first. These tests
 * pin that both ways give the same answers, and the edges of the raw way: the query ends the path,
 * parameters read lazily, nested mounts, wide literal nodes, bad escapes refused before any handler.
 */
class RouterRawPathTest {

    private static Router sample() {
        Router users = Router.create().handle("GET /posts/{post}", echo("post"))
                .handle("GET /{$}", echo("user-home"));
        Router r = Router.create()
                .handle("GET /{$}", echo("home"))
                .handle("GET /items/{id}", echo("item"))
                .handle("PUT /items/{id}", echo("put-item"))
                .handle("GET /items/new", echo("new"))
                .handle("GET /items/{id}/history", echo("history"))
                .handle("/files/{path...}", echo("files"))
                .handle("GET /docs/", echo("docs"))
                .handle("GET /a/{x}/c/{y}", echo("xy"))
                .handle("HEAD /a/{x}/c/{y}", echo("head-xy"))
                .mount("/users/{uid}", users);
        for (int i = 0; i < 12; i++) {
            r.handle("GET /wide/w" + i + "/{id}", echo("w" + i));
        }
        return r.handle("GET /wide/{kind}/x/y", echo("wide-any"));
    }

    /** {@code target} with its first letter percent-encoded: the same path, but taking the decoding way. */
    private static String escaped(String target) {
        for (int i = 0; i < target.length() && target.charAt(i) != '?'; i++) {
            char c = target.charAt(i);
            if (Character.isLetter(c)) {
                return target.substring(0, i) + String.format("%%%02X", (int) c) + target.substring(i + 1);
            }
        }
        return null;
    }

    @Test
    void aRawTargetAndItsEscapedTwinGetTheSameAnswer() throws Exception {
        Router r = sample();
        List<String> targets = List.of("/items/42", "/items/new", "/items/42/history", "/items/42/more",
                "/items/", "/files/a/b/c?x=1", "/files/", "/files", "/docs", "/docs/x", "/a/b/c/d", "/a/b/c/",
                "/users/7/posts/9?full=1", "/users/7/", "/users/7", "/users/7/nothing", "/wide/w3/z", "/wide/w11/z",
                "/wide/w12/x/y", "/wide/w3/x/y", "/wide/zz/x/y", "/wide/w3/x", "/nothing/at/all", "/items/42?next=/a/b");
        for (String target : targets) {
            String twin = escaped(target);
            for (String method : List.of("GET", "HEAD", "PUT", "POST", "OPTIONS")) {
                HttpResponse raw = send(r, method, target);
                HttpResponse decoded = send(r, method, twin);
                String what = method + " " + target + " / " + twin;
                assertThat(decoded.status().code()).as(what).isEqualTo(raw.status().code());
                assertThat(decoded.headers().get("allow")).as(what).isEqualTo(raw.headers().get("allow"));
                if (raw.status().code() / 100 != 3) {
                    assertThat(RouterPatternTest.body(decoded)).as(what).isEqualTo(RouterPatternTest.body(raw));
                }
            }
        }
    }

    @Test
    void theQueryEndsTheLastSegmentEvenWithSlashesInIt() throws Exception {
        Router r = sample();
        assertThat(answer(r, "GET", "/items/42?next=/a/b")).isEqualTo("200 item {id=42}");
        assertThat(answer(r, "GET", "/files/a/b?x=/y")).isEqualTo("200 files {path=a/b}");
        assertThat(answer(r, "GET", "/files/?q")).isEqualTo("200 files {path=}");
        assertThat(answer(r, "GET", "/?q=/items/1")).isEqualTo("200 home {}");
        assertThat(send(r, "GET", "/docs?v=/2").headers().get("location")).contains("/docs/?v=/2");
    }

    @Test
    void lazyParametersReadTheSameEveryTimeAndInPathParams() throws Exception {
        Router r = Router.create().handle("GET /a/{x}/b/{rest...}", request -> Responses.text(200,
                request.pathParam("rest") + "|" + request.pathParam("x") + "|" + request.pathParam("x") + "|"
                        + request.pathParams() + "|" + request.routePattern().orElseThrow()));
        assertThat(answer(r, "GET", "/a/1/b/c/d/?q=2"))
                .isEqualTo("200 c/d/|1|1|{x=1, rest=c/d/}|GET /a/{x}/b/{rest...}");
    }

    @Test
    void nestedMountsCollectParametersOfEveryLevelAndALaterNameShadows() throws Exception {
        Router posts = Router.create().handle("GET /posts/{pid}", request -> Responses.text(200,
                request.path() + " " + request.pathParams() + " id=" + request.pathParam("id")));
        Router users = Router.create().mount("/users/{id}", posts);
        Router orgs = Router.create().mount("/orgs/{org}/{id}", users);
        assertThat(answer(orgs, "GET", "/orgs/acme/o1/users/u7/posts/9?x=/y"))
                .isEqualTo("200 /posts/9?x=/y {org=acme, id=u7, pid=9} id=u7");
        assertThat(answer(orgs, "GET", "/orgs/acme/o1/users/u%37/posts/9"))
                .as("an escape below the mount: decoded there").isEqualTo("200 /posts/9 {org=acme, id=u7, pid=9} id=u7");
    }

    @Test
    void aMissInAWideNodeFallsBackToTheWildcard() throws Exception {
        Router r = sample();
        assertThat(answer(r, "GET", "/wide/w12/x/y")).isEqualTo("200 wide-any {kind=w12}");
        assertThat(answer(r, "GET", "/wide/w1/x/y")).as("w1/{id} has nothing below: back to the wildcard")
                .isEqualTo("200 wide-any {kind=w1}");
        assertThat(answer(r, "GET", "/wide/w10/7")).isEqualTo("200 w10 {id=7}");
        assertThat(send(r, "GET", "/wide/w13/7").status().code()).isEqualTo(404);
    }

    @Test
    void aBadEscapeIsRefusedBeforeTheHandlerEvenIfItNeverReadsTheParameter() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Router r = Router.create().handle("GET /items/{id}", request -> {
            calls.incrementAndGet();
            return Responses.status(204);
        });
        for (String target : new String[] {"/items/%zz", "/items/a%C3", "/items/%00", "/items/%2"}) {
            HttpResponse resp = send(r, "GET", target);
            assertThat(resp.status().code()).as(target).isEqualTo(400);
            assertThat(RouterPatternTest.body(resp)).as(target).startsWith("400 Bad Request: ");
        }
        assertThat(calls).hasValue(0);
        assertThat(send(r, "GET", "/items/ok").status().code()).isEqualTo(204);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRouterAsARouteHandlerSeesTheOuterParametersAndItsOwn() throws Exception {
        // the outer match is raw (parameters still offsets into the target) and the inner router routes
        // that request again: the outer values must be cut before the inner ones are appended
        Router inner = Router.create().handle("GET /items/{id}", echo("inner"));
        Router outer = Router.create().handle("GET /items/{id}", inner);
        assertThat(answer(outer, "GET", "/items/42")).isEqualTo("200 inner {id=42}");
        Router escaped = Router.create().handle("GET /items/{id}", inner);
        assertThat(answer(escaped, "GET", "/items/%34%32")).isEqualTo("200 inner {id=42}");
    }

    @Test
    void underARestWildcardTheRestOfThePathIsCheckedToo() throws Exception {
        Router r = Router.create().handle("GET /files/{path...}", echo("files"));
        assertThat(answer(r, "GET", "/files/a%2Fb/c")).as("decoded, %2F inside").isEqualTo("200 files {path=a/b/c}");
        assertThat(send(r, "GET", "/files/a/../b").headers().get("location")).contains("/files/b");
        assertThat(send(r, "GET", "/files/a//b").headers().get("location")).contains("/files/a/b");
        assertThat(send(r, "GET", "/files/%zz").status().code()).isEqualTo(400);
        assertThat(send(r, "GET", "/files" + "/x".repeat(1023)).status().code()).as("1024 segments").isEqualTo(200);
        assertThat(send(r, "GET", "/files" + "/x".repeat(1024)).status().code()).as("1025 segments").isEqualTo(400);
    }
}
