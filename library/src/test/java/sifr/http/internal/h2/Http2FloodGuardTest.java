package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import sifr.http.internal.h2.Http2FloodLimits.Rate;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.http.internal.hpack.HeaderListSizeError;
import sifr.http.internal.hpack.HpackDecoder;
import sifr.http.internal.hpack.HpackEncoder;

/**
 * {@link Http2FloodGuard} fed from frames on the wire: each test writes a peer's frames with
 * {@link Http2Writer}, a server-side {@link Http2Reader} decodes them into {@link Guarded} (the
 * minimal dispatch a connection does), and the guard decides. Time comes from a fake clock.
 */
class Http2FloodGuardTest {
    private long now = 1_000_000_000L;
    private final GrowableBytes out = new GrowableBytes(1024);
    private final Http2Writer writer = new Http2Writer();

    /** The dispatch a server connection does, reduced to what the guard sees. */
    final class Guarded implements Http2FrameHandler {
        final Http2FloodGuard guard;
        final Http2Reader reader;
        final Map<Integer, FlowWindow> sendWindows = new HashMap<>();
        final List<String> resetsSent = new ArrayList<>();

        Guarded(Http2FloodLimits limits, Http2Reader.Limits readerLimits) {
            guard = new Http2FloodGuard(limits, () -> now);
            reader = new Http2Reader(Http2Reader.Role.SERVER, readerLimits);
            byte[] start = Http2Frames.preface();
            try {
                reader.read(start, 0, start.length, this);
            } catch (Http2Error e) {
                throw new AssertionError(e);
            }
        }

        /** Feeds what {@link #out} holds (the first call also carries the client's SETTINGS). */
        void feed() throws Http2Error {
            byte[] b = out.toByteArray();
            out.reset();
            assertThat(reader.read(b, 0, b.length, this)).isEqualTo(b.length);
        }

        @Override
        public void data(int streamId, boolean endStream, byte[] buf, int off, int len, int flowControlled)
                throws Http2Error {
            guard.onData(len, endStream);
        }

        @Override
        public void headers(int streamId, boolean endStream, byte[] block, int off, int len) {
            sendWindows.put(streamId, new FlowWindow(streamId, Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE));
        }

        @Override
        public void priorityFrame(int streamId, int dependency, boolean exclusive, int weight) throws Http2Error {
            guard.onPriority();
        }

        @Override
        public void rstStream(int streamId, long errorCode) throws Http2Error {
            guard.onResetReceived();
        }

        @Override
        public void settings(Http2Settings settings) throws Http2Error {
            guard.onSettings();
        }

        @Override
        public void settingsAck() {
        }

        @Override
        public void pushPromise(int streamId, int promisedStreamId, byte[] block, int off, int len) {
        }

        @Override
        public void ping(boolean ack, long payload) throws Http2Error {
            guard.onPing(ack);
        }

        @Override
        public void goAway(int lastStreamId, long errorCode, byte[] debug, int off, int len) {
        }

        @Override
        public void windowUpdate(int streamId, int increment) throws Http2Error {
            FlowWindow w = sendWindows.get(streamId);
            if (w == null) {
                return;
            }
            try {
                w.increase(increment);
            } catch (Http2Error e) {
                streamError(e);
            }
        }

        @Override
        public void streamError(Http2Error error) throws Http2Error {
            resetsSent.add(error.streamId() + " " + error.code());
            guard.onResetSent(); // the peer's misbehaviour made us reset: MadeYouReset
        }

        @Override
        public void unknownFrame(int type, int flags, int streamId, byte[] payload, int off, int len)
                throws Http2Error {
            guard.onIgnoredFrame();
        }
    }

    /** The field block bounds of the server's default config. */
    private static final Http2Reader.Limits SERVER_READER = new Http2Reader.Limits(Http2Frames.DEFAULT_MAX_FRAME_SIZE,
            Http2Config.SERVER_DEFAULT.maxHeaderBlockSize(), Http2Config.SERVER_DEFAULT.maxContinuationFrames());

    private Guarded server(Http2FloodLimits limits) throws Http2Error {
        return server(limits, SERVER_READER);
    }

    private Guarded server(Http2FloodLimits limits, Http2Reader.Limits readerLimits) throws Http2Error {
        Guarded g = new Guarded(limits, readerLimits);
        Http2Writer.settings(out, Http2Settings.EMPTY);
        g.feed();
        return g;
    }

