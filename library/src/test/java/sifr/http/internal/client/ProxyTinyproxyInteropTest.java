package sifr.http.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpClientOptions;
import sifr.http.HttpConnection;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.http.Proxy;
import sifr.http.ProxyAuthError;
import sifr.http.ProxyError;
import sifr.http.internal.entry.EngineConfigs;
import sifr.http.internal.h1.H1ClientConnection;
import sifr.http.internal.h1.H1HostConnection;
import sifr.http.internal.h1.H1Limits;
import sifr.http.internal.h2.Http2ClientConnection;
import sifr.net.ByteStream;
import sifr.testing.PeerProcess;
import sifr.testing.TestPki;
import sifr.testing.TinyproxyPeer;
import sifr.tls.CertificateError;
import sifr.tls.Tls;
import sifr.tls.TlsClientConfig;
import sifr.tls.TlsStream;
import sifr.url.Url;

/**
 * Through a real proxy nobody here wrote: tinyproxy (Debian package {@code tinyproxy}), started by the
 * test on a loopback port with its own config, forwarding only to loopback. Our server behind it speaks
 * HTTP/1.1 in plain text and HTTP/1.1 and h2 over TLS with a test CA; verification stays on.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProxyTinyproxyInteropTest {
    private static final TestPki.Cert ROOT = TestPki.root("Proxy Interop Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));
    private static HttpServer plain;
    private static HttpServer tls;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() throws IOException {
        sifr.http.HttpHandler echo = request -> HttpResponse.of(200, HeaderMap.of("content-type", "text/plain"),
                Http.bodyFromBytes((request.method() + " " + request.path() + " host=" + request.headers().get("host").orElse("")
                        + " proxy-auth=" + request.headers().contains("proxy-authorization") + " " + request.head().version())
                        .getBytes(StandardCharsets.US_ASCII)));
        plain = HttpServer.start("127.0.0.1:0", echo);
        tls = HttpServer.start("127.0.0.1:0", echo, HttpServerOptions.builder()
                .tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem(), List.of("h2", "http/1.1"))).build());
    }

    @AfterAll
    static void stopServers() throws IOException {
        plain.close();
        tls.close();
    }

    private static String text(HttpResponse r) throws IOException {
        return new String(r.body().collectWithLimit(1 << 20), StandardCharsets.UTF_8);
    }

    private static TlsClientConfig trust(List<String> alpn) throws IOException {
        return Tls.clientConfigFromCaPem(ROOT.certPem(), alpn);
    }

    /** HTTPS through the tunnel, as the pooled client does it: CONNECT, then TLS with the origin. */
    private static HttpConnection https(Proxy proxy, String host, int port, List<String> alpn) throws IOException {
        ByteStream tunnel = ProxyTunnel.open(proxy, host, port, Duration.ofSeconds(20));
        TlsStream stream = trust(alpn).connect(host, tunnel);
        String hostField = host + ":" + port;
        if (stream.alpnProtocol().map("h2"::equals).orElse(false)) {
            return new H1HostConnection(Http2ClientConnection.start(stream,
                    EngineConfigs.client(HttpClientOptions.defaults()), "https"), hostField);
        }
        return new H1HostConnection(new H1ClientConnection(stream, H1Limits.DEFAULT, 1 << 20), hostField);
    }

    @Test
    void httpsGoesThroughAConnectTunnelWithTheOriginVerified() throws Exception {
        int proxyPort = PeerProcess.freePort();
        int port = tls.localAddr().port();
        try (PeerProcess tinyproxy = TinyproxyPeer.start(dir, proxyPort, null, null)) {
            Proxy proxy = Proxy.http("127.0.0.1", proxyPort);
            try (HttpConnection c = https(proxy, "localhost", port, List.of("http/1.1"))) {
                assertThat(text(c.send(Http.requestHead("GET", "/one?x=1", HeaderMap.empty()))))
                        .isEqualTo("GET /one?x=1 host=localhost:" + port + " proxy-auth=false HTTP/1.1");
                assertThat(text(c.send(Http.requestHead("GET", "/two", HeaderMap.empty())))).startsWith("GET /two ");
            }
            try (HttpConnection c = https(proxy, "localhost", port, List.of("h2", "http/1.1"))) {
                assertThat(text(c.send(Http.requestHead("GET", "/h2", HeaderMap.empty())))).endsWith(" HTTP/2");
            }
            assertThat(TinyproxyPeer.log(dir)).contains("CONNECT localhost:" + port);
        }
    }

    @Test
    void theTunnelDoesNotWeakenCertificateVerification() throws Exception {
        int proxyPort = PeerProcess.freePort();
        try (PeerProcess tinyproxy = TinyproxyPeer.start(dir, proxyPort, null, null)) {
            // the certificate names localhost and 127.0.0.1: the same server under the name "127.0.0.2.invalid"
            // cannot be reached, so check the other way: a client trusting another CA refuses the origin
            ByteStream tunnel = ProxyTunnel.open(Proxy.http("127.0.0.1", proxyPort), "localhost", tls.localAddr().port(),
                    Duration.ofSeconds(20));
            TlsClientConfig other = Tls.clientConfigFromCaPem(TestPki.root("Some Other Root").certPem(), List.of("http/1.1"));
            assertThatThrownBy(() -> other.connect("localhost", tunnel)).isInstanceOf(CertificateError.class);
        }
    }

    @Test
    void plainHttpGoesToTheProxyInAbsoluteForm() throws Exception {
        int proxyPort = PeerProcess.freePort();
        int port = plain.localAddr().port();
        try (PeerProcess tinyproxy = TinyproxyPeer.start(dir, proxyPort, null, null);
             HttpConnection c = HttpConnection.open("http://127.0.0.1:" + proxyPort)) {
            Url url = Url.parse("http://127.0.0.1:" + port + "/a/b?q=1#frag");
            String target = ProxyTunnel.absoluteTarget(url);
            assertThat(target).isEqualTo("http://127.0.0.1:" + port + "/a/b?q=1");
            HeaderMap fields = ProxyTunnel.withAuthorization(HeaderMap.of("host", "127.0.0.1:" + port),
                    Proxy.http("127.0.0.1", proxyPort));
            assertThat(text(c.send(Http.requestHead("GET", target, fields))))
                    .startsWith("GET /a/b?q=1 host=127.0.0.1:" + port + " proxy-auth=false");
            assertThat(TinyproxyPeer.log(dir)).contains("GET " + target);
        }
    }

    @Test
    void basicProxyAuthenticationOnConnectAndOnPlainRequests() throws Exception {
        int proxyPort = PeerProcess.freePort();
        try (PeerProcess tinyproxy = TinyproxyPeer.start(dir, proxyPort, "sifr", "open-sesame")) {
            Proxy anonymous = Proxy.http("127.0.0.1", proxyPort);
            assertThatThrownBy(() -> ProxyTunnel.open(anonymous, "localhost", tls.localAddr().port(), Duration.ofSeconds(20)))
                    .isInstanceOfSatisfying(ProxyAuthError.class, e -> {
                        assertThat(e.status()).isEqualTo(407);
                        assertThat(e.challenge()).isEqualTo("Basic realm=\"Tinyproxy\"");
                        assertThat(e.getMessage()).isEqualTo("proxy requires authentication (give credentials with "
                                + "Proxy.withBasicAuth) for CONNECT to localhost:" + tls.localAddr().port()
                                + ": 407 Proxy Authentication Required");
                    });
            Proxy wrong = anonymous.withBasicAuth("sifr", "guess");
            assertThatThrownBy(() -> ProxyTunnel.open(wrong, "localhost", tls.localAddr().port(), Duration.ofSeconds(20)))
                    .isInstanceOf(ProxyAuthError.class).hasMessageStartingWith("proxy refused the credentials of user 'sifr'");

            Proxy proxy = anonymous.withBasicAuth("sifr", "open-sesame");
            try (HttpConnection c = https(proxy, "localhost", tls.localAddr().port(), List.of("http/1.1"))) {
                // the credentials went to the proxy on CONNECT, never inside the tunnel to the origin
                assertThat(text(c.send(Http.requestHead("GET", "/secret", HeaderMap.empty())))).contains("proxy-auth=false");
            }
            int port = plain.localAddr().port();
            String target = "http://127.0.0.1:" + port + "/plain";
            try (HttpConnection c = HttpConnection.open("http://127.0.0.1:" + proxyPort)) {
                HttpResponse refused = c.send(Http.requestHead("GET", target, HeaderMap.of("host", "127.0.0.1:" + port)));
                assertThat(refused.status().code()).isEqualTo(407);
                refused.close();
            }
            try (HttpConnection c = HttpConnection.open("http://127.0.0.1:" + proxyPort)) {
                HeaderMap fields = ProxyTunnel.withAuthorization(HeaderMap.of("host", "127.0.0.1:" + port), proxy);
                // tinyproxy removes Proxy-Authorization before forwarding (hop-by-hop to the proxy)
                assertThat(text(c.send(Http.requestHead("GET", target, fields)))).startsWith("GET /plain ")
                        .contains("proxy-auth=false");
            }
        }
    }

    @Test
    void aRefusedConnectFailsWithTheProxysStatus() throws Exception {
        int proxyPort = PeerProcess.freePort();
        int closedPort = PeerProcess.freePort();
        try (PeerProcess tinyproxy = TinyproxyPeer.start(dir, proxyPort, null, null)) {
            Proxy proxy = Proxy.http("127.0.0.1", proxyPort);
            // nothing listens upstream: tinyproxy answers 500
            assertThatThrownBy(() -> ProxyTunnel.open(proxy, "127.0.0.1", closedPort, Duration.ofSeconds(20)))
                    .isInstanceOfSatisfying(ProxyError.class, e -> assertThat(e.status()).isEqualTo(500))
                    .hasMessageStartingWith("proxy refused CONNECT to 127.0.0.1:" + closedPort + ": 500");
            // an upstream outside the proxy's filter (loopback only): 403, and no connection is tried
            assertThatThrownBy(() -> ProxyTunnel.open(proxy, "blocked.invalid", 443, Duration.ofSeconds(20)))
                    .isInstanceOfSatisfying(ProxyError.class, e -> assertThat(e.status()).isEqualTo(403))
                    .isNotInstanceOf(ProxyAuthError.class);
        }
    }
}
