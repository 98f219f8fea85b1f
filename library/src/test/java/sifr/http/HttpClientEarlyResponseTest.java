package sifr.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * A server that answers before it has read the request body (413 for a declared length over its limit,
 * 401 from a handler that never reads) and closes: the HTTP/1.1 client, still writing the body, returns
 * that answer instead of the reset or broken pipe its write ran into.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientEarlyResponseTest {
    private static final int LARGE = 32 << 20; // far more than the socket buffers hold

    /** Posts on a new connection; the response is read before the connection closes. */
    private static int post(HttpServer server, BodyStream body, StringBuilder text) throws IOException {
        try (HttpConnection connection = HttpConnection.open("http://" + server.localAddr())) {
            HttpResponse response = connection.send(Http.requestHead("POST", "/upload", HeaderMap.empty()), body);
            text.append(new String(response.body().collectWithLimit(1024), US_ASCII));
            return response.status().code();
        }
    }

    @Test
    void a413SentWhileTheBodyIsStillBeingWrittenIsReturned() throws Exception {
        HttpHandler never = request -> HttpResponse.of(200, HeaderMap.empty());
        try (HttpServer server = HttpServer.start("127.0.0.1:0", never,
                HttpServerOptions.builder().maxRequestBodyBytes(1024).build())) {
            assertThat(post(server, Http.bodyFromBytes(new byte[LARGE]), new StringBuilder())).isEqualTo(413);
        }
    }

    @Test
    void a413OverTlsIsReturnedToo() throws Exception {
        TestPki.Cert root = TestPki.root("Early Root");
        TestPki.Cert cert = root.issue(TestPki.spec("localhost").dns("localhost"));
        HttpServerOptions options = HttpServerOptions.builder().maxRequestBodyBytes(1024)
                .tls(Tls.serverConfig(cert.chainPem(), cert.keyPem())).build();
        HttpClientOptions client = HttpClientOptions.builder().offerH2(false)
                .tls(Tls.clientConfigFromCaPem(root.certPem())).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", request -> HttpResponse.of(200, HeaderMap.empty()), options);
                HttpConnection connection = HttpConnection.open("https://localhost:" + server.localAddr().port(), client)) {
            HttpResponse response = connection.send(Http.requestHead("POST", "/upload", HeaderMap.empty()),
                    Http.bodyFromBytes(new byte[LARGE]));
            assertThat(response.status().code()).isEqualTo(413);
        }
    }

    @Test
    void a401FromAHandlerThatDoesNotReadTheBodyIsReturned() throws Exception {
        HttpHandler unauthorized = request -> HttpResponse.of(401, HeaderMap.of("content-type", "text/plain"),
                Http.bodyFromBytes("who are you?".getBytes(US_ASCII)));
        try (HttpServer server = HttpServer.start("127.0.0.1:0", unauthorized)) {
            // chunked (no length): the server cannot know how much is coming and ends the connection
            StringBuilder text = new StringBuilder();
            assertThat(post(server, BodyStream.ofInputStream(new Zeros(LARGE)), text)).isEqualTo(401);
            assertThat(text).hasToString("who are you?");
        }
    }

    @Test
    void aFailingRequestBodySourceIsStillItsOwnError() throws Exception {
        HttpHandler ok = request -> HttpResponse.of(200, HeaderMap.empty());
        try (HttpServer server = HttpServer.start("127.0.0.1:0", ok)) {
            InputStream broken = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("the upload source broke");
                }
            };
            assertThatThrownBy(() -> post(server, BodyStream.ofInputStream(broken), new StringBuilder()))
                    .isInstanceOf(IOException.class).hasMessage("the upload source broke");
        }
    }

    /** {@code n} zero bytes, produced as they are read (a large body without a large array). */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long n) {
            left = n;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
