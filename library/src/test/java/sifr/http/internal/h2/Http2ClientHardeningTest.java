package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HttpError;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.Version;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.http.internal.hpack.HpackEncoder;
import sifr.testing.ManualClock;
import sifr.testing.MemoryByteStreams;

/**
 * The hardening limits on the client side ({@link Http2FloodLimits#CLIENT_DEFAULT}: permissive but
 * bounded): a {@link FramePeer} plays a hostile server against the real {@link Http2ClientConnection}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2ClientHardeningTest {
    private MemoryByteStreams.Pair pair;
    private FramePeer peer;
    private Http2ClientConnection client;
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    private FramePeer connected(Http2Config config) throws Exception {
        pair = MemoryByteStreams.pair();
        peer = FramePeer.server(pair.server());
        client = Http2ClientConnection.start(pair.client(), config);
        peer.handshake();
        return peer;
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

    private Future<HttpResponse> send(Method method, BodyStream body) {
        RequestHead head = new RequestHead(method, "/", HeaderMap.of("host", "example.test"), Version.HTTP_2);
        return callers.submit(() -> client.send(head, body));
    }

    private static void fails(Future<HttpResponse> f) {
        assertThatThrownBy(() -> f.get(FramePeer.WAIT.toMillis(), TimeUnit.MILLISECONDS).body()
                .collectWithLimit(1 << 20)).satisfies(e -> assertThat(
                        e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e)
                        .isInstanceOf(HttpError.class));
    }

    @Test
    @DisplayName("PING flood from a server: 1,001 PINGs within 10 s -> the client sends GOAWAY ENHANCE_YOUR_CALM")
    void pingFloodFromServer() throws Exception {
        FramePeer p = connected(Http2Config.CLIENT_DEFAULT);
        for (int i = 0; i < 1001; i++) {
            p.sendPing(i);
        }
        assertThat(p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM).debug()).contains("PING");
    }

    @Test
    @DisplayName("SETTINGS flood from a server: 201 SETTINGS within 10 s -> ENHANCE_YOUR_CALM")
    void settingsFloodFromServer() throws Exception {
        FramePeer p = connected(Http2Config.CLIENT_DEFAULT);
        for (int i = 0; i < 200; i++) {
            p.sendSettings(Http2Settings.EMPTY);
        }
        p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM);
    }

    @Test
    @DisplayName("RST_STREAM flood from a server: 2,001 resets within 30 s -> ENHANCE_YOUR_CALM")
    void resetFloodFromServer() throws Exception {
        FramePeer p = connected(Http2Config.CLIENT_DEFAULT);
        Future<HttpResponse> f = send(Method.GET, BodyStream.empty());
        p.expectHeaders(1);
        p.sendHeaders(1, true, ":status", "204");
        assertThat(f.get(10, TimeUnit.SECONDS).status().code()).isEqualTo(204);
        for (int i = 0; i < 2001; i++) {
            p.sendRst(1, Http2ErrorCode.CANCEL); // on a closed stream: ignored, but counted
        }
        p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM);
    }

    @Test
    @DisplayName("CONTINUATION flood to a client: 65 zero-length CONTINUATION frames in a response block -> ENHANCE_YOUR_CALM")
    void continuationFloodToClient() throws Exception {
        FramePeer p = connected(Http2Config.CLIENT_DEFAULT);
        Future<HttpResponse> f = send(Method.GET, BodyStream.empty());
        p.expectHeaders(1);
        p.sendFrame(Http2Frames.HEADERS, Http2Frames.FLAG_END_STREAM, 1, p.encode(":status", "200"));
        for (int i = 0; i < 65; i++) {
            p.sendFrame(Http2Frames.CONTINUATION, 0, 1, new byte[0]);
        }
        p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM);
        fails(f);
    }

    @Test
    @DisplayName("HPACK bomb to a client: a small response block decoding past 256 KiB resets the stream, the connection stays")
    void hpackBombToClient() throws Exception {
        FramePeer p = connected(Http2Config.CLIENT_DEFAULT);
        Future<HttpResponse> f = send(Method.GET, BodyStream.empty());
        p.expectHeaders(1);
        HpackEncoder bomb = new HpackEncoder();
        GrowableBytes block = new GrowableBytes(8192);
        bomb.startBlock(block);
        bomb.field(":status", "200", false, block);
        bomb.field("x-bomb", "b".repeat(4000), false, block);
        for (int i = 0; i < 1000; i++) {
            block.writeByte(0x80 | 62); // the entry just inserted, again and again: 4 MB decoded
        }
        p.sendFrame(Http2Frames.HEADERS, Http2Frames.FLAG_END_STREAM | Http2Frames.FLAG_END_HEADERS, 1,
                block.toByteArray());
        p.expectRstStream(1, Http2ErrorCode.PROTOCOL_ERROR);
        fails(f);
        p.expectAlive();
    }

    @Test
    @DisplayName("zero-window stall on a request body: the client resets the stream (CANCEL) after the timeout")
    void requestBodyStalledOnZeroWindow() throws Exception {
        pair = MemoryByteStreams.pair();
        peer = FramePeer.server(pair.server());
        ManualClock clock = new ManualClock(); // the timeout passes when the test says so
        client = Http2ClientConnection.start(pair.client(), Http2Config.CLIENT_DEFAULT
                .withFloodLimits(Http2FloodLimits.CLIENT_DEFAULT.withZeroWindowTimeout(Duration.ofSeconds(30))), "http", clock);
        FramePeer p = peer;
        p.handshake(Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, 0)); // §6.9.2: no credit
        Future<HttpResponse> f = send(Method.POST, BodyStream.ofBytes(new byte[100_000]));
        p.expectHeaders(1);
        clock.advanceUntil(Duration.ofSeconds(31), 20, () -> p.saw(x -> x instanceof FramePeer.RstStream r
                && r.streamId() == 1 && r.code() == Http2ErrorCode.CANCEL.code()), "RST_STREAM 1 CANCEL");
        fails(f);
        p.expectAlive();
    }
}
