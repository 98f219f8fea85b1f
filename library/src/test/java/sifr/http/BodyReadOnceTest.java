package sifr.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;

/**
 * A body is read once: reading it a second time is a {@code BodyError: body already consumed}, never a
 * quiet empty body; for in-memory bodies, server request bodies and client response bodies alike.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BodyReadOnceTest {
    private static final byte[] PING = "ping".getBytes(US_ASCII);

    private static final Map<String, Supplier<BodyStream>> IN_MEMORY = Map.of(
            "ofBytes", () -> BodyStream.ofBytes(PING),
            "ofChunks", () -> BodyStream.ofChunks(List.of("pi".getBytes(US_ASCII), "ng".getBytes(US_ASCII))),
            "ofInputStream", () -> BodyStream.ofInputStream(new ByteArrayInputStream(PING)),
            "ofInputStream with length", () -> BodyStream.ofInputStream(new ByteArrayInputStream(PING), 4),
            "empty", BodyStream::empty);

    /** Collects, then reads again both ways; returns what the second attempts said. */
    private static String misuse(BodyStream body) throws IOException {
        body.collectWithLimit(1024);
        StringBuilder said = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            try {
                if (i == 0) {
                    body.readChunk();
                } else {
                    body.collectWithLimit(1024);
                }
                said.append("nothing;");
            } catch (BodyError e) {
                said.append(e.getMessage()).append(';');
            }
        }
        return said.toString();
    }

    private static final String CONSUMED_TWICE = "body already consumed;body already consumed;";

    @Test
    void inMemoryBodiesFailASecondRead() throws Exception {
        for (var e : IN_MEMORY.entrySet()) {
            assertThat(misuse(e.getValue().get())).as(e.getKey()).isEqualTo(CONSUMED_TWICE);
        }
    }

    @Test
    void collectingAfterTheEndWasReadFails() throws Exception {
        for (var e : IN_MEMORY.entrySet()) {
            BodyStream body = e.getValue().get();
            while (body.readChunk().length > 0) {
                // read to the end
            }
            assertThat(body.readChunk()).as(e.getKey() + ": readChunk keeps reporting the end").isEmpty();
            assertThatThrownBy(() -> body.collectWithLimit(1024)).as(e.getKey())
                    .isInstanceOf(BodyError.class).hasMessage("body already consumed");
        }
    }

    @Test
    void collectingTheRestAfterSomeChunksStillWorks() throws Exception {
        BodyStream body = BodyStream.ofChunks(List.of("pi".getBytes(US_ASCII), "ng".getBytes(US_ASCII)));
        assertThat(body.readChunk()).asString(US_ASCII).isEqualTo("pi");
        assertThat(body.collectWithLimit(10)).asString(US_ASCII).isEqualTo("ng");
    }

    @Test
    void emptyBodiesAreNotShared() throws Exception {
        BodyStream.empty().collectWithLimit(1);
        assertThat(BodyStream.empty().collectWithLimit(1)).isEmpty();
        assertThat(Http.emptyBody().collectWithLimit(1)).isEmpty();
    }

    /** The handler collects the request body and then tries again; the answer says what the second try got. */
    private static final HttpHandler COLLECT_TWICE = request -> {
        byte[] body = request.body().collectWithLimit(1024);
        String second;
        try {
            second = "nothing:" + request.body().readChunk().length;
        } catch (BodyError e) {
            second = e.getMessage();
        }
        return HttpResponse.of(200, HeaderMap.of("content-type", "text/plain"),
                Http.bodyFromBytes((new String(body, US_ASCII) + "|" + second).getBytes(US_ASCII)));
    };

    private static void exchangeOver(HttpClientOptions options) throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", COLLECT_TWICE);
                HttpConnection connection = HttpConnection.open("http://" + server.localAddr(), options)) {
            for (String body : List.of("fixed", "")) {
                HttpResponse response = connection.send(Http.requestHead("POST", "/echo",
                        HeaderMap.of("host", "t")), Http.bodyFromBytes(body.getBytes(US_ASCII)));
                assertThat(response.body().collectWithLimit(1024)).asString(US_ASCII)
                        .isEqualTo(body + "|body already consumed");
                assertThatThrownBy(() -> response.body().collectWithLimit(1024))
                        .isInstanceOf(BodyError.class).hasMessage("body already consumed");
                assertThatThrownBy(() -> response.body().readChunk())
                        .isInstanceOf(BodyError.class).hasMessage("body already consumed");
            }
        }
    }

    @Test
    void anExpectContinueRequestBodyFailsASecondReadToo() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", COLLECT_TWICE);
                sifr.net.TcpStream tcp = sifr.net.Net.connectTcp(server.localAddr().toString())) {
            tcp.writeAll(("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n").getBytes(US_ASCII));
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < 100 && !seen.toString().contains("100 Continue"); i++) {
                seen.append(new String(tcp.read(4096), US_ASCII));
            }
            tcp.writeAll(PING);
            for (byte[] chunk = tcp.read(4096); chunk.length > 0 && seen.length() < 100_000; chunk = tcp.read(4096)) {
                seen.append(new String(chunk, US_ASCII));
            }
            assertThat(seen.toString()).contains("HTTP/1.1 100 Continue").contains("HTTP/1.1 200 ")
                    .endsWith("ping|body already consumed");
        }
    }

    @Test
    void http1RequestAndResponseBodiesFailASecondRead() throws Exception {
        exchangeOver(HttpClientOptions.defaults());
    }

    @Test
    void http2RequestAndResponseBodiesFailASecondRead() throws Exception {
        exchangeOver(HttpClientOptions.builder().h2cPriorKnowledge(true).build());
    }
}
