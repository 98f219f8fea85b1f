package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.testing.NginxPeer;
import sifr.testing.PeerProcess;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * The pooled client against nginx (Debian package {@code nginx}), a server nobody here wrote: HTTP/1.1
 * keep-alive reuse and the connection limit, h2 over TLS (test CA) multiplexed on one connection, and
 * redirects configured in nginx ({@code return 301/302/303/307/308}, a loop, a cross-origin hop that
 * drops credentials), and gzip on (decoded transparently).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HttpClientNginxTest {
    private static final TestPki.Cert ROOT = TestPki.root("HttpClient nginx Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));

    @TempDir
    Path dir;

    private final AtomicInteger connects = new AtomicInteger();
    private final HttpClient.Listener countConnects = new HttpClient.Listener() {
        @Override
        public void connectStart(HttpClient.Call call, String origin) {
            connects.incrementAndGet();
        }
    };

    /** One nginx: cleartext HTTP/1.1 on {@code plain}, h2 + HTTP/1.1 over TLS on {@code tls}. */
    private PeerProcess nginx(int plain, int tls) throws Exception {
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/hello.txt"), "hello from nginx\n");
        Files.writeString(dir.resolve("www/big.txt"), "compressible line\n".repeat(5000));
        String locations = """
                        root %1$s/www;
                        location = /echo {
                            default_type text/plain;
                            return 200 "$request_method $request_uri auth=$http_authorization $server_protocol\\n";
                        }
                        location = /r301 { return 301 /echo; }
                        location = /r302 { return 302 /echo; }
                        location = /r303 { return 303 /echo; }
                        location = /r307 { return 307 /echo; }
                        location = /r308 { return 308 /echo; }
                        location = /loop1 { return 302 /loop2; }
                        location = /loop2 { return 302 /loop1; }
                """;
        return NginxPeer.start(dir, plain, SERVER.chainPem(), SERVER.traditionalKeyPem(), """
                    server {
                        listen 127.0.0.1:%2$d;
                        keepalive_requests 1000;
                        gzip on;
                        gzip_types text/plain;
                        gzip_min_length 0;
                """ + locations + """
                        location = /to-tls { return 302 https://localhost:TLS_PORT/echo; }
                    }
                    server {
                        listen 127.0.0.1:TLS_PORT ssl http2;
                        ssl_certificate %1$s/server.pem;
                        ssl_certificate_key %1$s/server-key.pem;
                """.replace("TLS_PORT", Integer.toString(tls)) + locations + """
                    }
                """);
    }

    private static String read(HttpResponse r) throws IOException {
        try (r) {
            return new String(r.body().collectWithLimit(1 << 20), StandardCharsets.UTF_8);
        }
    }

    private HttpClient client() throws Exception {
        return HttpClient.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem())).listener(countConnects)
                .maxConnectionsPerOrigin(4).build();
    }

    @Test
    void http1KeepAliveConnectionsAreReusedAndBoundedPerOrigin() throws Exception {
        int plain = PeerProcess.freePort();
        int tls = PeerProcess.freePort();
        try (PeerProcess n = nginx(plain, tls); HttpClient client = client();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            String url = "http://127.0.0.1:" + plain + "/hello.txt";
            for (int i = 0; i < 20; i++) {
                assertThat(read(client.get(url))).isEqualTo("hello from nginx\n");
            }
            assertThat(connects.get()).isEqualTo(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(threads.submit(() -> read(client.get(url))));
            }
            for (Future<String> f : answers) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("hello from nginx\n");
            }
            assertThat(connects.get()).isBetween(1, 4);
        }
    }

    @Test
    void h2OverTlsMultiplexesConcurrentCallsOnOneConnection() throws Exception {
        int plain = PeerProcess.freePort();
        int tls = PeerProcess.freePort();
        try (PeerProcess n = nginx(plain, tls); HttpClient client = client();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int k = i;
                answers.add(threads.submit(() -> client.get("https://localhost:" + tls + "/echo?n=" + k)));
            }
            for (int i = 0; i < 50; i++) {
                HttpResponse r = answers.get(i).get(30, TimeUnit.SECONDS);
                assertThat(r.version()).isEqualTo(Version.HTTP_2);
                assertThat(read(r)).isEqualTo("GET /echo?n=" + i + " auth= HTTP/2.0\n");
            }
            assertThat(connects.get()).isEqualTo(1);
        }
    }

    @Test
    void redirectsConfiguredInNginxFollowTheMethodRules() throws Exception {
        int plain = PeerProcess.freePort();
        int tls = PeerProcess.freePort();
        try (PeerProcess n = nginx(plain, tls); HttpClient client = client()) {
            for (String base : List.of("http://127.0.0.1:" + plain, "https://localhost:" + tls)) {
                for (String[] c : new String[][] {{"r301", "GET"}, {"r302", "GET"}, {"r303", "GET"}, {"r307", "POST"},
                    {"r308", "POST"}}) {
                    HttpResponse r = client.send("POST", base + "/" + c[0], HeaderMap.empty(),
                            BodyStream.ofBytes("x=1".getBytes(StandardCharsets.UTF_8)));
                    assertThat(r.url().path()).isEqualTo("/echo");
                    assertThat(read(r)).as("%s %s", base, c[0]).startsWith(c[1] + " /echo ");
                }
                assertThatThrownBy(() -> client.get(base + "/loop1"))
                        .isInstanceOf(HttpError.class).hasMessageStartingWith("redirect loop");
            }
        }
    }

    @Test
    void nginxGzipIsDecodedTransparently() throws Exception {
        int plain = PeerProcess.freePort();
        int tls = PeerProcess.freePort();
        try (PeerProcess n = nginx(plain, tls); HttpClient client = client()) {
            HttpResponse r = client.get("http://127.0.0.1:" + plain + "/big.txt");
            assertThat(r.headers().contains("content-encoding")).isFalse();
            assertThat(read(r)).isEqualTo("compressible line\n".repeat(5000));
            HttpResponse raw = client.send("GET", "http://127.0.0.1:" + plain + "/big.txt",
                    HeaderMap.of("accept-encoding", "gzip"), BodyStream.empty());
            assertThat(raw.headers().get("content-encoding")).contains("gzip"); // nginx did compress
            raw.close();
        }
    }

    @Test
    void aRedirectToAnotherOriginDropsTheAuthorizationField() throws Exception {
        int plain = PeerProcess.freePort();
        int tls = PeerProcess.freePort();
        try (PeerProcess n = nginx(plain, tls); HttpClient client = client()) {
            HeaderMap auth = HeaderMap.of("authorization", "Bearer secret");
            assertThat(read(client.send("GET", "http://127.0.0.1:" + plain + "/r302", auth, BodyStream.empty())))
                    .isEqualTo("GET /echo auth=Bearer secret HTTP/1.1\n");
            HttpResponse r = client.send("GET", "http://127.0.0.1:" + plain + "/to-tls", auth, BodyStream.empty());
            assertThat(r.url().href()).isEqualTo("https://localhost:" + tls + "/echo");
            assertThat(read(r)).isEqualTo("GET /echo auth= HTTP/2.0\n");
        }
    }
}
