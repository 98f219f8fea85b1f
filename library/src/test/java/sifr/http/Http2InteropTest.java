package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static sifr.http.Http2Interop.ECHO;
import static sifr.http.Http2Interop.expected;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sifr.net.PinningRecorder;
import sifr.testing.NginxPeer;
import sifr.testing.PeerProcess;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * HTTP/2 interop over loopback with command-line peers: curl (Debian package {@code curl}), nghttp and
 * h2load ({@code nghttp2-client}) against our server in all three ways in (ALPN h2 over TLS, h2c prior
 * knowledge, h2c Upgrade); our client against nginx ({@code nginx}) serving h2 over TLS. Certificates
 * come from a test-time CA; verification stays on on our side and on curl's.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class Http2InteropTest {
    private static final TestPki.Cert ROOT = TestPki.root("HTTP/2 Interop Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));

    @TempDir
    Path dir;

    private String run(String binary, String debianPackage, List<String> args) throws Exception {
        Path tool = PeerProcess.requireBinary(binary, debianPackage);
        List<String> command = new ArrayList<>(List.of(tool.toString()));
        command.addAll(args);
        try (PeerProcess p = PeerProcess.start(dir, command)) {
            assertThat(p.awaitExit(Duration.ofSeconds(45))).as("%s exit: %s", binary, p.output()).isZero();
            return p.output();
        }
    }

    private String curl(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-sS", "--max-time", "20"));
        all.addAll(List.of(args));
        return run("curl", "curl", all);
    }

    private HttpServer tlsServer(HttpHandler handler) throws IOException {
        return HttpServer.start("127.0.0.1:0", handler, HttpServerOptions.builder()
                .tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build());
    }

    private String caFile() throws IOException {
        Path ca = dir.resolve("ca.pem");
        Files.write(ca, ROOT.certPem());
        return ca.toString();
    }

    @Test
    void curlHttp2OverTlsNegotiatesH2ByAlpn() throws Exception {
        try (HttpServer server = tlsServer(ECHO)) {
            String out = curl("--http2", "--cacert", caFile(), "-i", "-X", "POST", "--data-binary", "ping-h2",
                    "https://localhost:" + server.localAddr().port() + "/tls?x=1", "-w", "\n%{http_version}");
            assertThat(out).startsWith("HTTP/2 201").contains("x-sifr-method: POST", "content-type: text/plain")
                    .endsWith("\r\n\r\n" + expected("POST", "/tls?x=1", 7) + "\n2");
        }
    }

    @Test
    void curlPriorKnowledgeMultiplexesParallelRequestsOnOneConnection() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", ECHO)) {
            String base = "http://" + server.localAddr();
            List<String> args = new ArrayList<>(List.of("--http2-prior-knowledge", "--no-progress-meter", "--parallel",
                    "--parallel-immediate", "--parallel-max", "4", "-w", "%{url_effective} %{http_code} %{http_version}\n"));
            for (String name : List.of("a", "b", "c", "d")) {
                args.addAll(List.of(base + "/" + name, "-o", dir.resolve(name + ".out").toString()));
            }
            String out = curl(args.toArray(String[]::new));
            for (String name : List.of("a", "b", "c", "d")) {
                assertThat(out).contains(base + "/" + name + " 201 2\n");
                assertThat(Files.readString(dir.resolve(name + ".out"))).isEqualTo(expected("GET", "/" + name, 0));
            }
        }
    }

    @Test
    void curlUpgradesACleartextConnectionToH2c() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", ECHO)) {
            String base = "http://" + server.localAddr();
            // the first request travels as HTTP/1.1 with Upgrade: h2c and is answered on stream 1; the second follows over HTTP/2
            String out = curl("--http2", "-i", base + "/up", base + "/next", "-w", "\n%{http_version} %{num_connects}\n");
            assertThat(out).contains("HTTP/1.1 101 Switching Protocols", "HTTP/2 201", "x-sifr-method: GET",
                    expected("GET", "/up", 0) + "\n2 1\n", expected("GET", "/next", 0) + "\n2 0\n");
        }
    }

    @Test
    void anUpgradeRequestWithABodyIsAnsweredOverHttp1() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", ECHO)) {
            String out = curl("--http2", "-X", "POST", "--data-binary", "body", "http://" + server.localAddr() + "/post",
                    "-w", "\n%{http_code} %{http_version}");
            assertThat(out).isEqualTo("POST /post 4 HTTP/1.1\n201 1.1");
        }
    }

    @Test
    void nghttpPriorKnowledgeRunsConcurrentStreams() throws Exception {
        Http2Interop.InFlight handler = new Http2Interop.InFlight(4);
        try (HttpServer server = HttpServer.start("127.0.0.1:0", handler)) {
            // -m 4: the same request four times at once on one connection
            String out = run("nghttp", "nghttp2-client", List.of("-v", "-m", "4", "http://" + server.localAddr() + "/ng"));
            assertThat(out).contains("recv SETTINGS frame", ":status: 201", "x-sifr-method: GET")
                    .contains(expected("GET", "/ng", 0)).doesNotContain("recv GOAWAY").doesNotContain("RST_STREAM");
            assertThat(handler.allMet()).as("4 streams in flight at once, max seen %d", handler.maxInFlight()).isTrue();
        }
    }

    @Test
    void nghttpOverTlsUploadsABody() throws Exception {
        Path upload = dir.resolve("upload.bin");
        Files.write(upload, new byte[100_000]);
        try (HttpServer server = tlsServer(ECHO)) {
            String out = run("nghttp", "nghttp2-client", List.of("-v", "-d", upload.toString(),
                    "https://localhost:" + server.localAddr().port() + "/upload"));
            assertThat(out).contains("h2", ":status: 201", "x-sifr-method: POST", expected("POST", "/upload", 100_000));
        }
    }

    @Test
    void h2loadCompletesEveryRequestInABoundedRun() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", ECHO)) {
            String out = run("h2load", "nghttp2-client", List.of("-n", "2000", "-c", "4", "-m", "16",
                    "http://" + server.localAddr() + "/load"));
            assertThat(out).contains("requests: 2000 total, 2000 started, 2000 done, 2000 succeeded, 0 failed, 0 errored, 0 timeout",
                    "status codes: 2000 2xx, 0 3xx, 0 4xx, 0 5xx");
        }
    }

    @Test
    void h2loadOverTlsCompletesEveryRequest() throws Exception {
        try (HttpServer server = tlsServer(ECHO)) {
            String out = run("h2load", "nghttp2-client", List.of("-n", "500", "-c", "2", "-m", "8",
                    "https://localhost:" + server.localAddr().port() + "/load"));
            assertThat(out).contains("Application protocol: h2", "500 succeeded, 0 failed");
        }
    }

    private PeerProcess startNginx(int port) throws Exception {
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/hello.txt"), "hello over h2\n");
        // nginx 1.22 (Debian 12) spells HTTP/2 as a listen parameter; 1.25+ also takes "http2 on;"
        return NginxPeer.start(dir, port, SERVER.chainPem(), SERVER.traditionalKeyPem(), """
                    server {
                        listen 127.0.0.1:%2$d ssl http2;
                        ssl_certificate %1$s/server.pem;
                        ssl_certificate_key %1$s/server-key.pem;
                        root %1$s/www;
                        location = /echo {
                            default_type text/plain;
                            add_header x-peer nginx;
                            return 200 "$request_method $request_uri $http_x_sifr $server_protocol\\n";
                        }
                    }
                """);
    }

    private static String text(HttpResponse r) throws IOException {
        return new String(r.body().collectWithLimit(1 << 20), StandardCharsets.UTF_8);
    }

    @Test
    void ourClientAgainstNginxOverTlsSpeaksH2WithConcurrentStreams() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess nginx = startNginx(port);
             HttpConnection client = HttpConnection.open("https://localhost:" + port,
                     HttpClientOptions.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem())).build())) {
            assertThat(client.version()).isEqualTo(Version.HTTP_2);
            HttpResponse file = client.send(Http.requestHead("GET", "/hello.txt", HeaderMap.empty()));
            assertThat(file.status().code()).isEqualTo(200);
            assertThat(file.version()).isEqualTo(Version.HTTP_2);
            assertThat(file.headers().get("content-length")).contains("14");
            assertThat(text(file)).isEqualTo("hello over h2\n");
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int n = i;
                    Callable<String> exchange = () -> {
                        HttpResponse r = client.send(Http.requestHead("GET", "/echo?n=" + n, HeaderMap.of("x-sifr", "h2")));
                        assertThat(r.status().code()).isEqualTo(200);
                        assertThat(r.headers().get("x-peer")).contains("nginx");
                        return text(r);
                    };
                    answers.add(pool.submit(exchange));
                }
                for (int i = 0; i < 8; i++) {
                    assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("GET /echo?n=" + i + " h2 HTTP/2.0\n");
                }
            } finally {
                pool.shutdownNow();
            }
            HttpResponse missing = client.send(Http.requestHead("GET", "/missing", HeaderMap.empty()));
            assertThat(missing.status().code()).isEqualTo(404);
            missing.close();
            assertThat(client.isOpen()).isTrue();
        }
    }
}
