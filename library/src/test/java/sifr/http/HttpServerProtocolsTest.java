package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.Net;
import sifr.net.PinningRecorder;
import sifr.net.TcpStream;
import sifr.testing.TestPki;
import sifr.tls.Tls;
import sifr.tls.TlsStream;

/** How one port picks its protocol, and the switches in {@link HttpServerOptions} that turn protocols off. */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpServerProtocolsTest {
    private static final TestPki.Cert ROOT = TestPki.root("Protocols Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));
    static {
        // Initialize sifr.task before the first handshakes: the server's virtual thread and this test's
        // client thread both reach it in their TLS handshake at once, and a virtual thread waiting for
        // another thread's class initialization is a (JVM-level, one-time) pin the recorder would report.
        sifr.task.Task.deadline();
    }

    private static final String UPGRADE = "GET /up HTTP/1.1\r\nHost: t\r\nConnection: Upgrade, HTTP2-Settings\r\n"
            + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n";

    private static String exchange(HttpServer server, String request) throws IOException {
        try (TcpStream tcp = Net.connectTcp(server.localAddr().toString())) {
            tcp.writeAll(request.getBytes(StandardCharsets.US_ASCII));
            tcp.shutdownWrite();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] chunk = tcp.read(4096); chunk.length > 0 && all.size() < 100_000; chunk = tcp.read(4096)) {
                all.write(chunk);
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void optionsThatEnableNoProtocolAreRejected() throws Exception {
        assertThatThrownBy(() -> HttpServerOptions.builder().serveHttp1(false).serveH2cPriorKnowledge(false).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("HTTP server options enable no protocol");
        var tls = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        assertThatThrownBy(() -> HttpServerOptions.builder().tls(tls).serveHttp1(false).serveH2(false).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("HTTP server options enable no protocol");
        assertThat(HttpServerOptions.builder().http1Only().build())
                .satisfies(o -> assertThat(List.of(o.serveHttp1(), o.serveH2(), o.serveH2cPriorKnowledge(), o.serveH2cUpgrade()))
                        .containsExactly(true, false, false, false));
    }

    @Test
    void everyProtocolIsOnByDefault() {
        HttpServerOptions o = HttpServerOptions.defaults();
        assertThat(List.of(o.serveHttp1(), o.serveH2(), o.serveH2cPriorKnowledge(), o.serveH2cUpgrade())).containsExactly(true, true, true, true);
        assertThat(o.http2()).isEqualTo(Http2Limits.serverDefaults());
    }

    @Test
    void anHttp1OnlyServerAnswersAnUpgradeRequestOverHttp1() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", Http2Interop.ECHO,
                HttpServerOptions.builder().http1Only().build())) {
            assertThat(exchange(server, UPGRADE)).startsWith("HTTP/1.1 201 ").endsWith("GET /up 0 HTTP/1.1");
        }
    }

    @Test
    void anHttp1OnlyServerDoesNotTakeThePreface() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", Http2Interop.ECHO,
                HttpServerOptions.builder().http1Only().build())) {
            assertThat(exchange(server, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")).startsWith("HTTP/1.1 505 ");
        }
    }

    @Test
    void anUpgradeRequestWithABodyStaysHttp1() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", Http2Interop.ECHO)) {
            String withBody = UPGRADE.replace("GET /up", "POST /up").replace("\r\n\r\n", "\r\nContent-Length: 4\r\n\r\nbody");
            assertThat(exchange(server, withBody)).startsWith("HTTP/1.1 201 ").endsWith("POST /up 4 HTTP/1.1");
        }
    }

    @Test
    void anUpgradeRequestIsAnswered101() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", Http2Interop.ECHO)) {
            assertThat(exchange(server, UPGRADE)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        }
    }

    @Test
    void tlsPrefersH2ByAlpnAndFallsBackToHttp1() throws Exception {
        HttpServerOptions options = HttpServerOptions.builder().tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", Http2Interop.ECHO, options)) {
            assertThat(negotiated(server, List.of("http/1.1", "h2"))).isEqualTo("h2");
            assertThat(negotiated(server, List.of("http/1.1"))).isEqualTo("http/1.1");
        }
        HttpServerOptions h1 = HttpServerOptions.builder().tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()))
                .serveH2(false).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", Http2Interop.ECHO, h1)) {
            assertThat(negotiated(server, List.of("h2", "http/1.1"))).isEqualTo("http/1.1");
        }
    }

    private static String negotiated(HttpServer server, List<String> offer) throws IOException {
        try (TlsStream tls = Tls.clientConfigFromCaPem(ROOT.certPem(), offer)
                .connect("localhost", Net.connectTcp(server.localAddr().toString()))) {
            return tls.alpnProtocol().orElse("none");
        }
    }

    @Test
    void anIdleHttp2ConnectionIsDrainedAfterTheIdleTimeout() throws Exception {
        HttpServerOptions options = HttpServerOptions.builder().idleTimeout(java.time.Duration.ofMillis(300)).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", Http2Interop.ECHO, options);
             HttpConnection client = HttpConnection.open("http://" + server.localAddr(),
                     HttpClientOptions.builder().h2cPriorKnowledge(true).build())) {
            assertThat(client.send(Http.requestHead("GET", "/once", HeaderMap.empty())).body().collectWithLimit(100))
                    .isEqualTo("GET /once 0 HTTP/2".getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (client.isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(client.isOpen()).as("closed by the server's GOAWAY after the idle timeout").isFalse();
            // the client sees GOAWAY first; the server's connection ends once both sides have closed
            while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void aRequestRunningLongerThanTheIdleTimeoutIsAnswered() throws Exception {
        HttpServerOptions options = HttpServerOptions.builder().idleTimeout(java.time.Duration.ofMillis(200)).build();
        HttpHandler slow = request -> {
            Thread.sleep(1000);
            return Http2Interop.ECHO.handle(request);
        };
        try (HttpServer server = HttpServer.start("127.0.0.1:0", slow, options);
             HttpConnection client = HttpConnection.open("http://" + server.localAddr(),
                     HttpClientOptions.builder().h2cPriorKnowledge(true).build())) {
            HttpResponse r = client.send(Http.requestHead("GET", "/slow", HeaderMap.empty()));
            assertThat(r.status().code()).isEqualTo(201);
            assertThat(r.body().collectWithLimit(100)).isEqualTo("GET /slow 0 HTTP/2".getBytes(StandardCharsets.UTF_8));
        }
    }
}
