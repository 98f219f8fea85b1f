package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HttpResponse;
import sifr.testing.CapturedLog;

/**
 * The HTTP/2 frame trace on logger {@code sifr.http.h2} (TRACE, FINER in java.util.logging): a
 * known exchange against a server connection reads back frame by frame, in order, with the decoded
 * values of SETTINGS, WINDOW_UPDATE, RST_STREAM and GOAWAY both ways, and without any header name or value.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2FrameTraceTest {
    private static final String SECRET = "hunter2-secret";

    @Test
    void aTracedExchangeReadsBackFrameByFrameInOrderWithoutHeaderValues() throws Exception {
        List<String> lines;
        try (CapturedLog log = new CapturedLog("sifr.http.h2"); ServerUnderTest server = new ServerUnderTest()) {
            FramePeer p = server.connect(request -> HttpResponse.of(200, HeaderMap.of("x-token", SECRET),
                    BodyStream.ofBytes("ok".getBytes(StandardCharsets.US_ASCII))), Http2Config.SERVER_DEFAULT);
            p.handshake();
            p.sendRequest(1, true, "GET", "/", "authorization", "Bearer " + SECRET);
            assertThat(p.expectBody(1)).hasSize(2);
            p.sendWindowUpdate(0, 1000);
            p.sendRst(1, Http2ErrorCode.CANCEL); // on a closed stream: ignored, but traced
            p.sendHeaders(3, true, ":method", "GET", ":scheme", "http"); // no :path: RST_STREAM PROTOCOL_ERROR
            p.expectRstStream(3, Http2ErrorCode.PROTOCOL_ERROR);
            p.sendData(1, false, new byte[3]); // DATA on a closed stream: GOAWAY STREAM_CLOSED
            p.expectGoAwayAndClose(Http2ErrorCode.STREAM_CLOSED);
            p.close();
            assertThat(server.ended()).isTrue();
            lines = log.messages(Level.FINER);
        }
        String conn = lines.get(0).substring(0, lines.get(0).indexOf(" server ") + " server ".length());
        assertThat(conn).matches("h2 #\\d+ server ");
        List<String> frames = lines.stream().filter(l -> l.startsWith(conn)).map(l -> l.substring(conn.length())).toList();
        assertThat(frames).containsExactly(
                "out SETTINGS stream=0 length=18 flags=0x0 MAX_CONCURRENT_STREAMS=128 INITIAL_WINDOW_SIZE=262144"
                        + " MAX_HEADER_LIST_SIZE=65536",
                "out WINDOW_UPDATE stream=0 length=4 flags=0x0 increment=983041",
                "in  SETTINGS stream=0 length=0 flags=0x0",
                "out SETTINGS stream=0 length=0 flags=0x1 (ACK)",
                "in  SETTINGS stream=0 length=0 flags=0x1 (ACK)",
                frames.get(5), // the request's HEADERS: its length depends on the HPACK encoding
                frames.get(6), // the response's HEADERS, likewise
                "out DATA stream=1 length=2 flags=0x1 (END_STREAM)",
                "in  WINDOW_UPDATE stream=0 length=4 flags=0x0 increment=1000",
                "in  RST_STREAM stream=1 length=4 flags=0x0 error=CANCEL",
                frames.get(10), // the malformed request's HEADERS
                "out RST_STREAM stream=3 length=4 flags=0x0 error=PROTOCOL_ERROR",
                "in  DATA stream=1 length=3 flags=0x0",
                frames.get(13)); // GOAWAY, checked below
        assertThat(frames.get(5)).matches("in  HEADERS stream=1 length=\\d+ flags=0x5 \\(END_STREAM\\|END_HEADERS\\)");
        assertThat(frames.get(6)).matches("out HEADERS stream=1 length=\\d+ flags=0x4 \\(END_HEADERS\\)");
        assertThat(frames.get(10)).matches("in  HEADERS stream=3 length=\\d+ flags=0x5 \\(END_STREAM\\|END_HEADERS\\)");
        assertThat(frames.get(13)).matches(
                "out GOAWAY stream=0 length=\\d+ flags=0x0 last_stream=3 error=STREAM_CLOSED debug=\\d+ octets");
        assertThat(lines).noneMatch(l -> l.contains(SECRET) || l.contains("x-token") || l.contains("authorization"));
    }

    @Test
    void aClientConnectionTracesToo() throws Exception {
        try (CapturedLog log = new CapturedLog("sifr.http.h2");
                var pair = sifr.testing.MemoryByteStreams.pair();
                FramePeer server = FramePeer.server(pair.server())) {
            Http2ClientConnection client = Http2ClientConnection.start(pair.client(), Http2Config.CLIENT_DEFAULT);
            server.handshake();
            server.sendPing(0x1234);
            server.expect(FramePeer.Ping.class, ping -> ping.ack() && ping.payload() == 0x1234);
            client.close();
            assertThat(log.messages(Level.FINER))
                    .anyMatch(l -> l.matches("h2 #\\d+ client out SETTINGS stream=0 length=\\d+ flags=0x0 .*ENABLE_PUSH=0.*"))
                    .anyMatch(l -> l.matches("h2 #\\d+ client in  PING stream=0 length=8 flags=0x0 opaque=1234"))
                    .anyMatch(l -> l.matches("h2 #\\d+ client out PING stream=0 length=8 flags=0x1 \\(ACK\\) opaque=1234"));
        }
    }

    @Test
    void withTraceOffAConnectionHasNoTrace() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(Http2FrameTrace.LOGGER);
        java.util.logging.Level before = jul.getLevel();
        jul.setLevel(Level.INFO);
        try {
            assertThat(Http2FrameTrace.forConnection(Http2Reader.Role.SERVER)).isNull();
        } finally {
            jul.setLevel(before);
        }
    }
}
