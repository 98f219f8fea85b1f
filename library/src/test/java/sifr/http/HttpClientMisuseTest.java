package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.testing.TestPki;
import sifr.tls.Tls;
import sifr.tls.TlsError;

/** Misuse of the client gets a clear, public error, never silence or an internal type. */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpClientMisuseTest {
    private static final TestPki.Cert ROOT = TestPki.root("Misuse Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));
    static {
        sifr.task.Task.deadline(); // class initialization before the first handshakes (see HttpServerProtocolsTest)
    }

    private static final HttpHandler OK = request -> HttpResponse.of(200, HeaderMap.of("content-type", "text/plain"),
            Http.bodyFromBytes("ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    @Test
    void plainHttpToATlsPortSaysTheServerAnsweredWithTls() throws Exception {
        HttpServerOptions tls = HttpServerOptions.builder().tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", OK, tls);
                HttpConnection connection = HttpConnection.open("http://" + server.localAddr())) {
            assertThatThrownBy(() -> connection.send(Http.requestHead("GET", "/", HeaderMap.empty())))
                    .isExactlyInstanceOf(HttpError.class)
                    .hasMessageStartingWith("the server answered with TLS: use https://");
        }
    }

    @Test
    void tlsToAPlainPortSaysTheServerAnsweredInPlaintext() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", OK)) {
            HttpClientOptions options = HttpClientOptions.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem())).build();
            assertThatThrownBy(() -> HttpConnection.open("https://localhost:" + server.localAddr().port(), options))
                    .isInstanceOf(TlsError.class)
                    .hasMessageStartingWith("TLS client handshake failed: the server answered in plaintext, not TLS");
        }
    }

    private static void streamedBodyOverTheLimitFailsBeforeAnyByte(HttpClientOptions options) throws Exception {
        HttpHandler big = request -> HttpResponse.of(200, HeaderMap.of("content-type", "application/octet-stream"),
                Http.bodyFromBytes(new byte[256 * 1024]));
        try (HttpServer server = HttpServer.start("127.0.0.1:0", big);
                HttpConnection connection = HttpConnection.open("http://" + server.localAddr(),
                        options.toBuilder().maxResponseBodyBytes(100_000).build())) { // more than one chunk: a chunk would fit
            HttpResponse response = connection.send(Http.requestHead("GET", "/big", HeaderMap.empty()));
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.body().length()).hasValue(256 * 1024);
            assertThatThrownBy(() -> response.body().readChunk()) // the first read: nothing handed out
                    .isInstanceOf(BodyError.class)
                    .hasMessageStartingWith("response body exceeds limit of 100000 bytes");
        }
    }

    @Test
    void http1StreamedResponseOverTheLimitFailsBeforeAnyByteWhenContentLengthSaysSo() throws Exception {
        streamedBodyOverTheLimitFailsBeforeAnyByte(HttpClientOptions.defaults());
    }

    @Test
    void http2StreamedResponseOverTheLimitFailsBeforeAnyByteWhenContentLengthSaysSo() throws Exception {
        streamedBodyOverTheLimitFailsBeforeAnyByte(HttpClientOptions.builder().h2cPriorKnowledge(true).build());
    }

    @Test
    void aConnectionUrlWithAPathQueryOrFragmentIsRefused() {
        for (String url : List.of("http://127.0.0.1:1/path?x", "http://127.0.0.1:1/path", "http://127.0.0.1:1/?x",
                "http://127.0.0.1:1/#top", "http://user:secret@127.0.0.1:1/")) {
            assertThatThrownBy(() -> HttpConnection.open(url)).as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("connection URLs take an origin only")
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void aConnectionUrlWithATrailingSlashIsAnOrigin() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", OK)) {
            for (String url : List.of("http://" + server.localAddr(), "http://" + server.localAddr() + "/")) {
                try (HttpConnection connection = HttpConnection.open(url)) {
                    assertThat(connection.send(Http.requestHead("GET", "/", HeaderMap.empty())).status().code())
                            .isEqualTo(200);
                }
            }
        }
    }

    @Test
    void aConnectionUrlWithoutASchemeSaysTheSchemeIsMissing() {
        for (String url : List.of("host:8080", "127.0.0.1:8080", "localhost")) {
            assertThatThrownBy(() -> HttpConnection.open(url)).as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("HTTP client URL is missing its scheme (http:// or https://): " + url);
        }
    }
}
