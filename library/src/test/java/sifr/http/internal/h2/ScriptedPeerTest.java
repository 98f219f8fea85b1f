package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.http.internal.hpack.HpackDecoder;
import sifr.http.internal.hpack.HpackEncoder;
import sifr.http.internal.hpack.HpackError;

/**
 * A scripted client peer (frames built with {@link Http2Writer}) against the pure pieces a server
 * connection is made of: {@link Http2Reader}, {@link StreamIds}, {@link StreamLifecycle},
 * {@link FlowWindow}, {@link SettingsNegotiation}, {@link HpackDecoder}. The dispatcher below is the
 * minimal glue a connection needs; the tests assert what the server would answer (GOAWAY or
 * RST_STREAM with a code), each naming its RFC 9113 section.
 */
class ScriptedPeerTest {
    /** The server side under test: reacts to frames and records what it would send. */
    static final class Server implements Http2FrameHandler {
        final Http2Reader reader = new Http2Reader(Http2Reader.Role.SERVER, Http2Reader.Limits.DEFAULT);
        final StreamIds ids = new StreamIds(Http2Reader.Role.SERVER);
        final Map<Integer, StreamLifecycle> streams = new HashMap<>();
        final Map<Integer, FlowWindow> sendWindows = new HashMap<>();
        final FlowWindow connectionReceive = new FlowWindow(0, Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE);
        final SettingsNegotiation settings = new SettingsNegotiation();
        final HpackDecoder hpack = new HpackDecoder(64 * 1024, 16 * 1024);
        final List<String> sent = new ArrayList<>();

        /** Feeds the peer's bytes; a connection error becomes the GOAWAY the server would send. */
        void receive(byte[] bytes) {
            try {
                int consumed = reader.read(bytes, 0, bytes.length, this);
                assertThat(consumed).isEqualTo(bytes.length);
            } catch (Http2Error e) {
                assertThat(e.isConnectionError()).isTrue();
                sent.add("GOAWAY " + e.code());
            }
        }

        private StreamLifecycle stream(int id, int type) throws Http2Error {
            StreamLifecycle s = streams.get(id);
            if (s == null) {
                if (type == Http2Frames.HEADERS && !ids.isLocal(id)) {
                    ids.peerOpens(id);
                } else if (!ids.isIdle(id)) {
                    // an id below the last opened one that we no longer track: closed long ago
                    throw Http2Error.connection(Http2ErrorCode.STREAM_CLOSED, "frame on closed stream " + id);
                }
                s = new StreamLifecycle(id);
                streams.put(id, s);
                sendWindows.put(id, new FlowWindow(id, settings.remote().initialWindowSize()));
            }
            return s;
        }

        private boolean onStream(int id, int type, boolean end) throws Http2Error {
            try {
                return stream(id, type).onReceive(type, end) == StreamLifecycle.Verdict.PROCESS;
            } catch (Http2Error e) {
                if (e.isConnectionError()) {
                    throw e;
                }
                streamError(e);
                return false;
            }
        }

        @Override
        public void data(int streamId, boolean endStream, byte[] buf, int off, int len, int flowControlled)
                throws Http2Error {
            connectionReceive.receive(flowControlled); // counted even when the stream discards it
            if (onStream(streamId, Http2Frames.DATA, endStream)) {
                sent.add("DATA accepted " + streamId + " " + len);
            }
        }

        @Override
        public void headers(int streamId, boolean endStream, byte[] block, int off, int len) throws Http2Error {
            boolean process = onStream(streamId, Http2Frames.HEADERS, endStream);
            List<String> fields = new ArrayList<>();
            try {
                hpack.decode(block, off, len, (n, v, s) -> fields.add(n + "=" + v)); // always, to stay in step
            } catch (HpackError e) {
                throw Http2Error.connection(Http2ErrorCode.COMPRESSION_ERROR, e.getMessage());
            } catch (sifr.http.internal.hpack.HeaderListSizeError e) {
                streamError(Http2Error.stream(streamId, Http2ErrorCode.REFUSED_STREAM, e.getMessage()));
                return;
            }
            if (process) {
                sent.add("HEADERS accepted " + streamId + " " + fields);
            }
        }

        @Override
        public void rstStream(int streamId, long errorCode) throws Http2Error {
            onStream(streamId, Http2Frames.RST_STREAM, false);
        }

