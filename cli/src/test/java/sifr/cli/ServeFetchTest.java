package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.http.HttpServer;

/** sifr fetch against the handlers of sifr serve (files and --echo), over loopback. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServeFetchTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int fetch(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void fetchGetsAFileWithItsContentType() throws Exception {
        Files.writeString(dir.resolve("index.html"), "<h1>hi</h1>");
        try (HttpServer server = HttpServer.start("127.0.0.1:0", sifr.http.StaticFiles.handler(dir))) {
            assertThat(fetch("fetch", "-i", "http://" + server.localAddr() + "/")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("content-type: text/html; charset=utf-8\r\n").endsWith("<h1>hi</h1>");
        }
    }

    @Test
    void serveRefusesPathsOutsideItsDirectory() throws Exception {
        // sent raw: a URL parser (sifr fetch's included) would remove the dot segments first
        for (String target : new String[] {"/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd", "/a/..%2f..%2f..%2fetc/passwd"}) {
            sifr.http.HttpResponse r = sifr.http.StaticFiles.handler(dir).handle(sifr.http.HttpRequest.of(
                    sifr.http.Http.requestHead("GET", target, sifr.http.HeaderMap.empty()), sifr.http.BodyStream.empty()));
            assertThat(r.status().code()).as(target).isIn(400, 404);
            assertThat(r.status().code()).as(target).isNotEqualTo(200);
        }
    }

    @Test
    void echoShowsWhatTheServerParsed() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", Serve::echo)) {
            assertThat(fetch("fetch", "-X", "PUT", "-H", "X-Demo: 1", "-d", "hello", "http://" + server.localAddr() + "/a?b=c")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("method: PUT", "target: /a?b=c", "version: HTTP/1.1",
                    "header: x-demo: 1", "body: 5 bytes", "hello");
        }
    }

    @Test
    void fetchWritesToAFileWithoutAProgressBarWhenNotOnATerminal() throws Exception {
        Files.write(dir.resolve("big.bin"), new byte[3 << 20]);
        Path target = dir.resolve("copy.bin");
        try (HttpServer server = HttpServer.start("127.0.0.1:0", sifr.http.StaticFiles.handler(dir))) {
            assertThat(fetch("fetch", "-o", target.toString(), "http://" + server.localAddr() + "/big.bin")).isZero();
        }
        assertThat(Files.size(target)).isEqualTo(3 << 20);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("%");
    }

    @Test
    void onATerminalTheProgressBarShowsBytesRateAndEtaUnlessSilent() throws Exception {
        Files.write(dir.resolve("big.bin"), new byte[3 << 20]);
        Path target = dir.resolve("copy.bin");
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        try (HttpServer server = HttpServer.start("127.0.0.1:0", sifr.http.StaticFiles.handler(dir))) {
            String url = "http://" + server.localAddr() + "/big.bin";
            assertThat(new Fetch(o, e, true).run(new String[] {"-o", target.toString(), url})).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("100% 3.0 MiB of 3.0 MiB, ").contains("/s, ETA ");
            err.reset();
            assertThat(new Fetch(o, e, true).run(new String[] {"-s", "-o", target.toString(), url})).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void fetchFollowsRedirectsOnlyWithL() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", r -> r.path().equals("/old")
                ? sifr.http.HttpResponse.of(301, sifr.http.HeaderMap.of("location", "/new"))
                : Serve.echo(r))) {
            String url = "http://" + server.localAddr() + "/old";
            assertThat(fetch("fetch", "-i", url)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 301 ");
            out.reset();
            assertThat(fetch("fetch", "-L", url)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("target: /new");
        }
    }

    @Test
    void fetchMaxTimeBoundsTheWholeCall() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (HttpServer server = HttpServer.start("127.0.0.1:0", r -> {
            release.await(20, TimeUnit.SECONDS);
            return Serve.echo(r);
        }, sifr.http.HttpServerOptions.builder().shutdownGracePeriod(java.time.Duration.ofMillis(50)).build())) {
            assertThat(fetch("fetch", "--max-time", "0.5", "http://" + server.localAddr() + "/")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP request timed out after 500 ms");
            release.countDown();
        }
    }

    @Test
    void fetchWithHttp2PriorKnowledgeSpeaksH2cToTheSamePort() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", Serve::echo)) {
            for (String flag : new String[] {"--http2-prior-knowledge", "--http2"}) {
                out.reset();
                assertThat(fetch("fetch", flag, "-i", "-X", "PUT", "-d", "hello", "http://" + server.localAddr() + "/h2")).isZero();
                assertThat(out.toString(StandardCharsets.UTF_8)).as(flag).startsWith("HTTP/2 200 OK\r\n")
                        .contains("method: PUT", "target: /h2", "version: HTTP/2", "body: 5 bytes", "hello");
            }
        }
    }

    @Test
    void fetchRejectsHttp11WithHttp2() {
        assertThat(fetch("fetch", "--http1.1", "--http2", "http://127.0.0.1:1/")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--http1.1 and --http2 exclude each other");
    }

    @Test
    void fetchOverHttpsSpeaksH2ByAlpnUnlessToldHttp11() throws Exception {
        DemoCertificates.Pems pems = DemoCertificates.create();
        Path ca = dir.resolve("ca.pem");
        Files.write(ca, pems.rootCertificate());
        sifr.http.HttpServerOptions options = sifr.http.HttpServerOptions.builder()
                .tls(sifr.tls.Tls.serverConfig(pems.serverCertificate(), pems.serverKey())).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", Serve::echo, options)) {
            String url = "https://localhost:" + server.localAddr().port() + "/tls";
            assertThat(fetch("fetch", "-i", "--cacert", ca.toString(), url)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("HTTP/2 200 OK\r\n").contains("version: HTTP/2");
            out.reset();
            assertThat(fetch("fetch", "-i", "--http1.1", "--cacert", ca.toString(), url)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200 OK\r\n").contains("version: HTTP/1.1");
        }
    }
}
