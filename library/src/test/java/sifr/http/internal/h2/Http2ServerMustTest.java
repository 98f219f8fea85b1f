package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static sifr.http.internal.h2.Http2ErrorCode.COMPRESSION_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.FLOW_CONTROL_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.FRAME_SIZE_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.REFUSED_STREAM;
import static sifr.http.internal.h2.Http2ErrorCode.STREAM_CLOSED;
import static sifr.http.internal.h2.Http2Frames.CONTINUATION;
import static sifr.http.internal.h2.Http2Frames.DATA;
import static sifr.http.internal.h2.Http2Frames.FLAG_END_HEADERS;
import static sifr.http.internal.h2.Http2Frames.FLAG_END_STREAM;
import static sifr.http.internal.h2.Http2Frames.FLAG_PADDED;
import static sifr.http.internal.h2.Http2Frames.GOAWAY;
import static sifr.http.internal.h2.Http2Frames.HEADERS;
import static sifr.http.internal.h2.Http2Frames.PING;
import static sifr.http.internal.h2.Http2Frames.PRIORITY;
import static sifr.http.internal.h2.Http2Frames.PUSH_PROMISE;
import static sifr.http.internal.h2.Http2Frames.RST_STREAM;
import static sifr.http.internal.h2.Http2Frames.SETTINGS;
import static sifr.http.internal.h2.Http2Frames.WINDOW_UPDATE;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sifr.http.HttpHandler;

