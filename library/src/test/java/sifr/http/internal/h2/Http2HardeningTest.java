package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HttpHandler;
import sifr.http.HttpResponse;
import sifr.http.internal.h2.Http2FloodLimits.Rate;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.http.internal.hpack.HpackEncoder;
import sifr.task.CancelledError;
import sifr.task.Task;
import sifr.testing.ManualClock;

/**
 * The hardening cases of issue #7 against the real connection engine: a {@link FramePeer} plays a
 * hostile peer over in-memory streams and the test asserts what the connection answers (GOAWAY
 * ENHANCE_YOUR_CALM and close, RST_STREAM, or staying alive). Server defaults unless a test says
 * otherwise; each flood sends exactly one frame more than the default allows.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2HardeningTest {
    private final ServerUnderTest server = new ServerUnderTest();
    private static final HttpHandler OK = ServerUnderTest.OK;
    private final HttpHandler blocking = server.blocking;

    /** The stall tests' clock: their timeouts pass when the test advances it, not after sleeping. */
    private final ManualClock clock = new ManualClock();

    private FramePeer serve(HttpHandler handler, Http2Config config) {
        FramePeer peer = server.connect(handler, config);
        peer.handshake();
        return peer;
    }

    private FramePeer serveOnManualClock(HttpHandler handler, Http2Config config) {
        FramePeer peer = server.connect(handler, config, clock);
        peer.handshake();
        return peer;
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private static Http2Config limits(Http2FloodLimits limits) {
        return Http2Config.SERVER_DEFAULT.withFloodLimits(limits);
    }

    @Test
    @DisplayName("Rapid Reset (CVE-2023-44487): 201 requests cancelled at once within 30 s -> GOAWAY ENHANCE_YOUR_CALM")
    void rapidReset() {
        FramePeer p = serve(OK, Http2Config.SERVER_DEFAULT);
        for (int i = 0; i < 201; i++) {
            p.sendGet(1 + 2 * i).sendRst(1 + 2 * i, Http2ErrorCode.CANCEL);
        }
        FramePeer.GoAway g = p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM);
        assertThat(g.debug()).contains("RST_STREAM");
    }

    @Test
    void cancellingFewerRequestsThanTheLimitIsFine() {
        FramePeer p = serve(OK, Http2Config.SERVER_DEFAULT);
        for (int i = 0; i < 150; i++) {
            p.sendGet(1 + 2 * i).sendRst(1 + 2 * i, Http2ErrorCode.CANCEL);
        }
        p.expectAlive();
        p.sendGet(301);
        assertThat(p.expectHeaders(301).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("MadeYouReset (CVE-2025-8671): 201 streams the server must reset (WINDOW_UPDATE overflow) -> ENHANCE_YOUR_CALM")
    void madeYouResetByWindowOverflow() {
        FramePeer p = serve(blocking, Http2Config.SERVER_DEFAULT);
        for (int i = 0; i < 200; i++) {
            int id = 1 + 2 * i;
            p.sendGet(id).sendWindowUpdate(id, Http2Frames.MAX_WINDOW_INCREMENT); // §6.9.1: past 2^31-1
        }
        p.expectRstStream(1, Http2ErrorCode.FLOW_CONTROL_ERROR);
        p.expectAlive(); // 200 provoked resets: still within the budget
        p.sendGet(401).sendWindowUpdate(401, Http2Frames.MAX_WINDOW_INCREMENT);
        assertThat(p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM).debug()).contains("stream errors");
    }

    @Test
    @DisplayName("MadeYouReset: DATA after END_STREAM (STREAM_CLOSED resets) shares the reset budget with the peer's own RST_STREAM")
    void madeYouResetByDataAfterEndStream() {
        FramePeer p = serve(blocking, Http2Config.SERVER_DEFAULT
                .withFloodLimits(Http2FloodLimits.SERVER_DEFAULT.withResets(Rate.of(20, Duration.ofSeconds(30)))));
        for (int i = 0; i < 10; i++) {
            p.sendGet(1 + 2 * i).sendRst(1 + 2 * i, Http2ErrorCode.CANCEL);
        }
        for (int i = 10; i < 20; i++) {
            p.sendGet(1 + 2 * i).sendData(1 + 2 * i, false, new byte[] {'x'}); // §5.1 half-closed (remote)
        }
        p.expectRstStream(21, Http2ErrorCode.STREAM_CLOSED);
        p.expectAlive();
        p.sendGet(41).sendData(41, false, new byte[] {'x'});
        p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM);
    }

    @Test
    @DisplayName("CONTINUATION flood: 33 zero-length CONTINUATION frames in one field block -> ENHANCE_YOUR_CALM")
    void continuationFloodWithZeroLengthFrames() {
        FramePeer p = serve(OK, Http2Config.SERVER_DEFAULT);
        byte[] block = p.encode(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "a.test");
        p.sendFrame(Http2Frames.HEADERS, Http2Frames.FLAG_END_STREAM, 1, block); // no END_HEADERS
        for (int i = 0; i < 33; i++) {
            p.sendFrame(Http2Frames.CONTINUATION, 0, 1, new byte[0]);
        }
        assertThat(p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM).debug()).contains("CONTINUATION");
    }

    @Test
    @DisplayName("CONTINUATION flood: a field block past 128 KiB over its frames -> ENHANCE_YOUR_CALM")
    void continuationFloodByOctets() {
        FramePeer p = serve(OK, Http2Config.SERVER_DEFAULT);
        p.sendFrame(Http2Frames.HEADERS, 0, 1, new byte[] {(byte) 0x82});
        for (int i = 0; i < 9; i++) { // 9 x 16,000 octets > 131,072
            p.sendFrame(Http2Frames.CONTINUATION, 0, 1, new byte[16_000]);
        }
        p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM);
    }

    @Test
    @DisplayName("HPACK bomb: a 5 KiB block decoding to 4 MB of headers gets 431, the connection stays in step")
    void hpackBomb() {
        FramePeer p = serve(OK, Http2Config.SERVER_DEFAULT);
        // Our own encoder context: insert one 4,000-octet field, then reference it 1,000 times.
        HpackEncoder bomb = new HpackEncoder();
        GrowableBytes block = new GrowableBytes(8192);
        bomb.startBlock(block);
        for (String[] f : new String[][] {{":method", "GET"}, {":scheme", "http"}, {":path", "/"},
                {":authority", "a.test"}}) {
            bomb.field(f[0], f[1], false, block);
        }
        bomb.field("x-bomb", "a".repeat(4000), false, block);
        int bombIndex = 62; // the entry just inserted
        for (int i = 0; i < 1000; i++) {
            block.writeByte(0x80 | bombIndex);
        }
        assertThat(block.size()).isLessThan(6 * 1024);
        // HEADERS split by hand (the peer's HPACK context is not used for this one block)
        byte[] b = block.toByteArray();
        p.sendFrame(Http2Frames.HEADERS, Http2Frames.FLAG_END_STREAM | Http2Frames.FLAG_END_HEADERS, 1, b);
        assertThat(p.expectHeaders(1).status()).isEqualTo(431);
        p.expectAlive();
    }

    @Test
    @DisplayName("SETTINGS flood: 21 SETTINGS frames within 10 s (the preface's included) -> ENHANCE_YOUR_CALM")
    void settingsFlood() {
        FramePeer p = serve(OK, Http2Config.SERVER_DEFAULT);
        for (int i = 0; i < 20; i++) {
            p.sendSettings(Http2Settings.EMPTY);
        }
        assertThat(p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM).debug()).contains("SETTINGS");
    }

    @Test
    @DisplayName("PING flood: 101 PINGs within 10 s -> ENHANCE_YOUR_CALM")
    void pingFlood() {
        FramePeer p = serve(OK, Http2Config.SERVER_DEFAULT);
        for (int i = 0; i < 101; i++) {
            p.sendPing(i);
        }
        assertThat(p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM).debug()).contains("PING");
    }

    @Test
    @DisplayName("empty-DATA flood: 101 DATA frames of 0 octets without END_STREAM -> ENHANCE_YOUR_CALM")
    void emptyDataFlood() {
        FramePeer p = serve(blocking, Http2Config.SERVER_DEFAULT);
        p.sendRequest(1, false, "POST", "/upload");
        for (int i = 0; i < 101; i++) {
            p.sendData(1, false, new byte[0]);
        }
        assertThat(p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM).debug()).contains("empty DATA");
    }

    @Test
    @DisplayName("PRIORITY flood: 501 PRIORITY frames within 10 s -> ENHANCE_YOUR_CALM")
    void priorityFlood() {
        FramePeer p = serve(OK, Http2Config.SERVER_DEFAULT);
        for (int i = 0; i < 501; i++) {
            p.sendPriority(1 + 2 * i, 0);
        }
        p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM);
    }

    @Test
    @DisplayName("unknown-frame flood: 201 frames of an unknown type within 10 s -> ENHANCE_YOUR_CALM")
    void unknownFrameFlood() {
        FramePeer p = serve(OK, Http2Config.SERVER_DEFAULT);
        for (int i = 0; i < 201; i++) {
            p.sendFrame(0xef, 0, 0, new byte[0]);
        }
        p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM);
    }

    @Test
    @DisplayName("too many streams: beyond SETTINGS_MAX_CONCURRENT_STREAMS -> REFUSED_STREAM; the 51st refusal -> ENHANCE_YOUR_CALM")
    void tooManyStreams() {
        FramePeer p = serve(blocking, Http2Config.SERVER_DEFAULT.withMaxConcurrentStreams(2));
        p.sendGet(1).sendGet(3).sendGet(5);
        p.expectRstStream(5, Http2ErrorCode.REFUSED_STREAM);
        for (int i = 0; i < 49; i++) {
            p.sendGet(7 + 2 * i);
        }
        p.expectRstStream(7 + 2 * 48, Http2ErrorCode.REFUSED_STREAM);
        p.expectAlive(); // 50 refusals: within the limit
        p.sendGet(201);
        assertThat(p.expectGoAwayAndClose(Http2ErrorCode.ENHANCE_YOUR_CALM).debug())
                .contains("MAX_CONCURRENT_STREAMS");
    }

    @Test
    @DisplayName("zero-window stall: a response stuck on a zero send window is reset (CANCEL) after the timeout")
    void zeroWindowStall() {
        byte[] big = new byte[100_000];
        FramePeer p = serveOnManualClock(request -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(big)),
                limits(Http2FloodLimits.SERVER_DEFAULT.withZeroWindowTimeout(Duration.ofSeconds(30))));
        p.sendSettings(Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, 0)); // §6.9.2: no credit
        p.sendGet(1);
        p.expectHeaders(1);
        java.util.function.Predicate<FramePeer.Frame> reset = f -> f instanceof FramePeer.RstStream r
                && r.streamId() == 1 && r.code() == Http2ErrorCode.CANCEL.code();
        clock.advance(Duration.ofSeconds(29)); // short of the timeout, however long the sender has waited
        assertThat(p.expectAlive().saw(reset)).as("reset before the timeout").isFalse();
        clock.advanceUntil(Duration.ofSeconds(31), 20, () -> p.saw(reset), "RST_STREAM 1 CANCEL");
        p.expectAlive(); // only the stream ends, the connection goes on
    }

    @Test
    @DisplayName("stalled reader: a peer that stops reading TCP loses the connection after the timeout, freeing the handler")
    void peerThatStopsReadingIsDisconnected() throws Exception {
        byte[] big = new byte[2_000_000];
        CountDownLatch handlerDone = new CountDownLatch(1);
        FramePeer p = serveOnManualClock(request -> HttpResponse.of(200, HeaderMap.empty(), new BodyStream() {
            private int sent;

            @Override
            public byte[] readChunk() {
                if (sent >= big.length) {
                    return new byte[0];
                }
                sent += 16_384;
                return java.util.Arrays.copyOf(big, 16_384);
            }

            @Override
            public void close() {
                handlerDone.countDown(); // the response ended, one way or the other
            }
        }), limits(Http2FloodLimits.SERVER_DEFAULT.withZeroWindowTimeout(Duration.ofSeconds(30))));
        p.sendSettings(Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, Http2Frames.MAX_WINDOW_INCREMENT));
        p.sendWindowUpdate(0, Http2Frames.MAX_WINDOW_INCREMENT - 65_535);
        p.expectAlive();
        p.pauseReading(true);
        p.sendGet(1);
        clock.advanceUntil(Duration.ofSeconds(31), 20, () -> handlerDone.getCount() == 0, "the handler's response ended");
        assertThat(server.ended()).as("the connection ended").isTrue();
        p.pauseReading(false);
    }

    @Test
    @DisplayName("zero-window stall: a window that opens before the timeout lets the response finish")
    void windowOpeningInTimeIsNotAStall() {
        byte[] big = new byte[100_000];
        FramePeer p = serve(request -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(big)),
                limits(Http2FloodLimits.SERVER_DEFAULT.withZeroWindowTimeout(Duration.ofSeconds(20))));
        p.sendGet(1);
        p.expectHeaders(1);
        p.sendWindowUpdate(1, 100_000).sendWindowUpdate(0, 100_000);
        byte[] body = p.expectBody(1);
        assertThat(body).hasSize(100_000);
    }

    @Test
    @DisplayName("CVE-2023-39325 shape: HEADERS+RST_STREAM pairs under the reset budget never leave more handlers "
            + "running than SETTINGS_MAX_CONCURRENT_STREAMS")
    void resetStreamsNeverLeaveMoreHandlersRunningThanTheStreamLimit() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        HttpHandler stubborn = request -> { // ignores cancellation, like code blocked outside Sifr
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (release.getCount() > 0 && System.nanoTime() < deadline) {
                    try {
                        release.await(10, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException ignoredOnPurpose) {
                        // a cancellation this handler does not honour
                    }
                }
            } finally {
                running.decrementAndGet();
            }
            return HttpResponse.of(200, HeaderMap.empty());
        };
        FramePeer p = serve(stubborn, Http2Config.SERVER_DEFAULT.withMaxConcurrentStreams(10));
        for (int i = 0; i < 150; i++) { // 150 resets: below the budget of 200 per 30 s
            p.sendGet(1 + 2 * i).sendRst(1 + 2 * i, Http2ErrorCode.CANCEL);
        }
        p.expectAlive(); // every pair processed
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (running.get() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(100); // a moment for any handler beyond the limit to show itself
        assertThat(most.get()).as("handlers running at once").isEqualTo(10);
        release.countDown();
        p.sendGet(301); // the stubborn ones return; the reset streams waiting for a slot never run
        assertThat(p.expectHeaders(301).status()).isEqualTo(200);
        assertThat(most.get()).as("handlers running at once").isEqualTo(10);
    }

    @Test
    void aStreamResetByTheClientCancelsItsHandler() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        HttpHandler sleeper = request -> {
            started.countDown();
            try {
                Task.sleep(Duration.ofSeconds(30));
            } catch (CancelledError e) {
                cancelled.countDown();
                throw e;
            }
            return HttpResponse.of(200, HeaderMap.empty());
        };
        FramePeer p = serve(sleeper, Http2Config.SERVER_DEFAULT);
        p.sendGet(1);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        p.sendRst(1, Http2ErrorCode.CANCEL);
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the handler saw CancelledError").isTrue();
        p.expectAlive();
    }
}
