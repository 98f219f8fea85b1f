package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sifr.net.PinningRecorder;
import sifr.testing.CapturedLog;

/**
 * {@link AccessLog}: called once per exchange, after the response, with the same entry over HTTP/1.1
 * and HTTP/2 (h2c prior knowledge); the target without its query; the body bytes actually sent; the
 * server's own 500 for a failed handler; and a hook that throws changes nothing for the client.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AccessLogTest {
    private static final HttpHandler HANDLER = request -> switch (request.path()) {
        case "/fails" -> throw new IllegalStateException("handler bug");
        case "/streamed" -> HttpResponse.of(200, HeaderMap.empty(),
                BodyStream.ofInputStream(new ByteArrayInputStream(new byte[3000]))); // no length: chunked / no content-length
        default -> HttpResponse.of(200, HeaderMap.of("content-type", "text/plain"),
                BodyStream.ofBytes("hello".getBytes(StandardCharsets.US_ASCII)));
    };

    private static HttpConnection connect(HttpServer server, boolean h2c) throws IOException {
        return HttpConnection.open("http://" + server.localAddr(), HttpClientOptions.builder().h2cPriorKnowledge(h2c).build());
    }

    /** Sends one request on a new connection and reads the whole answer; returns its status. */
    private static int send(HttpServer server, boolean h2c, String method, String target) throws IOException {
        try (HttpConnection c = connect(server, h2c)) {
            HttpResponse response = c.send(Http.requestHead(method, target, HeaderMap.empty()));
            response.body().collectWithLimit(1 << 20);
            return response.status().code();
        }
    }

    private static AccessLogEntry next(BlockingQueue<AccessLogEntry> entries) throws InterruptedException {
        AccessLogEntry e = entries.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an access log entry").isNotNull();
        return e;
    }

    @ParameterizedTest(name = "h2c={0}")
    @ValueSource(booleans = {false, true})
    void everyExchangeIsLoggedOnceWithItsRequestStatusAndBytesSent(boolean h2c) throws Exception {
        BlockingQueue<AccessLogEntry> entries = new LinkedBlockingQueue<>();
        Version version = h2c ? Version.HTTP_2 : Version.HTTP_1_1;
        try (HttpServer server = HttpServer.start("127.0.0.1:0", HANDLER,
                HttpServerOptions.builder().accessLog(entries::add).build())) {
            assertThat(send(server, h2c, "GET", "/hello?token=secret")).isEqualTo(200);
            AccessLogEntry e = next(entries);
            assertThat(List.of(e.method(), e.target(), e.version(), e.status(), e.bytesSent()))
                    .containsExactly(Method.GET, "/hello", version, 200, 5L);
            assertThat(e.remoteAddress().address().isLoopbackAddress()).isTrue();
            assertThat(e.duration().isNegative()).isFalse();
            assertThat(e.received()).isNotNull();

            assertThat(send(server, h2c, "GET", "/streamed")).isEqualTo(200);
            e = next(entries);
            assertThat(List.of(e.target(), e.status(), e.bytesSent())).containsExactly("/streamed", 200, 3000L);

            assertThat(send(server, h2c, "HEAD", "/hello")).isEqualTo(200);
            e = next(entries);
            assertThat(List.of(e.method(), e.status(), e.bytesSent())).containsExactly(Method.HEAD, 200, 0L);

            try (CapturedLog quiet = new CapturedLog("sifr.http.server")) { // the handler's failure is logged there
                assertThat(send(server, h2c, "GET", "/fails")).isEqualTo(500);
                e = next(entries);
                assertThat(List.of(e.target(), e.status(), e.bytesSent())).containsExactly("/fails", 500, 0L);
            }
            assertThat(entries.poll(200, TimeUnit.MILLISECONDS)).as("no second entry for any exchange").isNull();
        }
    }

    @ParameterizedTest(name = "h2c={0}")
    @ValueSource(booleans = {false, true})
    void aHookThatThrowsIsLoggedAndChangesNothingForTheClient(boolean h2c) throws Exception {
        BlockingQueue<AccessLogEntry> entries = new LinkedBlockingQueue<>();
        AccessLog failing = entry -> {
            entries.add(entry);
            throw new IllegalStateException("access log full");
        };
        try (CapturedLog log = new CapturedLog("sifr.http.server");
                HttpServer server = HttpServer.start("127.0.0.1:0", HANDLER,
                        HttpServerOptions.builder().accessLog(failing).build());
                HttpConnection c = connect(server, h2c)) {
            for (int i = 0; i < 2; i++) { // the same connection serves on after the hook failed
                HttpResponse response = c.send(Http.requestHead("GET", "/hello", HeaderMap.empty()));
                assertThat(response.body().collectWithLimit(100)).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
                next(entries);
            }
            for (int i = 0; i < 100 && log.messages(Level.WARNING).size() < 2; i++) {
                Thread.sleep(10); // the hook runs after the response went out: its record may trail the answer
            }
            assertThat(log.messages(Level.WARNING)).hasSize(2)
                    .allSatisfy(m -> assertThat(m).contains("access log hook failed"));
        }
    }
}
