package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * SPEC.md "HTTP exchanges" over HTTP/2, through the public entry points only ({@code HttpServer},
 * {@code HttpClient}): PATCH over TLS with ALPN h2 → 203 with version HTTP/2; PUT over h2c prior knowledge
 * → 202; a response over the client's body limit → an {@code HttpError} containing {@code exceeds};
 * extension methods such as {@code QUERY} are accepted.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2AcceptanceTest {
    private static final TestPki.Cert ROOT = TestPki.root("HTTP/2 Acceptance Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final HttpHandler HANDLER = request -> {
        byte[] body = request.body().collectWithLimit(1024);
        int status = switch (request.method().value()) {
            case "PATCH" -> 203;
            case "PUT" -> 202;
            default -> 200;
        };
        byte[] answer = request.path().equals("/big") ? new byte[100_000]
                : utf8(request.method().value() + " " + new String(body, StandardCharsets.UTF_8) + " " + request.head().version());
        return HttpResponse.of(status, HeaderMap.of("content-type", "text/plain"), Http.bodyFromBytes(answer));
    };

    @Test
    void patchOverTlsWithAlpnH2IsAnswered203WithVersionHttp2() throws Exception {
        HttpServerOptions options = HttpServerOptions.builder().tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", HANDLER, options);
             HttpConnection client = HttpConnection.open("https://localhost:" + server.localAddr().port(),
                     HttpClientOptions.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem())).build())) {
            HttpResponse r = client.send(Http.requestHead("PATCH", "/m4/h2", HeaderMap.empty()), Http.bodyFromBytes(utf8("ping-h2")));
            assertThat(r.status().code()).isEqualTo(203);
            assertThat(r.version()).isEqualTo(Version.HTTP_2);
            assertThat(r.version().toString()).isEqualTo("HTTP/2");
            assertThat(new String(r.body().collectWithLimit(1024), StandardCharsets.UTF_8)).isEqualTo("PATCH ping-h2 HTTP/2");
        }
    }

    @Test
    void putOverH2cPriorKnowledgeIsAnswered202() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", HANDLER);
             HttpConnection client = HttpConnection.open("http://" + server.localAddr(),
                     HttpClientOptions.builder().h2cPriorKnowledge(true).build())) {
            HttpResponse r = client.send(Http.requestHead("PUT", "/m4/h2c", HeaderMap.empty()), Http.bodyFromBytes(utf8("ping-h2c")));
            assertThat(r.status().code()).isEqualTo(202);
            assertThat(r.version()).isEqualTo(Version.HTTP_2);
            assertThat(new String(r.body().collectWithLimit(1024), StandardCharsets.UTF_8)).isEqualTo("PUT ping-h2c HTTP/2");
        }
    }

    @Test
    void aResponseOverTheClientsBodyLimitFailsWithExceeds() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", HANDLER);
             HttpConnection client = HttpConnection.open("http://" + server.localAddr(),
                     HttpClientOptions.builder().h2cPriorKnowledge(true).maxResponseBodyBytes(1000).build())) {
            assertThatThrownBy(() -> {
                try (HttpResponse r = client.send(Http.requestHead("GET", "/big", HeaderMap.empty()))) {
                    r.body().collectWithLimit(1 << 20);
                }
            }).isInstanceOf(HttpError.class).hasMessageContaining("exceeds");
        }
    }

    @Test
    void extensionMethodsSuchAsQueryAreAccepted() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", HANDLER);
             HttpConnection client = HttpConnection.open("http://" + server.localAddr(),
                     HttpClientOptions.builder().h2cPriorKnowledge(true).build())) {
            HttpResponse r = client.send(Http.requestHead("QUERY", "/search", HeaderMap.empty()), Http.bodyFromBytes(utf8("q")));
            assertThat(r.status().code()).isEqualTo(200);
            assertThat(new String(r.body().collectWithLimit(1024), StandardCharsets.UTF_8)).isEqualTo("QUERY q HTTP/2");
        }
    }
}
