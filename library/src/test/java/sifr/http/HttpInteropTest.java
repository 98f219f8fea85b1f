package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import org.junit.jupiter.api.io.TempDir;
import sifr.testing.NginxPeer;
import sifr.testing.PeerProcess;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * Interop over loopback: curl (Debian package {@code curl}) against our server, plain and TLS; our
 * client against nginx (Debian package {@code nginx}), plain and TLS. Certificates come from a
 * test-time CA; verification stays on everywhere.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HttpInteropTest {
    private static final TestPki.Cert ROOT = TestPki.root("HTTP Interop Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1")
            .key(TestPki.KeyType.RSA));

    @TempDir
    Path dir;

    private String curl(String... args) throws Exception {
        Path curl = PeerProcess.requireBinary("curl", "curl");
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "20"));
        command.addAll(List.of(args));
        try (PeerProcess p = PeerProcess.start(dir, command)) {
            assertThat(p.awaitExit(Duration.ofSeconds(30))).as("curl exit: %s", p.output()).isZero();
            return p.output();
        }
    }

    /**
     * wrk (Debian package {@code wrk}) drives 16 keep-alive connections for 2 seconds, plain and with 8
     * requests pipelined per write: every response must be a complete 2xx on a reused connection. This
     * checks framing under load, not speed (bench/run measures that).
     */
    @Test
    void wrkGetsOnlyCompleteSuccessfulResponsesPlainAndPipelined() throws Exception {
        Path wrk = PeerProcess.requireBinary("wrk", "wrk");
        Path pipeline = dir.resolve("pipeline.lua");
        Files.writeString(pipeline, """
                init = function(args)
                  local r = {}
                  for i = 1, 8 do r[i] = wrk.format("GET", "/p" .. i) end
                  req = table.concat(r)
                end
                request = function() return req end
                """);
        try (HttpServer server = HttpServer.start("127.0.0.1:0", request -> HttpResponse.of(200,
                HeaderMap.of("content-type", "text/plain"), Http.bodyFromBytes("Hello, World!".getBytes(StandardCharsets.US_ASCII))))) {
            String url = "http://" + server.localAddr() + "/";
            for (List<String> extra : List.of(List.<String>of(), List.of("-s", pipeline.toString()))) {
                List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t1", "-c16", "-d2s", "--timeout", "5s"));
                command.addAll(extra);
                command.add(url);
                try (PeerProcess p = PeerProcess.start(dir, command)) {
                    assertThat(p.awaitExit(Duration.ofSeconds(30))).as("wrk exit: %s", p.output()).isZero();
                    String out = p.output();
                    assertThat(out).as("wrk %s", extra).contains("requests in")
                            .doesNotContain("Non-2xx").doesNotContain("Socket errors");
                    long requests = Long.parseLong(out.replaceAll("(?s).*\\n\\s*(\\d+) requests in.*", "$1"));
                    assertThat(requests).as("wrk %s", extra).isPositive();
                }
            }
        }
    }

    @Test
    void curlPostsToOurServer() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", HttpServerTest.PONG)) {
            String out = curl("-X", "POST", "--data-binary", "ping-http1", "-H", "Content-Type: text/plain",
                    "http://" + server.localAddr() + "/m4/http1", "-w", " %{http_code}");
            assertThat(out).isEqualTo("pong-http1 201");
        }
    }

    @Test
    void curlReusesOneKeepAliveConnectionForSeveralRequests() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", request -> HttpResponse.of(200, HeaderMap.empty(),
                Http.bodyFromBytes((request.path() + "\n").getBytes(StandardCharsets.US_ASCII))))) {
            String base = "http://" + server.localAddr();
            String out = curl(base + "/a", base + "/b", base + "/c", "-w", "%{num_connects}\n");
            assertThat(out).isEqualTo("/a\n1\n/b\n0\n/c\n0\n");
        }
    }

    @Test
    void curlOverTlsToOurServer() throws Exception {
        Files.write(dir.resolve("ca.pem"), ROOT.certPem());
        HttpServerOptions options = HttpServerOptions.builder()
                .tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem(), List.of("http/1.1"))).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", HttpServerTest.PONG, options)) {
            String out = curl("--http1.1", "--cacert", dir.resolve("ca.pem").toString(), "-X", "POST", "--data-binary", "ping-http1",
                    "https://localhost:" + server.localAddr().port() + "/m4/http1", "-w", " %{http_code} %{http_version}");
            assertThat(out).isEqualTo("pong-http1 201 1.1");
        }
    }

    private PeerProcess startNginx(int port, boolean tls) throws Exception {
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/hello.txt"), "hello from a file\n");
        String listen = tls ? "listen 127.0.0.1:%2$d ssl;\n ssl_certificate %1$s/server.pem;\n ssl_certificate_key %1$s/server-key.pem;"
                : "listen 127.0.0.1:%2$d;";
        return NginxPeer.start(dir, port, SERVER.chainPem(), SERVER.traditionalKeyPem(), """
                    server {
                """ + listen + """

                        root %1$s/www;
                        location = /echo {
                            default_type text/plain;
                            return 200 "$request_method $request_uri $http_x_sifr\\n";
                        }
                    }
                """);
    }

    private static String text(HttpResponse r) throws IOException {
        return new String(r.body().collectWithLimit(1 << 20), StandardCharsets.UTF_8);
    }

    @Test
    void ourClientAgainstNginxWithKeepAlive() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess nginx = startNginx(port, false);
             HttpConnection client = HttpConnection.open("http://127.0.0.1:" + port)) {
            HttpResponse file = client.send(Http.requestHead("GET", "/hello.txt", HeaderMap.empty()));
            assertThat(file.status().code()).isEqualTo(200);
            assertThat(text(file)).isEqualTo("hello from a file\n");
            HttpResponse echo = client.send(Http.requestHead("GET", "/echo?q=1", HeaderMap.of("x-sifr", "yes")));
            assertThat(text(echo)).isEqualTo("GET /echo?q=1 yes\n");
            HttpResponse head = client.send(Http.requestHead("HEAD", "/hello.txt", HeaderMap.empty()));
            assertThat(head.headers().get("content-length")).contains("18");
            assertThat(text(head)).isEmpty();
            HttpResponse missing = client.send(Http.requestHead("GET", "/missing", HeaderMap.empty()));
            assertThat(missing.status().code()).isEqualTo(404);
            missing.close();
            assertThat(text(client.send(Http.requestHead("GET", "/hello.txt", HeaderMap.empty())))).isEqualTo("hello from a file\n");
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void ourClientAgainstNginxOverTls() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess nginx = startNginx(port, true);
             HttpConnection client = HttpConnection.open("https://localhost:" + port,
                     HttpClientOptions.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem(), List.of("http/1.1"))).build())) {
            assertThat(text(client.send(Http.requestHead("GET", "/hello.txt", HeaderMap.empty())))).isEqualTo("hello from a file\n");
            assertThat(text(client.send(Http.requestHead("GET", "/echo", HeaderMap.of("x-sifr", "tls"))))).isEqualTo("GET /echo tls\n");
        }
    }
}