/**
 * The MUSTs of RFC 9113 §3-8 a server enforces, each test naming its section: a {@link FramePeer}
 * plays the client against the real {@link Http2ServerConnection} over in-memory streams. A
 * connection error shows as GOAWAY with the code and the end of the connection; a stream error as
 * RST_STREAM with the code while the connection stays usable.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2ServerMustTest {
    private final ServerUnderTest server = new ServerUnderTest();
    private static final HttpHandler OK = ServerUnderTest.OK;
    private final HttpHandler blocking = server.blocking;

    private FramePeer connect(HttpHandler handler, Http2Config config) {
        return server.connect(handler, config);
    }

    /** A server past the preface and SETTINGS exchange. */
    private FramePeer serve(HttpHandler handler) {
        FramePeer p = connect(handler, Http2Config.SERVER_DEFAULT);
        p.handshake();
        return p;
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private void streamError(FramePeer p, int streamId, Http2ErrorCode code) {
        p.expectRstStream(streamId, code);
        p.expectAlive();
    }

    // ------------------------------------------------------------------ §3.4 preface

    @Test
    @DisplayName("§3.4: an invalid client preface is a connection error PROTOCOL_ERROR")
    void invalidPreface() {
        FramePeer p = connect(OK, Http2Config.SERVER_DEFAULT);
        p.sendRaw("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§3.4: a first frame other than SETTINGS after the preface is a connection error PROTOCOL_ERROR")
    void firstFrameNotSettings() {
        FramePeer p = connect(OK, Http2Config.SERVER_DEFAULT);
        p.sendRaw(Http2Frames.preface());
        p.sendPing(1);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§3.4: the server preface is a SETTINGS frame, the first frame the server sends")
    void serverPrefaceIsSettings() {
        FramePeer p = connect(OK, Http2Config.SERVER_DEFAULT);
        p.sendPreface();
        assertThat(p.next()).isInstanceOf(FramePeer.Settings.class);
    }

    // ------------------------------------------------------------------ §4 frames

    @Test
    @DisplayName("§4.1: the reserved bit of the stream identifier is ignored on receipt")
    void reservedBitIgnored() {
        FramePeer p = serve(OK);
        byte[] block = p.encode(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "a.test");
        p.sendFrame(HEADERS, FLAG_END_STREAM | FLAG_END_HEADERS, 0x8000_0001, block);
        assertThat(p.expectHeaders(1).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("§4.1: flags a frame type does not define are ignored")
    void unknownFlagsIgnored() {
        FramePeer p = serve(OK);
        p.sendFrame(PING, 0xf0, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 42});
        p.expect(FramePeer.Ping.class, x -> x.ack() && x.payload() == 42);
    }

    @Test
    @DisplayName("§4.2: a frame longer than SETTINGS_MAX_FRAME_SIZE is a FRAME_SIZE_ERROR")
    void frameTooLarge() {
        FramePeer p = serve(blocking);
        p.sendRequest(1, false, "POST", "/");
        p.sendFrame(DATA, 0, 1, new byte[Http2Frames.DEFAULT_MAX_FRAME_SIZE + 1]);
        p.expectGoAwayAndClose(FRAME_SIZE_ERROR);
    }

    @Test
    @DisplayName("§4.3: a field block that cannot be decoded is a connection error COMPRESSION_ERROR")
    void undecodableFieldBlock() {
        FramePeer p = serve(OK);
        p.sendFrame(HEADERS, FLAG_END_STREAM | FLAG_END_HEADERS, 1, new byte[] {(byte) 0xff, (byte) 0xff});
        p.expectGoAwayAndClose(COMPRESSION_ERROR);
    }

    @Test
    @DisplayName("§4.3: a field block interrupted by another frame is a connection error PROTOCOL_ERROR")
    void interleavedFieldBlock() {
        FramePeer p = serve(OK);
        p.sendFrame(HEADERS, FLAG_END_STREAM, 1, p.encode(":method", "GET"));
        p.sendPing(7);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    // ------------------------------------------------------------------ §5.1 stream states

    @Test
    @DisplayName("§5.1: DATA on an idle stream is a connection error PROTOCOL_ERROR")
    void dataOnIdleStream() {
        FramePeer p = serve(OK);
        p.sendData(1, true, new byte[] {1});
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.1: RST_STREAM on an idle stream is a connection error PROTOCOL_ERROR")
    void rstStreamOnIdleStream() {
        FramePeer p = serve(OK);
        p.sendRst(1, Http2ErrorCode.CANCEL);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.1: WINDOW_UPDATE on an idle stream is a connection error PROTOCOL_ERROR")
    void windowUpdateOnIdleStream() {
        FramePeer p = serve(OK);
        p.sendWindowUpdate(1, 100);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.1: DATA on a half-closed (remote) stream is a stream error STREAM_CLOSED")
    void dataOnHalfClosedRemoteStream() {
        FramePeer p = serve(blocking);
        p.sendGet(1).sendData(1, false, new byte[] {1});
        streamError(p, 1, STREAM_CLOSED);
    }

    @Test
    @DisplayName("§5.1: frames other than PRIORITY after the peer's RST_STREAM are a STREAM_CLOSED error")
    void framesAfterPeerReset() {
        FramePeer p = serve(blocking);
        p.sendRequest(1, false, "POST", "/").sendRst(1, Http2ErrorCode.CANCEL).sendData(1, false, new byte[] {1});
        p.expectStreamOrConnectionError(1, STREAM_CLOSED);
    }

    @Test
    @DisplayName("§5.1: WINDOW_UPDATE and RST_STREAM just after the stream closed are ignored")
    void lateWindowUpdateAndResetIgnored() {
        FramePeer p = serve(OK);
        p.sendGet(1);
        p.expectBody(1);
        p.sendWindowUpdate(1, 1000).sendRst(1, Http2ErrorCode.CANCEL);
        p.expectAlive();
        p.sendGet(3);
        assertThat(p.expectHeaders(3).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("§5.1.1: a client opening an even-numbered stream is a connection error PROTOCOL_ERROR")
    void evenStreamFromClient() {
        FramePeer p = serve(OK);
        p.sendGet(2);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.1.1: a stream identifier not above every one opened before is a connection error PROTOCOL_ERROR")
    void decreasingStreamId() {
        FramePeer p = serve(OK);
        p.sendGet(5);
        p.expectHeaders(5);
        p.sendGet(3);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.1.2: a stream beyond SETTINGS_MAX_CONCURRENT_STREAMS is refused (REFUSED_STREAM)")
    void streamBeyondConcurrencyLimit() {
        FramePeer p = connect(blocking, Http2Config.SERVER_DEFAULT.withMaxConcurrentStreams(1));
        FramePeer.Settings s = p.handshake();
        assertThat(s.settings().getOrDefault(Http2Settings.MAX_CONCURRENT_STREAMS, -1)).isEqualTo(1);
        p.sendGet(1).sendGet(3);
        streamError(p, 3, REFUSED_STREAM);
    }

    @Test
    @DisplayName("§5.3.1: a stream depending on itself is a stream error PROTOCOL_ERROR")
    void selfDependency() {
        FramePeer p = serve(OK);
        p.sendFrame(PRIORITY, 0, 3, new byte[] {0, 0, 0, 3, 15});
        streamError(p, 3, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.4.1: a connection error sends GOAWAY with the last stream the server processed")
    void goAwayNamesLastProcessedStream() {
        FramePeer p = serve(OK);
        p.sendGet(1);
        p.expectBody(1);
        p.sendData(7, true, new byte[] {1}); // idle stream
        assertThat(p.expectGoAwayAndClose(PROTOCOL_ERROR).lastStreamId()).isEqualTo(1);
    }

    @Test
    @DisplayName("§5.5: frames of unknown types are ignored")
    void unknownFrameTypeIgnored() {
        FramePeer p = serve(OK);
        p.sendFrame(0xfa, 0x3, 1, new byte[] {1, 2, 3});
        p.expectAlive();
        p.sendGet(1);
        assertThat(p.expectHeaders(1).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("§5.5, §6.10: an unknown frame inside a field block is a connection error PROTOCOL_ERROR")
    void unknownFrameInsideFieldBlock() {
        FramePeer p = serve(OK);
        p.sendFrame(HEADERS, FLAG_END_STREAM, 1, p.encode(":method", "GET"));
        p.sendFrame(0xfa, 0, 1, new byte[0]);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    // ------------------------------------------------------------------ §6 frame definitions

    @Test
    @DisplayName("§6.1: DATA on stream 0 is a connection error PROTOCOL_ERROR")
    void dataOnStreamZero() {
        FramePeer p = serve(OK);
        p.sendFrame(DATA, 0, 0, new byte[] {1});
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.1: DATA padding as long as the payload is a connection error PROTOCOL_ERROR")
    void dataPaddingTooLong() {
        FramePeer p = serve(blocking);
        p.sendRequest(1, false, "POST", "/");
        p.sendFrame(DATA, FLAG_PADDED, 1, new byte[] {4, 0, 0, 0});
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.2: HEADERS on stream 0 is a connection error PROTOCOL_ERROR")
    void headersOnStreamZero() {
        FramePeer p = serve(OK);
        p.sendFrame(HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, 0, new byte[] {(byte) 0x82});
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.3: PRIORITY on stream 0 is a connection error PROTOCOL_ERROR")
    void priorityOnStreamZero() {
        FramePeer p = serve(OK);
        p.sendFrame(PRIORITY, 0, 0, new byte[] {0, 0, 0, 1, 15});
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.3: PRIORITY of a length other than 5 is a stream error FRAME_SIZE_ERROR")
    void priorityWrongLength() {
        FramePeer p = serve(OK);
        p.sendFrame(PRIORITY, 0, 1, new byte[] {0, 0, 0, 0});
        streamError(p, 1, FRAME_SIZE_ERROR);
    }

    @Test
    @DisplayName("§6.4: RST_STREAM on stream 0 is a connection error PROTOCOL_ERROR")
    void rstStreamOnStreamZero() {
        FramePeer p = serve(OK);
        p.sendFrame(RST_STREAM, 0, 0, int32(8));
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.4: RST_STREAM of a length other than 4 is a connection error FRAME_SIZE_ERROR")
    void rstStreamWrongLength() {
        FramePeer p = serve(blocking);
        p.sendGet(1);
        p.sendFrame(RST_STREAM, 0, 1, new byte[] {0, 0, 8});
        p.expectGoAwayAndClose(FRAME_SIZE_ERROR);
    }

    @Test
    @DisplayName("§6.5: SETTINGS on a stream is a connection error PROTOCOL_ERROR")
    void settingsOnStream() {
        FramePeer p = serve(OK);
        p.sendFrame(SETTINGS, 0, 1, new byte[0]);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.5: a SETTINGS acknowledgement with a payload is a connection error FRAME_SIZE_ERROR")
    void settingsAckWithPayload() {
        FramePeer p = serve(OK);
        p.sendFrame(SETTINGS, Http2Frames.FLAG_ACK, 0, new byte[] {0, 3, 0, 0, 0, 1});
        p.expectGoAwayAndClose(FRAME_SIZE_ERROR);
    }

    @Test
    @DisplayName("§6.5: a SETTINGS length that is not a multiple of 6 is a connection error FRAME_SIZE_ERROR")
    void settingsLengthNotMultipleOfSix() {
        FramePeer p = serve(OK);
        p.sendFrame(SETTINGS, 0, 0, new byte[] {0, 3, 0, 0, 0});
        p.expectGoAwayAndClose(FRAME_SIZE_ERROR);
    }

    @Test
    @DisplayName("§6.5.2: SETTINGS_ENABLE_PUSH other than 0 or 1 is a connection error PROTOCOL_ERROR")
    void enablePushOutOfRange() {
        FramePeer p = serve(OK);
        p.sendFrame(SETTINGS, 0, 0, new byte[] {0, 2, 0, 0, 0, 2});
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.5.2: SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1 is a connection error FLOW_CONTROL_ERROR")
    void initialWindowSizeTooLarge() {
        FramePeer p = serve(OK);
        p.sendFrame(SETTINGS, 0, 0, new byte[] {0, 4, (byte) 0x80, 0, 0, 0});
        p.expectGoAwayAndClose(FLOW_CONTROL_ERROR);
    }

    @ParameterizedTest(name = "§6.5.2: SETTINGS_MAX_FRAME_SIZE {0} is a connection error PROTOCOL_ERROR")
    @ValueSource(ints = {16_383, 16_777_216})
    void maxFrameSizeOutOfRange(int size) {
        FramePeer p = serve(OK);
        byte[] payload = {0, 5, 0, 0, 0, 0};
        System.arraycopy(int32(size), 0, payload, 2, 4);
        p.sendFrame(SETTINGS, 0, 0, payload);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.5.2, §6.5.3: an unknown setting is ignored and the SETTINGS frame acknowledged")
    void unknownSettingIgnoredAndAcknowledged() {
        FramePeer p = serve(OK);
        p.sendFrame(SETTINGS, 0, 0, new byte[] {0, (byte) 0x99, 0, 0, 0, 7});
        p.expect(FramePeer.SettingsAck.class, a -> true);
        p.expectAlive();
    }

    @Test
    @DisplayName("§6.7: a PING is answered with an ACK carrying the same payload")
    void pingAnswered() {
        FramePeer p = serve(OK);
        p.sendPing(0x0102030405060708L);
        p.expect(FramePeer.Ping.class, x -> x.ack() && x.payload() == 0x0102030405060708L);
    }

    @Test
    @DisplayName("§6.7: a PING ACK is not answered")
    void pingAckNotAnswered() {
        FramePeer p = serve(OK);
        p.sendFrame(PING, Http2Frames.FLAG_ACK, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 99});
        p.expectAlive();
        assertThat(p.seen()).noneMatch(f -> f instanceof FramePeer.Ping ping && ping.payload() == 99);
    }

    @Test
    @DisplayName("§6.7: PING on a stream is a connection error PROTOCOL_ERROR")
    void pingOnStream() {
        FramePeer p = serve(OK);
        p.sendFrame(PING, 0, 1, new byte[8]);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.7: PING of a length other than 8 is a connection error FRAME_SIZE_ERROR")
    void pingWrongLength() {
        FramePeer p = serve(OK);
        p.sendFrame(PING, 0, 0, new byte[9]);
        p.expectGoAwayAndClose(FRAME_SIZE_ERROR);
    }

    @Test
    @DisplayName("§6.8: GOAWAY on a stream is a connection error PROTOCOL_ERROR")
    void goAwayOnStream() {
        FramePeer p = serve(OK);
        p.sendFrame(GOAWAY, 0, 1, new byte[8]);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.8: after the client's GOAWAY the streams in flight still complete, then the connection ends")
    void clientGoAwayLetsStreamsFinish() {
        FramePeer p = serve(OK);
        p.sendGet(1).sendGoAway(0, Http2ErrorCode.NO_ERROR);
        assertThat(p.expectHeaders(1).status()).isEqualTo(200);
        p.expectBody(1);
        p.expectClosed();
    }

    @Test
    @DisplayName("§6.9: WINDOW_UPDATE of 0 on a stream is a stream error PROTOCOL_ERROR")
    void zeroWindowUpdateOnStream() {
        FramePeer p = serve(blocking);
        p.sendGet(1);
        p.sendFrame(WINDOW_UPDATE, 0, 1, int32(0));
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.9: WINDOW_UPDATE of 0 on the connection is a connection error PROTOCOL_ERROR")
    void zeroWindowUpdateOnConnection() {
        FramePeer p = serve(OK);
        p.sendFrame(WINDOW_UPDATE, 0, 0, int32(0));
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.9: WINDOW_UPDATE of a length other than 4 is a connection error FRAME_SIZE_ERROR")
    void windowUpdateWrongLength() {
        FramePeer p = serve(OK);
        p.sendFrame(WINDOW_UPDATE, 0, 0, new byte[] {0, 0, 1});
        p.expectGoAwayAndClose(FRAME_SIZE_ERROR);
    }

    @Test
    @DisplayName("§6.9.1: a stream window past 2^31-1 is a stream error FLOW_CONTROL_ERROR")
    void streamWindowOverflow() {
        FramePeer p = serve(blocking);
        p.sendGet(1).sendWindowUpdate(1, Http2Frames.MAX_WINDOW_INCREMENT);
        streamError(p, 1, FLOW_CONTROL_ERROR);
    }

    @Test
    @DisplayName("§6.9.1: the connection window past 2^31-1 is a connection error FLOW_CONTROL_ERROR")
    void connectionWindowOverflow() {
        FramePeer p = serve(OK);
        p.sendWindowUpdate(0, Http2Frames.MAX_WINDOW_INCREMENT);
        p.expectGoAwayAndClose(FLOW_CONTROL_ERROR);
    }

    @Test
    @DisplayName("§6.9.1: DATA beyond the window the server granted is a FLOW_CONTROL_ERROR")
    void dataBeyondWindow() {
        FramePeer p = serve(blocking); // never reads the body, so never credits it
        p.sendRequest(1, false, "POST", "/");
        int window = Http2Config.SERVER_DEFAULT.initialWindowSize();
        byte[] chunk = new byte[16_384];
        for (int sent = 0; sent <= window; sent += chunk.length) {
            p.sendData(1, false, chunk);
        }
        p.expectStreamOrConnectionError(1, FLOW_CONTROL_ERROR);
    }

    @Test
    @DisplayName("§6.9.2: SETTINGS_INITIAL_WINDOW_SIZE pushing an open stream's window past 2^31-1 is FLOW_CONTROL_ERROR")
    void initialWindowChangeOverflowsStream() {
        FramePeer p = serve(blocking);
        p.sendGet(1).sendWindowUpdate(1, Http2Frames.MAX_WINDOW_INCREMENT - 65_535); // now exactly 2^31-1
        p.expectAlive();
        p.sendSettings(Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, 65_536));
        p.expectGoAwayAndClose(FLOW_CONTROL_ERROR);
    }

    @Test
    @DisplayName("§6.10: CONTINUATION without a preceding HEADERS is a connection error PROTOCOL_ERROR")
    void continuationWithoutHeaders() {
        FramePeer p = serve(OK);
        p.sendFrame(CONTINUATION, FLAG_END_HEADERS, 1, new byte[] {(byte) 0x82});
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.10: CONTINUATION on another stream than its HEADERS is a connection error PROTOCOL_ERROR")
    void continuationOnAnotherStream() {
        FramePeer p = serve(OK);
        p.sendFrame(HEADERS, FLAG_END_STREAM, 1, p.encode(":method", "GET"));
        p.sendFrame(CONTINUATION, FLAG_END_HEADERS, 3, new byte[0]);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.4: a client sending PUSH_PROMISE is a connection error PROTOCOL_ERROR")
    void pushPromiseFromClient() {
        FramePeer p = serve(blocking);
        p.sendGet(1);
        byte[] payload = {0, 0, 0, 2, (byte) 0x82};
        p.sendFrame(PUSH_PROMISE, FLAG_END_HEADERS, 1, payload);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    // ------------------------------------------------------------------ §8 HTTP semantics

    @Test
    @DisplayName("§8.1: HEADERS after END_STREAM is a stream error STREAM_CLOSED")
    void headersAfterEndStream() {
        FramePeer p = serve(blocking);
        p.sendGet(1).sendHeaders(1, true, "x-late", "1");
        streamError(p, 1, STREAM_CLOSED);
    }

    @Test
    @DisplayName("§8.1: trailers without END_STREAM make the request malformed (PROTOCOL_ERROR)")
    void trailersWithoutEndStream() {
        FramePeer p = serve(blocking);
        p.sendRequest(1, false, "POST", "/").sendHeaders(1, false, "x-trailer", "1");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.1: a pseudo-header in trailers makes the request malformed (PROTOCOL_ERROR)")
    void pseudoHeaderInTrailers() {
        FramePeer p = serve(blocking);
        p.sendRequest(1, false, "POST", "/").sendHeaders(1, true, ":path", "/x");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.1.1: DATA shorter than content-length makes the request malformed (PROTOCOL_ERROR)")
    void contentLengthLongerThanData() {
        FramePeer p = serve(blocking);
        p.sendRequest(1, false, "POST", "/", "content-length", "10").sendData(1, true, new byte[5]);
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.1.1: DATA longer than content-length makes the request malformed (PROTOCOL_ERROR)")
    void contentLengthShorterThanData() {
        FramePeer p = serve(blocking);
        p.sendRequest(1, false, "POST", "/", "content-length", "3").sendData(1, false, new byte[5]);
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.1.1: content-length with END_STREAM on HEADERS and no DATA is malformed (PROTOCOL_ERROR)")
    void contentLengthWithoutData() {
        FramePeer p = serve(blocking);
        p.sendRequest(1, true, "POST", "/", "content-length", "3");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.2.1: an uppercase field name makes the request malformed (PROTOCOL_ERROR)")
    void uppercaseFieldName() {
        FramePeer p = serve(OK);
        p.sendRequest(1, true, "GET", "/", "X-Upper", "1");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "§8.2.1: a field value with {0} makes the request malformed (PROTOCOL_ERROR)")
    @ValueSource(strings = {"CR", "LF", "NUL"})
    void invalidFieldValue(String what) {
        String bad = switch (what) {
            case "CR" -> "a\rb";
            case "LF" -> "a\nb";
            default -> "a\0b";
        };
        FramePeer p = serve(OK);
        p.sendRequest(1, true, "GET", "/", "x-bad", bad);
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "§8.2.2: the connection-specific field {0} makes the request malformed (PROTOCOL_ERROR)")
    @ValueSource(strings = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"})
    void connectionSpecificField(String name) {
        FramePeer p = serve(OK);
        p.sendRequest(1, true, "GET", "/", name, "x");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.2.2: te other than \"trailers\" makes the request malformed (PROTOCOL_ERROR)")
    void teOtherThanTrailers() {
        FramePeer p = serve(OK);
        p.sendRequest(1, true, "GET", "/", "te", "gzip");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.2.2: te: trailers is allowed")
    void teTrailersAllowed() {
        FramePeer p = serve(OK);
        p.sendRequest(1, true, "GET", "/", "te", "trailers");
        assertThat(p.expectHeaders(1).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("§8.3: a pseudo-header after a regular field makes the request malformed (PROTOCOL_ERROR)")
    void pseudoHeaderAfterRegular() {
        FramePeer p = serve(OK);
        p.sendHeaders(1, true, ":method", "GET", ":scheme", "http", "accept", "*/*", ":path", "/",
                ":authority", "a.test");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.3: an unknown pseudo-header makes the request malformed (PROTOCOL_ERROR)")
    void unknownPseudoHeader() {
        FramePeer p = serve(OK);
        p.sendRequest(1, true, "GET", "/");
        p.expectHeaders(1);
        p.sendHeaders(3, true, ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "a.test",
                ":nonsense", "1");
        streamError(p, 3, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.3: a response pseudo-header in a request makes it malformed (PROTOCOL_ERROR)")
    void statusInRequest() {
        FramePeer p = serve(OK);
        p.sendHeaders(1, true, ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "a.test",
                ":status", "200");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.3: a repeated pseudo-header makes the request malformed (PROTOCOL_ERROR)")
    void duplicatePseudoHeader() {
        FramePeer p = serve(OK);
        p.sendHeaders(1, true, ":method", "GET", ":method", "POST", ":scheme", "http", ":path", "/",
                ":authority", "a.test");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "§8.3.1: a request without {0} is malformed (PROTOCOL_ERROR)")
    @ValueSource(strings = {":method", ":scheme", ":path"})
    void missingPseudoHeader(String missing) {
        FramePeer p = serve(OK);
        String[] all = {":method", "GET", ":scheme", "http", ":path", "/", ":authority", "a.test"};
        String[] fields = new String[6];
        for (int i = 0, j = 0; i < all.length; i += 2) {
            if (!all[i].equals(missing)) {
                fields[j++] = all[i];
                fields[j++] = all[i + 1];
            }
        }
        p.sendHeaders(1, true, fields);
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "§8.3.1: a host field {0} that differs from :authority is malformed (PROTOCOL_ERROR)")
    @ValueSource(strings = {"other.test", "example.test:8080", "second-line"})
    void hostDiffersFromAuthority(String host) {
        FramePeer p = serve(OK);
        if (host.equals("second-line")) {
            p.sendRequest(1, true, "GET", "/", "host", "example.test", "host", "other.test");
        } else {
            p.sendRequest(1, true, "GET", "/", "host", host);
        }
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.3.1: a host field equal to :authority (any case) is allowed")
    void hostEqualToAuthority() {
        FramePeer p = serve(OK);
        p.sendRequest(1, true, "GET", "/", "host", "Example.TEST");
        assertThat(p.expectHeaders(1).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "§8.3.1: :authority {0} is malformed (PROTOCOL_ERROR)")
    @ValueSource(strings = {"user@example.test", "example.test/x", "a b", "example.test:8o"})
    void invalidAuthority(String authority) {
        FramePeer p = serve(OK);
        p.sendHeaders(1, true, ":method", "GET", ":scheme", "http", ":path", "/", ":authority", authority);
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.3.1: two host fields without :authority are malformed (PROTOCOL_ERROR)")
    void twoHostsWithoutAuthority() {
        FramePeer p = serve(OK);
        p.sendHeaders(1, true, ":method", "GET", ":scheme", "http", ":path", "/", "host", "a.test", "host", "b.test");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.3.1: an empty :path is malformed (PROTOCOL_ERROR)")
    void emptyPath() {
        FramePeer p = serve(OK);
        p.sendRequest(1, true, "GET", "");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.5: CONNECT with :scheme and :path is malformed (PROTOCOL_ERROR)")
    void connectWithPath() {
        FramePeer p = serve(OK);
        p.sendRequest(1, true, "CONNECT", "/");
        streamError(p, 1, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§8.1, §8.3: a well-formed request gets its response (the baseline of the cases above)")
    void wellFormedRequest() {
        FramePeer p = serve(OK);
        p.sendRequest(1, true, "GET", "/", "accept", "text/plain");
        FramePeer.Headers h = p.expectHeaders(1);
        assertThat(h.status()).isEqualTo(200);
        assertThat(new String(p.expectBody(1), StandardCharsets.US_ASCII)).isEqualTo("ok");
    }
}
