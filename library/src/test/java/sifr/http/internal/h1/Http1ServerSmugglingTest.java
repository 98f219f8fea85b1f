package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.Http1;
import sifr.http.HttpResponse;
import sifr.net.ByteStream;
import sifr.testing.MemoryByteStreams;

/**
 * Each smuggling vector of issue 6 sent to a serving connection ({@link Http1#serve}), followed by a
 * second request: the answer is 400 (or the status named), the connection closes, and the handler
 * never sees the smuggled request. (The same code serves TCP; the TCP variant joins once sifr.net lands.)
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class Http1ServerSmugglingTest {
    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n";

    private record Seen(String answer, List<String> served, List<String> hosts) {
    }

    private static Seen send(String wire) throws Exception {
        List<String> served = new CopyOnWriteArrayList<>();
        List<String> hosts = new CopyOnWriteArrayList<>();
        try (MemoryByteStreams.Pair pair = MemoryByteStreams.pair()) {
            Thread server = Thread.ofVirtual().start(() -> {
                try {
                    Http1.serve(pair.server(), request -> {
                        served.add(request.path());
                        hosts.add(String.join(",", request.headers().getAll("host")));
                        request.body().collectWithLimit(1 << 20);
                        return HttpResponse.of(200, HeaderMap.empty(), Http.bodyFromBytes("ok".getBytes(StandardCharsets.US_ASCII)));
                    });
                } catch (IOException ignored) {
                    // the peer's view is what is asserted
                }
            });
            ByteStream client = pair.client();
            client.writeAll((wire + SMUGGLED).getBytes(StandardCharsets.ISO_8859_1));
            client.shutdownWrite(); // the server then also ends after well-formed input
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (client.read(buf.clear()) >= 0) { // ends only when the server closes
                all.write(buf.array(), 0, buf.position());
            }
            server.join(5000);
            return new Seen(all.toString(StandardCharsets.ISO_8859_1), served, hosts);
        }
    }

    private static void rejected(String wire, int status) throws Exception {
        Seen seen = send(wire);
        assertThat(seen.answer()).startsWith("HTTP/1.1 " + status + " ").contains("connection: close");
        // exactly one response: nothing answered the smuggled request
        assertThat(seen.answer().indexOf("HTTP/1.1", 1)).isEqualTo(-1);
        assertThat(seen.served()).doesNotContain("/smuggled");
    }

    @Test
    void rejectsContentLengthWithTransferEncoding() throws Exception {
        rejected("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
    }

    @Test
    void rejectsDifferingContentLengths() throws Exception {
        rejected("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nContent-Length: 40\r\n\r\nabcd", 400);
    }

    @Test
    void rejectsMalformedContentLength() throws Exception {
        rejected("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: +4\r\n\r\nabcd", 400);
        rejected("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 0x4\r\n\r\nabcd", 400);
    }

    @Test
    void rejectsTransferEncodingOtherThanAFinalChunked() throws Exception {
        rejected("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", 400);
        rejected("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: identity\r\n\r\n", 501);
    }

    // ---- Host (RFC 9112 §3.2, RFC 9110 §7.2): which host a request is for must not be ambiguous either

    @Test
    void rejectsAnHttp11RequestWithoutHost() throws Exception {
        rejected("GET / HTTP/1.1\r\n\r\n", 400);
        rejected("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd", 400);
    }

    @Test
    void rejectsTwoHostFieldLines() throws Exception {
        rejected("GET / HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\n\r\n", 400);
        rejected("GET / HTTP/1.1\r\nHost: a.test\r\nHost: a.test\r\n\r\n", 400);
        rejected("GET / HTTP/1.0\r\nHost: a.test\r\nHost: b.test\r\n\r\n", 400);
    }

    @Test
    void rejectsInvalidHostValues() throws Exception {
        for (String bad : List.of("a.test/x", "user@a.test", "a test", "a.test:8o", "a.test:80:80", "[::1", "[::1]x",
                "[zz::1]", "a%zz.test", "a\"b", "a.test, b.test", "a.test\\x")) {
            rejected("GET / HTTP/1.1\r\nHost: " + bad + "\r\n\r\n", 400);
        }
    }

    @Test
    void acceptsEveryFormOfAValidHost() throws Exception {
        for (String good : List.of("a.test", "a.test:8080", "127.0.0.1:80", "[::1]:8080", "[v1.x]", "a%2d.test", "a.test:",
                "")) {
            Seen seen = send("GET / HTTP/1.1\r\nHost: " + good + "\r\n\r\n");
            assertThat(seen.served()).as(good).containsExactly("/", "/smuggled");
            assertThat(seen.hosts().get(0)).isEqualTo(good);
        }
    }

    @Test
    void acceptsAnHttp10RequestWithoutHost() throws Exception {
        Seen seen = send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(seen.served()).containsExactly("/old", "/smuggled");
    }

    @Test
    void anAbsoluteFormTargetOverridesHost() throws Exception {
        Seen seen = send("GET http://target.test:8080/p?q HTTP/1.1\r\nHost: other.test\r\n\r\n");
        assertThat(seen.served()).containsExactly("http://target.test:8080/p?q", "/smuggled");
        assertThat(seen.hosts()).containsExactly("target.test:8080", "t");
    }

    @Test
    void anAbsoluteFormTargetStillNeedsHost() throws Exception {
        rejected("GET http://target.test/ HTTP/1.1\r\n\r\n", 400);
    }

    @Test
    void rejectsAnAbsoluteFormTargetWithUserinfoOrWithoutHost() throws Exception {
        rejected("GET http://user@target.test/ HTTP/1.1\r\nHost: target.test\r\n\r\n", 400);
        rejected("GET http:///p HTTP/1.1\r\nHost: target.test\r\n\r\n", 400);
        rejected("GET http://a^b/ HTTP/1.1\r\nHost: target.test\r\n\r\n", 400);
        rejected("GET 1http://a/ HTTP/1.1\r\nHost: target.test\r\n\r\n", 400);
    }

    @Test
    void rejectsBareCr() throws Exception {
        rejected("GET / HTTP/1.1\r\nHost: t\rX: y\r\n\r\n", 400);
    }

    @Test
    void rejectsBareLf() throws Exception {
        rejected("GET / HTTP/1.1\nHost: t\n\n", 400);
    }

    @Test
    void rejectsObsFold() throws Exception {
        rejected("GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n", 400);
    }

    @Test
    void rejectsWhitespaceBeforeTheColon() throws Exception {
        rejected("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding : chunked\r\nContent-Length: 4\r\n\r\nabcd", 400);
    }

    @Test
    void rejectsControlCharacters() throws Exception {
        rejected("GET / HTTP/1.1\r\nHost: t\r\nX: a\u0001b\r\n\r\n", 400);
    }

    @Test
    void rejectsBadChunkSizes() throws Exception {
        rejected("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n\r\n", 400);
        rejected("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0x4\r\nabcd\r\n0\r\n\r\n", 400);
    }

    @Test
    void rejectsBadChunkExtensions() throws Exception {
        rejected("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4;a\u0001b\r\nabcd\r\n0\r\n\r\n", 400);
        rejected("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4;\"x\"\r\nabcd\r\n0\r\n\r\n", 400);
    }

    @Test
    void rejectsOversizedRequestLines() throws Exception {
        rejected("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: t\r\n\r\n", 414);
    }

    @Test
    void rejectsOversizedHeaderSections() throws Exception {
        rejected("GET / HTTP/1.1\r\nHost: t\r\nX: " + "a".repeat(70_000) + "\r\n\r\n", 431);
    }

    @Test
    void aWellFormedRequestIsFollowedByTheNextOne() throws Exception {
        Seen seen = send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nabcd");
        // control: without an attack both requests are served
        assertThat(seen.served()).containsExactly("/", "/smuggled");
    }
}