        @Override
        public void settings(Http2Settings s) throws Http2Error {
            SettingsNegotiation.Change change = settings.received(s);
            for (Map.Entry<Integer, FlowWindow> w : sendWindows.entrySet()) {
                w.getValue().applyInitialWindowDelta(change.initialWindowDelta());
            }
            sent.add("SETTINGS ACK");
        }

        @Override
        public void settingsAck() {
            settings.acknowledged();
        }

        @Override
        public void pushPromise(int streamId, int promisedStreamId, byte[] block, int off, int len) {
            throw new AssertionError("the reader refuses PUSH_PROMISE for a server");
        }

        @Override
        public void ping(boolean ack, long payload) {
            if (!ack) {
                sent.add("PING ACK " + payload);
            }
        }

        @Override
        public void goAway(int lastStreamId, long errorCode, byte[] debug, int off, int len) {
            sent.add("peer GOAWAY " + lastStreamId);
        }

        @Override
        public void windowUpdate(int streamId, int increment) throws Http2Error {
            if (streamId == 0) {
                return; // the connection send window is not modelled in these scripts
            }
            if (onStream(streamId, Http2Frames.WINDOW_UPDATE, false)) {
                try {
                    sendWindows.get(streamId).increase(increment);
                } catch (Http2Error e) {
                    streamError(e);
                }
            }
        }

        @Override
        public void streamError(Http2Error error) {
            sent.add("RST_STREAM " + error.streamId() + " " + error.code());
            StreamLifecycle s = streams.get(error.streamId());
            if (s != null && s.state() != StreamState.IDLE) {
                s.onSend(Http2Frames.RST_STREAM, false);
            }
        }
    }

    /** The client's bytes: preface, empty SETTINGS, then what the script writes. */
    private static byte[] client(Consumer<GrowableBytes> script) {
        GrowableBytes out = new GrowableBytes();
        Http2Writer.preface(out);
        Http2Writer.settings(out, Http2Settings.EMPTY);
        script.accept(out);
        return out.toByteArray();
    }

    private static byte[] request(HpackEncoder encoder, String path) {
        GrowableBytes block = new GrowableBytes();
        encoder.startBlock(block);
        encoder.field(":method", "GET", false, block);
        encoder.field(":scheme", "http", false, block);
        encoder.field(":path", path, false, block);
        encoder.field(":authority", "localhost", false, block);
        return block.toByteArray();
    }

    private final Http2Writer writer = new Http2Writer();
    private final HpackEncoder encoder = new HpackEncoder();
    private final Server server = new Server();

    @Test
    @DisplayName("§3.4, §6.5.3, §6.7: preface and SETTINGS are acknowledged, PING answered")
    void prefaceSettingsAndPing() {
        server.receive(client(out -> Http2Writer.ping(out, false, 42)));
        assertThat(server.sent).containsExactly("SETTINGS ACK", "PING ACK 42");
    }

    @Test
    @DisplayName("§5.1: a request opens a stream; its END_STREAM half-closes it (remote)")
    void requestOpensAStream() {
        byte[] block = request(encoder, "/");
        server.receive(client(out -> writer.headers(out, 1, true, block, 0, block.length)));
        assertThat(server.sent).containsExactly("SETTINGS ACK",
                "HEADERS accepted 1 [:method=GET, :scheme=http, :path=/, :authority=localhost]");
        assertThat(server.streams.get(1).state()).isEqualTo(StreamState.HALF_CLOSED_REMOTE);
    }

    @Test
    @DisplayName("§5.1: DATA on an idle stream is a connection error PROTOCOL_ERROR")
    void dataOnIdleStream() {
        server.receive(client(out -> writer.data(out, 1, false, new byte[3], 0, 3)));
        assertThat(server.sent).containsExactly("SETTINGS ACK", "GOAWAY PROTOCOL_ERROR");
    }

    @Test
    @DisplayName("§5.1.1: a stream id below one already opened is a connection error PROTOCOL_ERROR")
    void decreasingStreamId() {
        byte[] a = request(encoder, "/a");
        byte[] b = request(encoder, "/b");
        server.receive(client(out -> {
            writer.headers(out, 5, true, a, 0, a.length);
            writer.headers(out, 3, true, b, 0, b.length);
        }));
        assertThat(server.sent).endsWith("GOAWAY PROTOCOL_ERROR");
    }

