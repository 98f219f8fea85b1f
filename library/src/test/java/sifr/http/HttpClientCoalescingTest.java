package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.net.SocketAddr;
import sifr.testing.TestPki;
import sifr.tls.Tls;
import sifr.tls.TlsError;

/**
 * HTTP/2 connection coalescing in {@link HttpClient} (RFC 9113 §9.1.1): a second https origin shares
 * an HTTP/2 connection only when that connection's certificate covers its host and its host resolves
 * to the connection's address; a 421 (RFC 9110 §15.5.20) on a shared connection sends the request
 * again on the origin's own connection. Origins here: {@code https://localhost:P} and
 * {@code https://127.0.0.1:P} (localhost resolves to 127.0.0.1, where the server listens), and
 * {@code https://127.0.0.2:P} (loopback too, another address).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientCoalescingTest {
    private static final TestPki.Cert ROOT = TestPki.root("HttpClient coalescing Root");
    private static final TestPki.Cert BOTH = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1", "127.0.0.2"));
    private static final TestPki.Cert LOCALHOST_ONLY = ROOT.issue(TestPki.spec("localhost").dns("localhost"));

    private final List<String> connects = new CopyOnWriteArrayList<>();
    private final List<String> retries = new CopyOnWriteArrayList<>();
    private final HttpClient.Listener events = new HttpClient.Listener() {
        @Override
        public void connectEnd(HttpClient.Call call, String origin, SocketAddr remote, Version version) {
            connects.add(origin);
        }

        @Override
        public void retry(HttpClient.Call call, int attempt, String reason, IOException failure) {
            retries.add(reason);
        }
    };

    private static HttpServer server(String address, TestPki.Cert cert, Function<HttpRequest, Integer> status)
            throws IOException {
        return HttpServer.start(address, r -> HttpResponse.of(status.apply(r), HeaderMap.empty(),
                        BodyStream.ofBytes(r.headers().get("host").orElse("?").getBytes(StandardCharsets.UTF_8))),
                HttpServerOptions.builder().tls(Tls.serverConfig(cert.chainPem(), cert.keyPem())).build());
    }

    private HttpClient client() throws TlsError {
        return HttpClient.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem())).listener(events).build();
    }

    private static String get(HttpClient client, String url, int status, Version version) throws IOException {
        try (HttpResponse r = client.get(url)) {
            assertThat(r.status().code()).isEqualTo(status);
            assertThat(r.version()).isEqualTo(version);
            return new String(r.body().collectWithLimit(1000), StandardCharsets.UTF_8);
        }
    }

    @Test
    void rfc9113_9_1_1_anOriginTheCertificateCoversAtTheSameAddressSharesTheHttp2Connection() throws Exception {
        try (HttpServer s = server("127.0.0.1:0", BOTH, r -> 200); HttpClient client = client()) {
            int port = s.localAddr().port();
            assertThat(get(client, "https://localhost:" + port + "/", 200, Version.HTTP_2)).isEqualTo("localhost:" + port);
            assertThat(get(client, "https://127.0.0.1:" + port + "/", 200, Version.HTTP_2)).isEqualTo("127.0.0.1:" + port);
            assertThat(get(client, "https://127.0.0.1:" + port + "/", 200, Version.HTTP_2)).isEqualTo("127.0.0.1:" + port);
        }
        assertThat(connects).hasSize(1); // the second origin's requests carry its own :authority on the first's connection
        assertThat(retries).isEmpty();
    }

    @Test
    void rfc9113_9_1_1_aCertificateThatDoesNotCoverTheHostIsNotShared() throws Exception {
        try (HttpServer s = server("127.0.0.1:0", LOCALHOST_ONLY, r -> 200); HttpClient client = client()) {
            int port = s.localAddr().port();
            assertThat(get(client, "https://localhost:" + port + "/", 200, Version.HTTP_2)).isEqualTo("localhost:" + port);
            // not shared, so 127.0.0.1 gets a handshake of its own, which the certificate fails
            assertThatThrownBy(() -> client.get("https://127.0.0.1:" + port + "/")).isInstanceOf(TlsError.class);
        }
        assertThat(connects).hasSize(1);
    }

    @Test
    void rfc9113_9_1_1_aHostThatResolvesToAnotherAddressIsNotShared() throws Exception {
        try (HttpServer a = server("127.0.0.1:0", BOTH, r -> 200)) {
            int port = a.localAddr().port();
            try (HttpServer b = server("127.0.0.2:" + port, BOTH, r -> 200); HttpClient client = client()) {
                assertThat(get(client, "https://127.0.0.1:" + port + "/", 200, Version.HTTP_2)).isEqualTo("127.0.0.1:" + port);
                assertThat(get(client, "https://127.0.0.2:" + port + "/", 200, Version.HTTP_2)).isEqualTo("127.0.0.2:" + port);
            }
        }
        assertThat(connects).hasSize(2);
    }

    @Test
    void rfc9110_15_5_20_a421OnASharedConnectionIsSentAgainOnTheOriginsOwnAndItSharesNoMore() throws Exception {
        AtomicInteger toSecond = new AtomicInteger();
        // the server answers 421 to the first request for 127.0.0.1 (it arrives on the shared connection)
        try (HttpServer s = server("127.0.0.1:0", BOTH,
                r -> r.headers().get("host").orElse("").startsWith("127.") && toSecond.getAndIncrement() == 0 ? 421 : 200);
             HttpClient client = client()) {
            int port = s.localAddr().port();
            get(client, "https://localhost:" + port + "/", 200, Version.HTTP_2);
            assertThat(get(client, "https://127.0.0.1:" + port + "/", 200, Version.HTTP_2)).isEqualTo("127.0.0.1:" + port);
            get(client, "https://127.0.0.1:" + port + "/", 200, Version.HTTP_2);
        }
        assertThat(retries).containsExactly("421 Misdirected Request on a connection shared with another origin");
        assertThat(connects).hasSize(2); // the origin's own connection, kept for its later requests
        assertThat(toSecond.get()).isEqualTo(3);
    }

    @Test
    void a421OnTheOriginsOwnConnectionIsTheAnswer() throws Exception {
        try (HttpServer s = server("127.0.0.1:0", BOTH, r -> 421); HttpClient client = client()) {
            get(client, "https://localhost:" + s.localAddr().port() + "/", 421, Version.HTTP_2);
        }
        assertThat(retries).isEmpty();
    }
}
