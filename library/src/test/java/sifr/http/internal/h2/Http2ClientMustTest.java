package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sifr.http.internal.h2.Http2ErrorCode.FLOW_CONTROL_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.FRAME_SIZE_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.HeaderMap;
import sifr.http.HttpError;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.RefusedStreamError;
import sifr.http.RequestHead;
import sifr.http.Version;
import sifr.testing.MemoryByteStreams;

/**
 * The MUSTs of RFC 9113 §3-8 a client enforces, each test naming its section: a {@link FramePeer}
 * plays the server against the real {@link Http2ClientConnection} over in-memory streams. Requests
 * run on virtual threads; the peer answers them frame by frame.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2ClientMustTest {
    private MemoryByteStreams.Pair pair;
    private FramePeer peer;
    private Http2ClientConnection client;
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    /** A client connection and the scripted server, before any frame was exchanged. */
    private FramePeer connect() throws Exception {
        pair = MemoryByteStreams.pair();
        peer = FramePeer.server(pair.server());
        client = Http2ClientConnection.start(pair.client(), Http2Config.CLIENT_DEFAULT);
        return peer;
    }

    /** A client connection past the SETTINGS exchange. */
    private FramePeer connected() throws Exception {
        FramePeer p = connect();
        p.handshake();
        return p;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        callers.shutdownNow();
        if (peer != null) {
            peer.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    private Future<HttpResponse> get(String path) {
        RequestHead head = new RequestHead(Method.GET, path, HeaderMap.of("host", "example.test"), Version.HTTP_2);
        return callers.submit(() -> client.send(head));
    }

    private static HttpResponse done(Future<HttpResponse> f) throws Exception {
        return f.get(FramePeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void fails(Future<HttpResponse> f, Class<? extends Throwable> type) {
        assertThatThrownBy(() -> done(f).body().collectWithLimit(1 << 20))
                .satisfies(e -> assertThat(e instanceof ExecutionException ? e.getCause() : e).isInstanceOf(type));
    }

    /** A request on stream 1 whose HEADERS the peer has seen. */
    private Future<HttpResponse> pending(FramePeer p) {
        Future<HttpResponse> f = get("/");
        p.expectHeaders(1);
        return f;
    }

    private void malformedResponse(String... fields) throws Exception {
        FramePeer p = connected();
        Future<HttpResponse> f = pending(p);
        p.sendHeaders(1, true, fields);
        p.expectRstStream(1, PROTOCOL_ERROR);
        fails(f, HttpError.class);
        p.expectAlive();
    }

    // ------------------------------------------------------------------ §3.4, §6.5 preface and SETTINGS

    @Test
    @DisplayName("§3.4: the client sends the preface, then SETTINGS as its first frame (with SETTINGS_ENABLE_PUSH 0)")
    void prefaceThenSettings() throws Exception {
        FramePeer p = connect(); // the peer's reader refuses anything but the exact preface
        FramePeer.Frame first = p.next();
        assertThat(first).isInstanceOf(FramePeer.Settings.class);
        assertThat(((FramePeer.Settings) first).settings().getOrDefault(Http2Settings.ENABLE_PUSH, -1)).isZero();
    }

    @Test
    @DisplayName("§3.4: a server whose first frame is not SETTINGS is a connection error PROTOCOL_ERROR")
    void serverPrefaceNotSettings() throws Exception {
        FramePeer p = connect();
        p.sendPing(1);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.5.3: the client acknowledges the server's SETTINGS")
    void settingsAcknowledged() throws Exception {
        FramePeer p = connect().autoAck(false);
        p.sendPreface(Http2Settings.EMPTY.with(Http2Settings.MAX_CONCURRENT_STREAMS, 7));
        p.expect(FramePeer.SettingsAck.class, a -> true);
    }

    @Test
    @DisplayName("§6.5.2: SETTINGS_ENABLE_PUSH 1 from a server is a connection error PROTOCOL_ERROR")
    void serverEnablesPush() throws Exception {
        FramePeer p = connect();
        p.sendPreface(Http2Settings.EMPTY.with(Http2Settings.ENABLE_PUSH, 1));
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.5: a SETTINGS acknowledgement with a payload is a connection error FRAME_SIZE_ERROR")
    void settingsAckWithPayload() throws Exception {
        FramePeer p = connected();
        p.sendFrame(Http2Frames.SETTINGS, Http2Frames.FLAG_ACK, 0, new byte[6]);
        p.expectGoAwayAndClose(FRAME_SIZE_ERROR);
    }

    // ------------------------------------------------------------------ §4, §5 frames and streams

    @Test
    @DisplayName("§4.2: a frame longer than the client's SETTINGS_MAX_FRAME_SIZE is a FRAME_SIZE_ERROR")
    void frameTooLarge() throws Exception {
        FramePeer p = connected();
        Future<HttpResponse> f = pending(p);
        p.sendHeaders(1, false, ":status", "200");
        p.sendFrame(Http2Frames.DATA, 0, 1, new byte[Http2Frames.DEFAULT_MAX_FRAME_SIZE + 1]);
        p.expectGoAwayAndClose(FRAME_SIZE_ERROR);
        fails(f, HttpError.class);
    }

    @Test
    @DisplayName("§5.1: DATA on an idle stream is a connection error PROTOCOL_ERROR")
    void dataOnIdleStream() throws Exception {
        FramePeer p = connected();
        p.sendData(1, true, new byte[] {1});
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.1.1, §8.4: a server opening an even stream with HEADERS (no push) is a connection error PROTOCOL_ERROR")
    void serverOpensEvenStream() throws Exception {
        FramePeer p = connected();
        p.sendHeaders(2, true, ":status", "200");
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.1: HEADERS on an idle client stream is a connection error PROTOCOL_ERROR")
    void headersOnIdleClientStream() throws Exception {
        FramePeer p = connected();
        p.sendHeaders(3, true, ":status", "200");
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.4.2, §8.7: RST_STREAM REFUSED_STREAM fails the request as retryable")
    void refusedStreamIsRetryable() throws Exception {
        FramePeer p = connected();
        Future<HttpResponse> f = pending(p);
        p.sendRst(1, Http2ErrorCode.REFUSED_STREAM);
        fails(f, RefusedStreamError.class);
        p.expectAlive();
    }

    // ------------------------------------------------------------------ §6 frame definitions

    @Test
    @DisplayName("§6.6, §8.4: PUSH_PROMISE to a client that disabled push is a connection error PROTOCOL_ERROR")
    void pushPromiseWithPushDisabled() throws Exception {
        FramePeer p = connected();
        Future<HttpResponse> f = pending(p);
        p.sendPushPromise(1, 2, ":method", "GET", ":scheme", "http", ":path", "/pushed", ":authority", "a.test");
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
        fails(f, HttpError.class);
    }

    @Test
    @DisplayName("§6.7: a PING is answered with an ACK carrying the same payload")
    void pingAnswered() throws Exception {
        FramePeer p = connected();
        p.sendPing(0x1122334455667788L);
        p.expect(FramePeer.Ping.class, x -> x.ack() && x.payload() == 0x1122334455667788L);
    }

    @Test
    @DisplayName("§6.8: GOAWAY with a last stream id below a request's stream fails it as retryable")
    void goAwayBelowPendingStream() throws Exception {
        FramePeer p = connected();
        Future<HttpResponse> f = pending(p);
        p.sendGoAway(0, Http2ErrorCode.NO_ERROR);
        fails(f, sifr.http.GoawayError.class);
    }

    @Test
    @DisplayName("§6.8: streams at or below GOAWAY's last stream id still complete")
    void goAwayLetsProcessedStreamsFinish() throws Exception {
        FramePeer p = connected();
        Future<HttpResponse> f = pending(p);
        p.sendGoAway(1, Http2ErrorCode.NO_ERROR);
        p.sendHeaders(1, false, ":status", "200").sendData(1, true, "done".getBytes(StandardCharsets.US_ASCII));
        HttpResponse r = done(f);
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(new String(r.body().collectWithLimit(100), StandardCharsets.US_ASCII)).isEqualTo("done");
    }

    @Test
    @DisplayName("§6.9: WINDOW_UPDATE of 0 on the connection is a connection error PROTOCOL_ERROR")
    void zeroWindowUpdateOnConnection() throws Exception {
        FramePeer p = connected();
        p.sendFrame(Http2Frames.WINDOW_UPDATE, 0, 0, new byte[4]);
        p.expectGoAwayAndClose(PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§6.9.1: the connection window past 2^31-1 is a connection error FLOW_CONTROL_ERROR")
    void connectionWindowOverflow() throws Exception {
        FramePeer p = connected();
        p.sendWindowUpdate(0, Http2Frames.MAX_WINDOW_INCREMENT);
        p.expectGoAwayAndClose(FLOW_CONTROL_ERROR);
    }

    @Test
    @DisplayName("§6.9.1: a stream window past 2^31-1 is a stream error FLOW_CONTROL_ERROR")
    void streamWindowOverflow() throws Exception {
        FramePeer p = connected();
        Future<HttpResponse> f = pending(p);
        p.sendWindowUpdate(1, Http2Frames.MAX_WINDOW_INCREMENT);
        p.expectRstStream(1, FLOW_CONTROL_ERROR);
        fails(f, HttpError.class);
        p.expectAlive();
    }

    // ------------------------------------------------------------------ §8 HTTP semantics

    @Test
    @DisplayName("§8.3.1, §8.2.2: a request carries :method, :scheme, :path, :authority and no connection-specific field")
    void requestPseudoHeadersAndNoConnectionFields() throws Exception {
        FramePeer p = connected();
        RequestHead head = new RequestHead(Method.GET, "/x?y=1",
                HeaderMap.of("host", "example.test", "connection", "close", "upgrade", "h2c", "keep-alive", "5"),
                Version.HTTP_2);
        Future<HttpResponse> f = callers.submit(() -> client.send(head));
        FramePeer.Headers h = p.expectHeaders(1);
        assertThat(h.fields().subList(0, 4)).extracting(FramePeer.Field::name).allMatch(n -> n.startsWith(":"));
        assertThat(h.get(":method")).contains("GET");
        assertThat(h.get(":scheme")).contains("http");
        assertThat(h.get(":path")).contains("/x?y=1");
        assertThat(h.get(":authority")).contains("example.test");
        assertThat(h.get("connection")).isEmpty();
        assertThat(h.get("upgrade")).isEmpty();
        assertThat(h.get("keep-alive")).isEmpty();
        p.sendHeaders(1, true, ":status", "204");
        assertThat(done(f).status().code()).isEqualTo(204);
    }

    @Test
    @DisplayName("§8.3.2: a response without :status is malformed: stream error PROTOCOL_ERROR")
    void responseWithoutStatus() throws Exception {
        malformedResponse("content-type", "text/plain");
    }

    @Test
    @DisplayName("§8.3: a request pseudo-header in a response is malformed: stream error PROTOCOL_ERROR")
    void requestPseudoHeaderInResponse() throws Exception {
        malformedResponse(":status", "200", ":path", "/");
    }

    @Test
    @DisplayName("§8.3: a pseudo-header after a regular field in a response is malformed")
    void pseudoHeaderAfterRegularInResponse() throws Exception {
        malformedResponse("content-type", "text/plain", ":status", "200");
    }

    @Test
    @DisplayName("§8.2.2: a connection-specific field in a response is malformed: stream error PROTOCOL_ERROR")
    void connectionSpecificFieldInResponse() throws Exception {
        malformedResponse(":status", "200", "connection", "close");
    }

    @Test
    @DisplayName("§8.2.1: an uppercase field name in a response is malformed: stream error PROTOCOL_ERROR")
    void uppercaseFieldNameInResponse() throws Exception {
        malformedResponse(":status", "200", "Content-Type", "text/plain");
    }

    @Test
    @DisplayName("§8.1.1: response DATA not matching content-length is malformed: stream error PROTOCOL_ERROR")
    void contentLengthMismatchInResponse() throws Exception {
        FramePeer p = connected();
        Future<HttpResponse> f = pending(p);
        p.sendHeaders(1, false, ":status", "200", "content-length", "5");
        p.sendData(1, true, new byte[3]);
        p.expectRstStream(1, PROTOCOL_ERROR);
        fails(f, HttpError.class);
    }

    @Test
    @DisplayName("§8.1: trailers without END_STREAM in a response are malformed: stream error PROTOCOL_ERROR")
    void responseTrailersWithoutEndStream() throws Exception {
        FramePeer p = connected();
        Future<HttpResponse> f = pending(p);
        p.sendHeaders(1, false, ":status", "200").sendData(1, false, new byte[] {1});
        p.sendHeaders(1, false, "x-trailer", "1");
        p.expectRstStream(1, PROTOCOL_ERROR);
        fails(f, HttpError.class);
    }

    @Test
    @DisplayName("§8.1: interim 1xx responses are skipped; the final response follows on the same stream")
    void interimThenFinalResponse() throws Exception {
        FramePeer p = connected();
        Future<HttpResponse> f = pending(p);
        p.sendHeaders(1, false, ":status", "103", "link", "</a.css>; rel=preload");
        p.sendHeaders(1, false, ":status", "200").sendData(1, true, "ok".getBytes(StandardCharsets.US_ASCII));
        HttpResponse r = done(f);
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.body().collectWithLimit(10)).hasSize(2);
    }

    @Test
    @DisplayName("§8.1: a 101 response in HTTP/2 is malformed: stream error PROTOCOL_ERROR")
    void switchingProtocolsIsMalformed() throws Exception {
        malformedResponse(":status", "101");
    }
}
