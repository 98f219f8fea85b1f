package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/** The library's JFR events, recorded in-process around real TLS exchanges with {@link HttpServer}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JfrEventsTest {
    private static final TestPki.Cert ROOT = TestPki.root("Jfr Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));
    private static final List<String> EVENTS = List.of("sifr.TcpConnect", "sifr.TcpAccept", "sifr.TcpClose",
            "sifr.TlsHandshake", "sifr.HttpExchange");

    @Test
    void aTlsHttp1ExchangeRecordsHandshakeExchangeAndConnectionEvents() throws Exception {
        List<RecordedEvent> events = recordExchange(false, "/h1/path");
        RecordedEvent exchange = only(events, e -> is(e, "sifr.HttpExchange") && "/h1/path".equals(e.getString("target")));
        assertThat(exchange.getString("method")).isEqualTo("POST");
        assertThat(exchange.getString("version")).isEqualTo("HTTP/1.1");
        assertThat(exchange.getInt("status")).isEqualTo(201);
        assertThat(exchange.getLong("requestBytes")).isEqualTo(5);
        assertThat(exchange.getLong("responseBytes")).isEqualTo("POST /h1/path?secret=1 5 HTTP/1.1".length());
        assertThat(exchange.getDuration().isNegative()).isFalse();
        assertHandshakes(events, "http/1.1");
        RecordedEvent connect = only(events, e -> is(e, "sifr.TcpConnect"));
        assertThat(connect.getString("failure")).isNull();
        assertThat(connect.getString("remoteAddress")).startsWith("127.0.0.1:");
        assertThat(events).anySatisfy(e -> assertThat(e.getEventType().getName()).isEqualTo("sifr.TcpAccept"));
    }

    @Test
    void aTlsHttp2ExchangeRecordsHandshakeAndExchangeEvents() throws Exception {
        List<RecordedEvent> events = recordExchange(true, "/h2/path");
        RecordedEvent exchange = only(events, e -> is(e, "sifr.HttpExchange") && "/h2/path".equals(e.getString("target")));
        assertThat(exchange.getString("method")).isEqualTo("POST");
        assertThat(exchange.getString("version")).isEqualTo("HTTP/2");
        assertThat(exchange.getInt("status")).isEqualTo(201);
        assertThat(exchange.getLong("responseBytes")).isEqualTo("POST /h2/path?secret=1 5 HTTP/2".length());
        assertHandshakes(events, "h2");
    }

    @Test
    void aFailedHandshakeIsRecordedWithItsMessage() throws Exception {
        try (Recording recording = start();
             HttpServer server = HttpServer.start("127.0.0.1:0", Http2Interop.ECHO,
                     HttpServerOptions.builder().tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build())) {
            TestPki.Cert stranger = TestPki.root("Stranger Root");
            HttpClientOptions untrusting = HttpClientOptions.builder().tls(Tls.clientConfigFromCaPem(stranger.certPem())).build();
            try (HttpConnection ignored = HttpConnection.open("https://localhost:" + server.localAddr().port(), untrusting)) {
                throw new AssertionError("the handshake should have failed");
            } catch (IOException expected) {
                // the client rejects the server's certificate
            }
            List<RecordedEvent> events = await(recording, e -> is(e, "sifr.TlsHandshake") && "client".equals(e.getString("role")));
            RecordedEvent client = only(events, e -> is(e, "sifr.TlsHandshake") && "client".equals(e.getString("role")));
            assertThat(client.getString("failure")).startsWith("TLS client handshake failed");
            assertThat(client.getString("serverName")).isEqualTo("localhost");
            assertThat(client.getString("cipherSuite")).isNull();
        }
    }

    private static void assertHandshakes(List<RecordedEvent> events, String alpn) {
        for (String role : List.of("client", "server")) {
            RecordedEvent h = only(events, e -> is(e, "sifr.TlsHandshake") && role.equals(e.getString("role")));
            assertThat(h.getString("serverName")).as(role).isEqualTo("localhost");
            assertThat(h.getString("protocol")).as(role).isEqualTo("TLSv1.3");
            assertThat(h.getString("cipherSuite")).as(role).startsWith("TLS_");
            assertThat(h.getString("alpn")).as(role).isEqualTo(alpn);
            assertThat(h.getString("failure")).as(role).isNull();
        }
    }

    /** Serves one POST over TLS with a recording on; returns the events once the server's exchange is in. */
    private static List<RecordedEvent> recordExchange(boolean http2, String path) throws Exception {
        try (Recording recording = start();
             HttpServer server = HttpServer.start("127.0.0.1:0", Http2Interop.ECHO,
                     HttpServerOptions.builder().tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build())) {
            HttpClientOptions options = HttpClientOptions.builder()
                    .tls(Tls.clientConfigFromCaPem(ROOT.certPem())).offerH2(http2).build();
            try (HttpConnection client = HttpConnection.open("https://localhost:" + server.localAddr().port(), options)) {
                HttpResponse r = client.send(Http.requestHead("POST", path + "?secret=1", HeaderMap.of("content-length", "5")),
                        Http.bodyFromBytes("hello".getBytes(StandardCharsets.UTF_8)));
                assertThat(r.status().code()).isEqualTo(201);
                r.body().collectWithLimit(1000);
            }
            // the server commits its exchange event after writing the response: wait for it (bounded)
            return await(recording, e -> is(e, "sifr.HttpExchange") && path.equals(e.getString("target")));
        }
    }

    private static Recording start() {
        Recording recording = new Recording();
        for (String name : EVENTS) {
            recording.enable(name).withoutStackTrace().withThreshold(java.time.Duration.ZERO);
        }
        recording.start();
        return recording;
    }

    private static List<RecordedEvent> await(Recording recording, Predicate<RecordedEvent> wanted) throws Exception {
        Path file = Files.createTempFile("sifr-jfr", ".jfr");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                recording.dump(file);
                List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                        .filter(e -> e.getEventType().getName().startsWith("sifr.")).toList();
                if (events.stream().anyMatch(wanted) || System.nanoTime() > deadline) {
                    return events;
                }
                Thread.sleep(50);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean is(RecordedEvent e, String name) {
        return e.getEventType().getName().equals(name);
    }

    private static RecordedEvent only(List<RecordedEvent> events, Predicate<RecordedEvent> wanted) {
        List<RecordedEvent> found = events.stream().filter(wanted).toList();
        assertThat(found).as("matching events among %s", events).hasSize(1);
        return found.get(0);
    }
}