    private static void assertCalm(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Http2Error.class, e -> {
            assertThat(e.isConnectionError()).isTrue();
            assertThat(e.code()).isEqualTo(Http2ErrorCode.ENHANCE_YOUR_CALM);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private void headersAndReset(int streamId) {
        writer.headers(out, streamId, false, new byte[] {(byte) 0x82}, 0, 1); // :method GET, indexed
        Http2Writer.rstStream(out, streamId, Http2ErrorCode.CANCEL);
    }

    @Test
    @DisplayName("Rapid Reset (CVE-2023-44487): the 201st RST_STREAM within 30 s ends the connection")
    void rapidResetIsRefusedAfterTheLimit() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT);
        for (int i = 0; i < 200; i++) {
            headersAndReset(1 + 2 * i);
        }
        g.feed();
        headersAndReset(401);
        assertCalm(g::feed, "too many RST_STREAM frames: more than 200 in 30 s");
    }

    @Test
    void resetsSpreadOverWindowsAreAllowed() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT);
        int stream = 1;
        for (int window = 0; window < 5; window++) {
            for (int i = 0; i < 200; i++, stream += 2) {
                headersAndReset(stream);
            }
            g.feed();
            now += Duration.ofSeconds(30).toNanos();
        }
        headersAndReset(stream);
        g.feed(); // 1,000 resets in 150 s: a client cancelling a lot, not a flood
    }

    @Test
    @DisplayName("MadeYouReset (CVE-2025-8671): resets the server sends for the peer's WINDOW_UPDATE overflow count too")
    void resetsProvokedFromTheServerCountAgainstTheSameBudget() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT);
        // 100 streams the client resets itself ...
        for (int i = 0; i < 100; i++) {
            headersAndReset(1 + 2 * i);
        }
        // ... and 100 it makes the server reset: a stream window pushed past 2^31-1 (§6.9.1)
        for (int i = 100; i < 200; i++) {
            int id = 1 + 2 * i;
            writer.headers(out, id, true, new byte[] {(byte) 0x82}, 0, 1);
            Http2Writer.windowUpdate(out, id, Http2Frames.MAX_WINDOW_INCREMENT);
        }
        g.feed();
        assertThat(g.resetsSent).hasSize(100).allMatch(s -> s.endsWith("FLOW_CONTROL_ERROR"));
        writer.headers(out, 401, true, new byte[] {(byte) 0x82}, 0, 1);
        Http2Writer.windowUpdate(out, 401, Http2Frames.MAX_WINDOW_INCREMENT);
        assertCalm(g::feed, "too many stream errors: more than 200 in 30 s");
    }

    @Test
    @DisplayName("MadeYouReset: zero-increment WINDOW_UPDATEs on streams (stream errors) are bounded")
    void zeroWindowUpdateResetsAreBounded() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT.withResets(Rate.of(10, Duration.ofSeconds(30))));
        byte[] zeroUpdate = Hex.bytes("000004 08 00 00000001", "00000000"); // WINDOW_UPDATE stream 1, +0
        writer.headers(out, 1, false, new byte[] {(byte) 0x82}, 0, 1);
        for (int i = 0; i < 10; i++) {
            out.write(zeroUpdate, 0, zeroUpdate.length);
        }
        g.feed();
        assertThat(g.resetsSent).hasSize(10).allMatch(s -> s.equals("1 PROTOCOL_ERROR"));
        out.write(zeroUpdate, 0, zeroUpdate.length);
        assertCalm(g::feed, "too many stream errors");
    }

    @Test
    @DisplayName("CONTINUATION flood: zero-length CONTINUATION frames are counted, the 33rd ends the connection")
    void zeroLengthContinuationFloodIsRefused() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT); // server config: at most 32 per block
        byte[] open = Hex.bytes("000001 01 00 00000001", "82"); // HEADERS without END_HEADERS
        byte[] empty = Hex.bytes("000000 09 00 00000001"); // CONTINUATION, 0 octets, no END_HEADERS
        out.write(open, 0, open.length);
        for (int i = 0; i < 32; i++) {
            out.write(empty, 0, empty.length);
        }
        g.feed();
        assertThat(g.reader.inHeaderBlock()).isTrue();
        out.write(empty, 0, empty.length);
        assertCalm(g::feed, "too many CONTINUATION frames");
    }

    @Test
    @DisplayName("CONTINUATION flood: a field block is bounded in octets over all its frames")
    void continuationBytesAreBounded() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT,
                new Http2Reader.Limits(Http2Frames.DEFAULT_MAX_FRAME_SIZE, 40_000, 32));
        byte[] chunk = new byte[16_000];
        byte[] open = Hex.bytes("000001 01 00 00000001", "82");
        out.write(open, 0, open.length);
        for (int i = 0; i < 2; i++) {
            out.write(Hex.bytes("003e80 09 00 00000001"), 0, 9); // CONTINUATION of 16,000 octets
            out.write(chunk, 0, chunk.length);
        }
        g.feed();
        out.write(Hex.bytes("003e80 09 00 00000001"), 0, 9);
        out.write(chunk, 0, chunk.length);
        assertCalm(g::feed, "field block exceeds 40000 octets");
    }

    @Test
    void aLegitimateBlockSplitIntoContinuationsIsDelivered() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT);
        writer.headers(out, 1, true, new byte[40_000], 0, 40_000); // HEADERS + 2 CONTINUATION at 16,384
        g.feed();
        assertThat(g.sendWindows).containsKey(1);
    }

    @Test
    @DisplayName("SETTINGS flood: the 21st SETTINGS frame within 10 s ends the connection")
    void settingsFloodIsRefused() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT); // its preface SETTINGS was the first
        for (int i = 0; i < 19; i++) {
            Http2Writer.settings(out, Http2Settings.EMPTY);
            Http2Writer.settingsAck(out); // acknowledgements of ours are not counted
        }
        g.feed();
        Http2Writer.settings(out, Http2Settings.EMPTY);
        assertCalm(g::feed, "too many SETTINGS frames: more than 20 in 10 s");
    }

    @Test
    @DisplayName("PING flood: the 101st PING within 10 s ends the connection; PING ACKs are not counted")
    void pingFloodIsRefused() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT);
        for (int i = 0; i < 100; i++) {
            Http2Writer.ping(out, false, i);
            Http2Writer.ping(out, true, i);
        }
        g.feed();
        Http2Writer.ping(out, false, 100);
        assertCalm(g::feed, "too many PING frames: more than 100 in 10 s");
    }

    @Test
    void aPingEveryFewSecondsIsNotAFlood() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT);
        for (int i = 0; i < 1000; i++) {
            Http2Writer.ping(out, false, i);
            g.feed();
            now += Duration.ofSeconds(1).toNanos();
        }
    }

    @Test
    @DisplayName("empty-DATA flood: DATA of 0 octets without END_STREAM, the 101st within 10 s ends the connection")
    void emptyDataFloodIsRefused() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT);
        writer.headers(out, 1, false, new byte[] {(byte) 0x82}, 0, 1);
        for (int i = 0; i < 100; i++) {
            writer.data(out, 1, false, new byte[0], 0, 0);
            writer.data(out, 1, false, new byte[] {'x'}, 0, 1); // real content is not counted
        }
        g.feed();
        writer.data(out, 1, false, new byte[0], 0, 0);
        assertCalm(g::feed, "too many empty DATA frames: more than 100 in 10 s");
    }

    @Test
    void emptyDataEndingTheStreamIsNotCounted() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT.withEmptyData(Rate.of(1, Duration.ofSeconds(10))));
        for (int i = 0; i < 50; i++) {
            writer.headers(out, 1 + 2 * i, false, new byte[] {(byte) 0x82}, 0, 1);
            writer.data(out, 1 + 2 * i, true, new byte[0], 0, 0);
        }
        g.feed();
    }

    @Test
    @DisplayName("PRIORITY flood: the 501st PRIORITY frame within 10 s ends the connection")
    void priorityFloodIsRefused() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT);
        for (int i = 0; i < 500; i++) {
            Http2Writer.priority(out, 1 + 2 * i, 0, false, 16);
        }
        g.feed();
        Http2Writer.priority(out, 1001, 0, false, 16);
        assertCalm(g::feed, "too many PRIORITY frames: more than 500 in 10 s");
    }

    @Test
    void thePrioritySignalOfHeadersIsNotAPriorityFrame() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT.withPriority(Rate.of(1, Duration.ofSeconds(10))));
        for (int i = 0; i < 20; i++) {
            byte[] h = Hex.bytes(String.format("000006 01 25 %08x", 1 + 2 * i), // END_STREAM|END_HEADERS|PRIORITY
                    "00000000 0f", "82"); // depends on 0, weight 16; :method GET
            out.write(h, 0, h.length);
        }
        g.feed();
        assertThat(g.sendWindows).hasSize(20);
    }

    @Test
    @DisplayName("frames without effect (unknown types) are bounded: the 201st within 10 s ends the connection")
    void unknownFrameFloodIsRefused() throws Http2Error {
        Guarded g = server(Http2FloodLimits.SERVER_DEFAULT);
        byte[] unknown = Hex.bytes("000000 ef 00 00000000"); // type 0xef, empty, must be ignored (§5.5)
        for (int i = 0; i < 200; i++) {
            out.write(unknown, 0, unknown.length);
        }
        g.feed();
        out.write(unknown, 0, unknown.length);
        assertCalm(g::feed, "too many frames without effect: more than 200 in 10 s");
    }

    @Test
    @DisplayName("too many streams: refusals beyond SETTINGS_MAX_CONCURRENT_STREAMS are counted, the 51st within 10 s ends it")
    void repeatedStreamRefusalsAreBounded() throws Http2Error {
        Http2FloodGuard guard = new Http2FloodGuard(Http2FloodLimits.SERVER_DEFAULT, () -> now);
        for (int i = 0; i < 50; i++) {
            guard.onStreamRefused();
        }
        assertCalm(guard::onStreamRefused, "too many streams beyond SETTINGS_MAX_CONCURRENT_STREAMS");
    }

    @Test
    void aWindowRestartsAfterItsDuration() throws Http2Error {
        Http2FloodGuard guard = new Http2FloodGuard(
                Http2FloodLimits.SERVER_DEFAULT.withSettings(Rate.of(2, Duration.ofMillis(1500))), () -> now);
        guard.onSettings();
        guard.onSettings();
        now += Duration.ofMillis(1499).toNanos();
        assertCalm(guard::onSettings, "more than 2 in 1500 ms");
        now += Duration.ofMillis(1).toNanos();
        guard.onSettings();
        guard.onSettings();
    }

    @Test
    void clientDefaultsArePermissiveButBounded() {
        Http2FloodLimits s = Http2FloodLimits.SERVER_DEFAULT;
        Http2FloodLimits c = Http2FloodLimits.CLIENT_DEFAULT;
        assertThat(c.resets().max()).isGreaterThan(s.resets().max());
        assertThat(c.pings().max()).isGreaterThan(s.pings().max());
        assertThat(Http2Config.CLIENT_DEFAULT.floodLimits()).isEqualTo(c);
        assertThat(Http2Config.SERVER_DEFAULT.floodLimits()).isEqualTo(s);
        assertThat(c.zeroWindowTimeout()).isGreaterThan(s.zeroWindowTimeout());
    }

    @Test
    void limitsRefuseNonsense() {
        assertThatThrownBy(() -> Rate.of(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rate.of(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Http2FloodLimits.SERVER_DEFAULT.withZeroWindowTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Http2FloodLimits.SERVER_DEFAULT.withResets(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("HPACK bomb: a block under 4 KiB that would decode to over 4 MiB of headers is refused, table kept in step")
    void hpackBombIsRefused() throws Exception {
        // The peer inserts one 4,000-octet field into the dynamic table, then references it 1,000 times.
        HpackEncoder enc = new HpackEncoder();
        GrowableBytes block = new GrowableBytes(8192);
        enc.startBlock(block);
        enc.field("x-bomb", "a".repeat(4000), false, block);
        for (int i = 0; i < 1000; i++) {
            block.writeByte(0xbe); // indexed field 62: the entry just inserted
        }
        assertThat(block.size()).isLessThan(6 * 1024);
        HpackDecoder dec = new HpackDecoder(64 * 1024, 16 * 1024);
        long[] decoded = new long[1];
        assertThatThrownBy(() -> dec.decode(block.array(), 0, block.size(),
                (n, v, s) -> decoded[0] += n.length() + v.length() + 32))
                .isInstanceOf(HeaderListSizeError.class);
        assertThat(decoded[0]).isLessThanOrEqualTo(64 * 1024); // fields stopped at the bound
        // the block was decoded to its end: the next block still refers to the same table
        List<String> next = new ArrayList<>();
        byte[] again = {(byte) 0xbe};
        dec.decode(again, 0, 1, (n, v, s) -> next.add(n));
        assertThat(next).containsExactly("x-bomb");
    }
}
