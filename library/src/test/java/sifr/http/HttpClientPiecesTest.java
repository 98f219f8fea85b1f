package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.testing.PeerProcess;
import sifr.testing.TestPki;
import sifr.testing.TinyproxyPeer;
import sifr.tls.Tls;

/**
 * The client pieces wired into {@link HttpClient} (issue 17): transparent decompression (offered
 * unless the caller set Accept-Encoding, a bomb bounded by the body limit), the cookie jar across a
 * login redirect flow, and a real proxy (tinyproxy, Debian package {@code tinyproxy}) for {@code http}
 * in absolute form and {@code https} through CONNECT with the origin verified.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HttpClientPiecesTest {
    private static final TestPki.Cert ROOT = TestPki.root("HttpClient pieces Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));

    @TempDir
    Path dir;

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private HttpServer gzipServer(byte[] plain) throws IOException {
        byte[] packed = gzip(plain);
        return HttpServer.start("127.0.0.1:0", r -> {
            seen.add(r.headers().get("accept-encoding").orElse("-"));
            return HttpResponse.of(200, HeaderMap.of("content-encoding", "gzip"), BodyStream.ofBytes(packed));
        });
    }

    private static String read(HttpResponse r) throws IOException {
        try (r) {
            return new String(r.body().collectWithLimit(1 << 20), StandardCharsets.UTF_8);
        }
    }

    @Test
    void gzipIsOfferedAndDecodedTransparently() throws Exception {
        String text = "hello, gzip ".repeat(100);
        try (HttpServer s = gzipServer(text.getBytes(StandardCharsets.UTF_8)); HttpClient client = HttpClient.create()) {
            HttpResponse r = client.get("http://" + s.localAddr() + "/");
            assertThat(r.headers().contains("content-encoding")).isFalse();
            assertThat(r.headers().contains("content-length")).isFalse();
            assertThat(read(r)).isEqualTo(text);
            assertThat(seen).containsExactly("gzip, deflate");
        }
    }

    @Test
    void aCallerWhoSetAcceptEncodingGetsTheEncodedBytes() throws Exception {
        try (HttpServer s = gzipServer("x".getBytes(StandardCharsets.UTF_8)); HttpClient client = HttpClient.create()) {
            HttpResponse r = client.send("GET", "http://" + s.localAddr() + "/", HeaderMap.of("accept-encoding", "gzip"),
                    BodyStream.empty());
            assertThat(r.headers().get("content-encoding")).contains("gzip");
            byte[] raw = r.body().collectWithLimit(1000);
            assertThat(raw[0] & 0xff).isEqualTo(0x1f); // the gzip magic, undecoded
        }
    }

    @Test
    void aDecompressionBombFailsAtTheBodyLimit() throws Exception {
        try (HttpServer s = gzipServer(new byte[10 << 20]);
             HttpClient client = HttpClient.builder().maxResponseBodyBytes(1 << 20).build()) {
            HttpResponse r = client.get("http://" + s.localAddr() + "/");
            assertThatThrownBy(() -> r.body().collectWithLimit(Long.MAX_VALUE))
                    .isInstanceOf(BodyError.class).hasMessageContaining("exceeds limit");
        }
    }

    @Test
    void theCookieJarCarriesALoginRedirectFlowThatIsNoLoop() throws Exception {
        try (HttpServer s = HttpServer.start("127.0.0.1:0", r -> {
                String cookie = r.headers().get("cookie").orElse("");
                seen.add(r.path() + " cookie=" + cookie);
                if (r.path().equals("/app") && !cookie.contains("session=1")) {
                    return HttpResponse.of(302, HeaderMap.of("location", "/login"));
                }
                if (r.path().equals("/login")) {
                    return HttpResponse.of(302, HeaderMap.of("location", "/app", "set-cookie", "session=1; Path=/"));
                }
                return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes("in".getBytes(StandardCharsets.UTF_8)));
            });
             HttpClient client = HttpClient.builder().cookieJar(CookieJar.inMemory()).build()) {
            assertThat(read(client.get("http://" + s.localAddr() + "/app"))).isEqualTo("in");
            assertThat(seen).containsExactly("/app cookie=", "/login cookie=", "/app cookie=session=1");
        }
    }

    @Test
    void aRealProxyCarriesHttpInAbsoluteFormAndHttpsThroughConnect() throws Exception {
        HttpHandler echo = r -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes((r.method() + " " + r.path()
                + " " + r.head().version() + " proxy-auth=" + r.headers().contains("proxy-authorization"))
                .getBytes(StandardCharsets.UTF_8)));
        int proxyPort = PeerProcess.freePort();
        try (HttpServer plain = HttpServer.start("127.0.0.1:0", echo);
             HttpServer tls = HttpServer.start("127.0.0.1:0", echo, HttpServerOptions.builder()
                     .tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build());
             PeerProcess tinyproxy = TinyproxyPeer.start(dir, proxyPort, "sifr", "open-sesame");
             HttpClient client = HttpClient.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem()))
                     .proxy(Proxy.parse("http://sifr:open-sesame@127.0.0.1:" + proxyPort)).build()) {
            assertThat(read(client.get("http://127.0.0.1:" + plain.localAddr().port() + "/p?q=1")))
                    .isEqualTo("GET /p?q=1 HTTP/1.1 proxy-auth=false"); // tinyproxy consumed its credentials
            HttpResponse r = client.get("https://localhost:" + tls.localAddr().port() + "/s");
            assertThat(r.version()).isEqualTo(Version.HTTP_2); // ALPN end to end through the tunnel
            assertThat(read(r)).isEqualTo("GET /s HTTP/2 proxy-auth=false");
            assertThat(TinyproxyPeer.log(dir)).contains("CONNECT localhost:" + tls.localAddr().port());
        }
        try (HttpClient wrong = HttpClient.builder().proxy(Proxy.parse("http://sifr:wrong@127.0.0.1:" + proxyPort)).build();
             PeerProcess tinyproxy = TinyproxyPeer.start(dir, proxyPort, "sifr", "open-sesame")) {
            assertThatThrownBy(() -> wrong.get("https://localhost:1/")).isInstanceOf(ProxyAuthError.class);
        }
    }
}
