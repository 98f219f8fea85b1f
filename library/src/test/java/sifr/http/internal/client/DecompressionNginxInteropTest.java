package sifr.http.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.http.Http;
import sifr.http.HeaderMap;
import sifr.http.HttpConnection;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.testing.NginxPeer;
import sifr.testing.PeerProcess;
import sifr.testing.TestPki;

/**
 * Transparent decompression against nginx (Debian package {@code nginx}) with {@code gzip on}: a
 * compressor nobody here wrote, sending a chunked gzip body, through the client's rules
 * ({@link ContentDecoding}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecompressionNginxInteropTest {
    private static final TestPki.Cert SERVER = TestPki.root("Decompression Interop").issue(
            TestPki.spec("localhost").dns("localhost").ip("127.0.0.1").key(TestPki.KeyType.RSA));

    @TempDir
    Path dir;

    private PeerProcess startNginx(int port) throws Exception {
        Files.createDirectories(dir.resolve("www"));
        Files.write(dir.resolve("www/big.txt"), DecodedBodyTest.TEXT);
        return NginxPeer.start(dir, port, SERVER.chainPem(), SERVER.traditionalKeyPem(), """
                    server {
                        listen 127.0.0.1:%2$d;
                        root %1$s/www;
                        gzip on;
                        gzip_types text/plain;
                        gzip_min_length 1;
                        gzip_comp_level 6;
                    }
                """);
    }

    private static HttpResponse get(HttpConnection c, Method method, HeaderMap caller) throws Exception {
        HeaderMap sent = ContentDecoding.offer(caller);
        HttpResponse r = c.send(Http.requestHead(method.toString(), "/big.txt", sent));
        if (!ContentDecoding.shouldOffer(caller)) {
            return r;
        }
        ContentDecoding.Decoded d = ContentDecoding.decode(method, r.status().code(), r.headers(), r.body(), 64 << 20);
        return HttpResponse.of(r.head().withHeaders(d.headers()), d.body());
    }

    @Test
    void nginxGzipBodiesAreDecodedAndTheCallersOwnAcceptEncodingIsLeftAlone() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess nginx = startNginx(port);
             HttpConnection c = HttpConnection.open("http://127.0.0.1:" + port)) {
            HttpResponse raw = c.send(Http.requestHead("GET", "/big.txt", ContentDecoding.offer(HeaderMap.empty())));
            assertThat(raw.headers().get("content-encoding")).as("nginx compressed it").contains("gzip");
            byte[] encoded = raw.body().collectWithLimit(64 << 20);
            assertThat(encoded.length).isLessThan(DecodedBodyTest.TEXT.length / 2);

            HttpResponse decoded = get(c, Method.GET, HeaderMap.empty());
            assertThat(decoded.headers().contains("content-encoding")).isFalse();
            assertThat(decoded.headers().contains("content-length")).isFalse();
            assertThat(decoded.body().collectWithLimit(64 << 20)).isEqualTo(DecodedBodyTest.TEXT);

            // the caller asked for gzip itself: it gets nginx's bytes as they came
            HttpResponse own = get(c, Method.GET, HeaderMap.of("accept-encoding", "gzip"));
            assertThat(own.headers().get("content-encoding")).contains("gzip");
            assertThat(DecodedBodyTest.decode(own.body().collectWithLimit(64 << 20), DecodedBody.Coding.GZIP, 4096))
                    .isEqualTo(DecodedBodyTest.TEXT);

            // HEAD: the fields say gzip, there is no body to decode
            HttpResponse head = get(c, Method.HEAD, HeaderMap.empty());
            assertThat(head.headers().get("content-encoding")).contains("gzip");
            assertThat(head.body().collectWithLimit(1024)).isEmpty();

            // a limit below the decoded size stops the body
            HttpResponse limited = c.send(Http.requestHead("GET", "/big.txt", ContentDecoding.offer(HeaderMap.empty())));
            ContentDecoding.Decoded d = ContentDecoding.decode(Method.GET, 200, limited.headers(), limited.body(), 100_000);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.body().collectWithLimit(64 << 20))
                    .hasMessage("decoded body exceeds limit of 100000 bytes");
        }
    }
}
