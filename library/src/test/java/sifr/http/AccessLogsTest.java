package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link AccessLogs}: Common, Combined and structured lines, written once the body was sent. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AccessLogsTest {

    private static List<String> serve(AccessLogs.Format format, HttpClientOptions options, String target,
                                      String... headers) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Router router = Router.create().handle("GET /items/{id}", request -> Responses.text(200, "item " + request.pathParam("id")))
                .use(AccessLogs.middleware(format, lines::add), RequestId.middleware());
        try (HttpServer server = HttpServer.start("127.0.0.1:0", router);
                HttpConnection c = HttpConnection.open("http://" + server.localAddr(), options)) {
            HttpResponse r = c.send(Http.requestHead("GET", target, HeaderMap.of(headers)));
            r.body().collectWithLimit(1024);
            // the line is written when the server closes the body, just after the last bytes went out
            for (int i = 0; i < 200 && lines.isEmpty(); i++) {
                Thread.sleep(10);
            }
        }
        return lines;
    }

    @Test
    void commonLogFormatHostTimeRequestStatusBytesWithoutTheQuery() throws Exception {
        List<String> lines = serve(AccessLogs.Format.COMMON, HttpClientOptions.defaults(), "/items/7?token=secret");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("127\\.0\\.0\\.1 - - \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000\\] "
                + "\"GET /items/7 HTTP/1\\.1\" 200 6");
    }

    @Test
    void combinedLogFormatAddsRefererAndUserAgentEscaped() throws Exception {
        List<String> lines = serve(AccessLogs.Format.COMBINED, HttpClientOptions.defaults(), "/nothing",
                "user-agent", "evil\" agent\\", "referer", "https://a.example/");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).endsWith("\"GET /nothing HTTP/1.1\" 404 14 \"https://a.example/\" \"evil\\\" agent\\\\\"");
    }

    @Test
    void structuredLineCarriesRouteDurationAndRequestIdOverHttp2() throws Exception {
        List<String> lines = serve(AccessLogs.Format.STRUCTURED, HttpClientOptions.builder().h2cPriorKnowledge(true).build(),
                "/items/9", "x-request-id", "abc-1", "user-agent", "t/1");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("method=GET target=/items/9 version=HTTP/2 status=200 bytes=6 duration_ms=\\d+\\.\\d{2} "
                + "remote=127\\.0\\.0\\.1:\\d+ route=\"GET /items/\\{id\\}\" request_id=abc-1 user_agent=\"t/1\"");
    }

    @Test
    void serverHookWritesTheSameCommonLineAndRefusesCombined() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpServerOptions options = HttpServerOptions.builder()
                .accessLog(AccessLogs.hook(AccessLogs.Format.COMMON, lines::add)).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", request -> Responses.text(200, "hello"), options);
                HttpConnection c = HttpConnection.open("http://" + server.localAddr())) {
            c.send(Http.requestHead("GET", "/a?token=x", HeaderMap.empty())).body().collectWithLimit(100);
            for (int i = 0; i < 200 && lines.isEmpty(); i++) {
                Thread.sleep(10);
            }
        }
        assertThat(lines).singleElement().satisfies(l -> assertThat(l).startsWith("127.0.0.1 - - [")
                .endsWith("\"GET /a HTTP/1.1\" 200 5"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccessLogs.hook(AccessLogs.Format.COMBINED, lines::add))
                .hasMessageContaining("use AccessLogs.middleware");
    }

    @Test
    void aFileBodyStaysAFileRegionForZeroCopy() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("access-log", ".bin");
        try {
            java.nio.file.Files.write(file, new byte[100_000]);
            List<String> lines = new CopyOnWriteArrayList<>();
            HttpHandler h = AccessLogs.middleware(AccessLogs.Format.COMMON, lines::add)
                    .wrap(request -> HttpResponse.of(200, HeaderMap.of("content-type", "application/octet-stream"),
                            BodyStream.ofFile(file)));
            HttpResponse r = h.handle(HttpRequest.of(Http.requestHead("GET", "/f", HeaderMap.empty()), BodyStream.empty()));
            assertThat(r.body()).isInstanceOf(sifr.http.internal.FileRegion.class);
            ((sifr.http.internal.FileRegion) r.body()).claim();
            r.body().close();
            assertThat(lines).singleElement().satisfies(l -> assertThat(l).endsWith("\"GET /f HTTP/1.1\" 200 100000"));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void aThrowingHandlerIsLoggedAs500() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpHandler h = AccessLogs.middleware(AccessLogs.Format.COMMON, lines::add).wrap(request -> {
            throw new IllegalStateException("bug");
        });
        try {
            h.handle(HttpRequest.of(Http.requestHead("GET", "/x", HeaderMap.empty()), BodyStream.empty()));
        } catch (IllegalStateException expected) {
            // passed on to the server, which answers 500
        }
        assertThat(lines).singleElement().satisfies(l -> assertThat(l).startsWith("- - - [").endsWith("\"GET /x HTTP/1.1\" 500 -"));
    }
}