    @Test
    @DisplayName("§5.1, §6.1: DATA after END_STREAM is a stream error STREAM_CLOSED; the HPACK context survives")
    void dataAfterEndStream() {
        byte[] a = request(encoder, "/a");
        byte[] b = request(encoder, "/b");
        server.receive(client(out -> {
            writer.headers(out, 1, true, a, 0, a.length);
            writer.data(out, 1, false, new byte[2], 0, 2);
            writer.headers(out, 3, true, b, 0, b.length);
        }));
        assertThat(server.sent).containsExactly("SETTINGS ACK",
                "HEADERS accepted 1 [:method=GET, :scheme=http, :path=/a, :authority=localhost]",
                "RST_STREAM 1 STREAM_CLOSED",
                "HEADERS accepted 3 [:method=GET, :scheme=http, :path=/b, :authority=localhost]");
    }

    @Test
    @DisplayName("§5.1: after RST_STREAM the peer's frames in flight are ignored, not answered")
    void framesAfterOurReset() {
        byte[] a = request(encoder, "/a");
        server.receive(client(out -> writer.headers(out, 1, false, a, 0, a.length)));
        server.streamError(Http2Error.stream(1, Http2ErrorCode.CANCEL, "cancelled by the handler"));
        server.sent.clear();
        GrowableBytes more = new GrowableBytes();
        writer.data(more, 1, true, new byte[10], 0, 10);
        server.receive(more.toByteArray());
        assertThat(server.sent).isEmpty();
        assertThat(server.connectionReceive.available()).isEqualTo(65_535 - 10); // still counted (§6.9)
    }

    @Test
    @DisplayName("§6.9: DATA beyond the connection window is a connection error FLOW_CONTROL_ERROR")
    void connectionWindowOverrun() {
        byte[] a = request(encoder, "/upload");
        byte[] chunk = new byte[16_384];
        server.receive(client(out -> {
            writer.headers(out, 1, false, a, 0, a.length);
            for (int i = 0; i < 4; i++) {
                writer.data(out, 1, false, chunk, 0, chunk.length); // 65,536 > 65,535
            }
        }));
        assertThat(server.sent).endsWith("GOAWAY FLOW_CONTROL_ERROR");
    }

    @Test
    @DisplayName("§6.9.1: a WINDOW_UPDATE past 2^31-1 on a stream is a stream error FLOW_CONTROL_ERROR")
    void streamWindowOverflow() {
        byte[] a = request(encoder, "/");
        server.receive(client(out -> {
            writer.headers(out, 1, false, a, 0, a.length);
            Http2Writer.windowUpdate(out, 1, Integer.MAX_VALUE);
        }));
        assertThat(server.sent).endsWith("RST_STREAM 1 FLOW_CONTROL_ERROR");
    }

    @Test
    @DisplayName("§6.9.2: a new SETTINGS_INITIAL_WINDOW_SIZE moves open streams' send windows, below zero too")
    void peerLowersInitialWindowSize() {
        byte[] a = request(encoder, "/");
        server.receive(client(out -> writer.headers(out, 1, false, a, 0, a.length)));
        server.sendWindows.get(1).send(60_000);
        GrowableBytes more = new GrowableBytes();
        Http2Writer.settings(more, Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, 16_384));
        server.receive(more.toByteArray());
        assertThat(server.sendWindows.get(1).available()).isEqualTo(16_384 - 60_000);
        assertThat(server.sent).endsWith("SETTINGS ACK");
    }

    @Test
    @DisplayName("§4.3: a field block that breaks HPACK is a connection error COMPRESSION_ERROR")
    void brokenFieldBlock() {
        byte[] bad = {(byte) 0x80}; // indexed field 0
        server.receive(client(out -> writer.headers(out, 1, true, bad, 0, bad.length)));
        assertThat(server.sent).endsWith("GOAWAY COMPRESSION_ERROR");
    }

    @Test
    @DisplayName("§6.10: CONTINUATION floods are bounded per field block (ENHANCE_YOUR_CALM)")
    void continuationFlood() {
        server.receive(client(out -> {
            byte[] block = request(encoder, "/");
            out.write(Hex.bytes("000001 01 00 00000001"), 0, 9); // HEADERS without END_HEADERS
            out.writeByte(block[0]);
            for (int i = 0; i < 200; i++) {
                out.write(Hex.bytes("000000 09 00 00000001"), 0, 9); // empty CONTINUATION
            }
        }));
        assertThat(server.sent).endsWith("GOAWAY ENHANCE_YOUR_CALM");
    }
}
