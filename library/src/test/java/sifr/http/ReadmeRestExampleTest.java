package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's REST example is this test's code: the block between the markers below must appear in
 * README.md line for line (the README binds port 8080, the test port 0), must stay under 30 lines,
 * and is then run against a client.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadmeRestExampleTest {

    private static HttpServer startExample() throws Exception {
        // README:begin
        Map<String, String> items = new ConcurrentHashMap<>();
        Router router = Router.create();
        router.handle("GET /items", request -> Responses.text(200, String.join("\n",
                new TreeMap<>(items).tailMap(request.query().get("from").orElse("")).keySet())));
        router.handle("GET /items/{id}", request -> {
            String name = items.get(request.pathParam("id"));
            if (name == null) {
                throw new ProblemError(404, "no item " + request.pathParam("id"));
            }
            return Responses.text(200, name);
        });
        router.handle("PUT /items/{id}", request -> {
            items.put(request.pathParam("id"), new String(request.body().collectWithLimit(4096), StandardCharsets.UTF_8));
            return Responses.withCookie(Responses.status(204),
                    SetCookie.builder("last", request.pathParam("id")).path("/").httpOnly(true).build());
        });
        router.handle("DELETE /items/{id}", request ->
                Responses.status(items.remove(request.pathParam("id")) == null ? 404 : 204));
        router.use(AccessLogs.middleware(AccessLogs.Format.COMMON, System.out::println),
                RequestId.middleware(), Problems.middleware(), Compression.middleware());
        HttpServer server = HttpServer.start("127.0.0.1:0", router);
        // README:end
        return server;
    }

    private static List<String> exampleLines() throws Exception {
        List<String> source = Files.readAllLines(Path.of("src/test/java/sifr/http/ReadmeRestExampleTest.java"));
        int begin = source.indexOf("        // README:begin");
        int end = source.indexOf("        // README:end");
        return source.subList(begin + 1, end).stream().map(l -> l.substring(Math.min(8, l.length())))
                .map(l -> l.replace("\"127.0.0.1:0\"", "\"127.0.0.1:8080\"")).toList();
    }

    @Test
    void readmeShowsThisExampleUnder30Lines() throws Exception {
        List<String> lines = exampleLines();
        assertThat(lines.size()).isLessThan(30);
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).contains(String.join("\n", lines));
    }

    @Test
    void theExampleAnswersCrudRequests() throws Exception {
        try (HttpServer server = startExample();
                HttpConnection c = HttpConnection.open("http://" + server.localAddr())) {
            HttpResponse put = c.send(Http.requestHead("PUT", "/items/b", HeaderMap.empty()),
                    Http.bodyFromBytes("bolt".getBytes(StandardCharsets.UTF_8)));
            assertThat(put.status().code()).isEqualTo(204);
            assertThat(put.headers().get("set-cookie")).contains("last=b; Path=/; HttpOnly");
            c.send(Http.requestHead("PUT", "/items/a", HeaderMap.empty()), Http.bodyFromBytes("axe".getBytes())).close();
            assertThat(text(c.send(Http.requestHead("GET", "/items/b", HeaderMap.empty())))).isEqualTo("bolt");
            assertThat(text(c.send(Http.requestHead("GET", "/items?from=b", HeaderMap.empty())))).isEqualTo("b");
            HttpResponse missing = c.send(Http.requestHead("GET", "/items/zz", HeaderMap.empty()));
            assertThat(missing.status().code()).isEqualTo(404);
            assertThat(missing.headers().get("content-type")).contains("application/problem+json");
            assertThat(missing.headers().contains("x-request-id")).isTrue();
            missing.close();
            HttpResponse post = c.send(Http.requestHead("POST", "/items/a", HeaderMap.empty()));
            assertThat(post.status().code()).isEqualTo(405);
            post.close();
            assertThat(c.send(Http.requestHead("DELETE", "/items/a", HeaderMap.empty())).status().code()).isEqualTo(204);
        }
    }

    private static String text(HttpResponse r) throws Exception {
        return new String(r.body().collectWithLimit(4096), StandardCharsets.UTF_8);
    }
}
