package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.http.Proxy;
import sifr.http.ProxyAuthError;
import sifr.http.ProxyError;
import sifr.http.Version;
import sifr.testing.PeerProcess;
import sifr.testing.TestPki;
import sifr.testing.TinyproxyPeer;
import sifr.tls.CertificateError;
import sifr.tls.Tls;

/**
 * {@link WebSocketOptions#proxy()} through a real proxy nobody here wrote: tinyproxy (Debian package
 * {@code tinyproxy}), started by the test on a loopback port with its own config, forwarding only to
 * loopback. {@code ws://} and {@code wss://} both go through a CONNECT tunnel; over TLS the server is
 * verified against the test CA as without a proxy, and ALPN still picks HTTP/2 (RFC 8441 inside the tunnel).
 */
@Timeout(60)
class WebSocketProxyInteropTest {
    private static final TestPki.Cert ROOT = TestPki.root("WebSocket Proxy Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));

    @TempDir
    Path dir;

    /** Our server: echoes every message, records the HTTP version each upgrade came over. */
    private static HttpServer echoServer(HttpServerOptions options, BlockingQueue<Version> versions)
            throws java.io.IOException {
        return HttpServer.start("127.0.0.1:0", request -> {
            versions.add(request.head().version());
            return WebSocket.upgrade(request, WebSocketOptions.defaults(), ws -> {
                for (WebSocketMessage m = ws.receive(); !m.isClose(); m = ws.receive()) {
                    ws.send(m);
                }
            });
        }, options);
    }

    @Test
    void wsGoesThroughAConnectTunnel() throws Exception {
        int proxyPort = PeerProcess.freePort();
        BlockingQueue<Version> versions = new ArrayBlockingQueue<>(4);
        try (HttpServer server = echoServer(HttpServerOptions.defaults(), versions);
             PeerProcess tinyproxy = TinyproxyPeer.start(dir, proxyPort, null, null)) {
            WebSocketOptions options = WebSocketOptions.builder().proxy(Proxy.http("127.0.0.1", proxyPort)).build();
            try (WebSocket ws = WebSocket.connect("ws://" + server.localAddr() + "/chat", options)) {
                ws.sendText("through the proxy");
                assertThat(ws.receive().text()).isEqualTo("through the proxy");
                ws.close(CloseStatus.NORMAL, "done");
            }
            assertThat(versions.poll(10, TimeUnit.SECONDS)).isEqualTo(Version.HTTP_1_1);
            assertThat(TinyproxyPeer.log(dir)).as(tinyproxy.output()).contains("CONNECT " + server.localAddr());
        }
    }

    @Test
    void wssRunsHttp2InsideTheTunnelWithTheServerVerifiedAndTheProxysCredentials() throws Exception {
        int proxyPort = PeerProcess.freePort();
        BlockingQueue<Version> versions = new ArrayBlockingQueue<>(4);
        HttpServerOptions tls = HttpServerOptions.builder()
                .tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem(), List.of("h2", "http/1.1"))).build();
        try (HttpServer server = echoServer(tls, versions);
             PeerProcess tinyproxy = TinyproxyPeer.start(dir, proxyPort, "sifr", "open-sesame")) {
            String url = "wss://localhost:" + server.localAddr().port() + "/chat";
            Proxy anonymous = Proxy.http("127.0.0.1", proxyPort);
            WebSocketOptions trusted = WebSocketOptions.builder()
                    .tls(Tls.clientConfigFromCaPem(ROOT.certPem(), List.of("http/1.1"))).build();

            assertThatThrownBy(() -> WebSocket.connect(url, trusted.toBuilder().proxy(anonymous).build()))
                    .isInstanceOfSatisfying(ProxyAuthError.class, e -> assertThat(e.status()).isEqualTo(407));

            WebSocketOptions options = trusted.toBuilder().proxy(anonymous.withBasicAuth("sifr", "open-sesame")).build();
            try (WebSocket ws = WebSocket.connect(url, options)) {
                ws.sendText("encrypted through the proxy");
                assertThat(ws.receive().text()).isEqualTo("encrypted through the proxy");
                ws.close(CloseStatus.NORMAL, "done");
            }
            assertThat(versions.poll(10, TimeUnit.SECONDS)).isEqualTo(Version.HTTP_2); // RFC 8441 in the tunnel

            // the tunnel does not weaken verification: another root still refuses the server
            WebSocketOptions otherRoot = options.toBuilder()
                    .tls(Tls.clientConfigFromCaPem(TestPki.root("Some Other Root").certPem(), List.of("http/1.1")))
                    .build();
            assertThatThrownBy(() -> WebSocket.connect(url, otherRoot)).isInstanceOf(CertificateError.class);
            assertThat(versions).isEmpty();
        }
    }

    @Test
    void aTunnelTheProxyRefusesFailsWithItsStatus() throws Exception {
        int proxyPort = PeerProcess.freePort();
        try (PeerProcess tinyproxy = TinyproxyPeer.start(dir, proxyPort, null, null)) {
            WebSocketOptions options = WebSocketOptions.builder().proxy(Proxy.http("127.0.0.1", proxyPort)).build();
            // outside the proxy's filter (loopback only): 403 before any connection is tried
            assertThatThrownBy(() -> WebSocket.connect("ws://blocked.invalid:8080/chat", options))
                    .isInstanceOfSatisfying(ProxyError.class, e -> assertThat(e.status()).isEqualTo(403))
                    .hasMessageStartingWith("proxy refused CONNECT to blocked.invalid:8080: 403");
        }
    }
}
