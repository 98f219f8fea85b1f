package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The fuzzing side of one Autobahn|Testsuite case, in the style of its {@code fuzzingclient} and
 * {@code fuzzingserver}: sends the case's frames (valid or not, chopped as the case says) to our
 * {@link WebSocket} running an echo loop, and checks what comes back and how the connection closes.
 * Its frame codec, masking and deflate are its own ({@link RawPeer}, {@code java.util.zip} directly), not
 * the code under test.
 */
final class AutobahnFuzzer {
    /** What the fuzzer observed from our side: a message (echo) or a Pong. */
    record Event(String kind, boolean binary, byte[] payload) {
        static Event message(String text) {
            return new Event("message", false, text.getBytes(StandardCharsets.UTF_8));
        }

        static Event message(byte[] payload, boolean binary) {
            return new Event("message", binary, payload);
        }

        static Event pong(String payload) {
            return new Event("pong", true, payload.getBytes(StandardCharsets.ISO_8859_1));
        }

        static Event pong(byte[] payload) {
            return new Event("pong", true, payload);
        }

        boolean sameAs(Event o) {
            return kind.equals(o.kind) && (kind.equals("pong") || binary == o.binary) && Arrays.equals(payload, o.payload);
        }

        @Override
        public String toString() {
            return kind + (kind.equals("message") ? (binary ? "[binary " : "[text ") : "[") + payload.length + " bytes]";
        }
    }

    /** The negotiated permessage-deflate state the fuzzer keeps (null when not negotiated). */
    static final class Deflate {
        final boolean fuzzerResets;
        final boolean peerResets;
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        final Inflater inflater = new Inflater(true);

        Deflate(boolean fuzzerResets, boolean peerResets) {
            this.fuzzerResets = fuzzerResets;
            this.peerResets = peerResets;
        }

        byte[] compress(byte[] data) {
            deflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[16 * 1024];
            int n;
            do {
                n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                out.write(chunk, 0, n);
            } while (n == chunk.length);
            byte[] b = out.toByteArray();
            if (fuzzerResets) {
                deflater.reset();
            }
            return Arrays.copyOf(b, b.length - 4); // drop 00 00 FF FF
        }

        byte[] inflate(byte[] data) throws DataFormatException {
            byte[] in = Arrays.copyOf(data, data.length + 4);
            in[data.length + 2] = (byte) 0xFF;
            in[data.length + 3] = (byte) 0xFF;
            inflater.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[16 * 1024];
            while (true) {
                int n = inflater.inflate(chunk);
                out.write(chunk, 0, n);
                if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                    break;
                }
            }
            if (peerResets) {
                inflater.reset();
            }
            return out.toByteArray();
        }

        void end() {
            deflater.end();
            inflater.end();
        }
    }

    final RawPeer peer;
    final boolean fuzzerIsServer;
    Deflate deflate;
    private final List<Event> received = new ArrayList<>();
    private RawPeer.Frame closeFrame;
    private boolean ended;
    private int expectedEvents;
    private boolean anyEvents;

    AutobahnFuzzer(RawPeer peer, boolean fuzzerIsServer) {
        this.peer = peer;
        this.fuzzerIsServer = fuzzerIsServer;
    }

    // ---------------------------------------------------------------- sending

    void frame(int opcode, byte[] payload, boolean fin, int rsv, int chop) throws IOException {
        peer.send(fin, rsv, opcode, payload, chop);
    }

    void frame(int opcode, String payload) throws IOException {
        frame(opcode, payload.getBytes(StandardCharsets.UTF_8), true, 0, 0);
    }

    void frame(int opcode, String payload, boolean fin) throws IOException {
        frame(opcode, payload.getBytes(StandardCharsets.UTF_8), fin, 0, 0);
    }

    /** Raw bytes as they are (for a frame sent in parts). */
    void raw(byte[] bytes) throws IOException {
        peer.writeChopped(bytes, 0);
    }

    /** A message split into frames of {@code fragmentSize} bytes (0: one frame), compressed when negotiated. */
    void message(byte[] payload, boolean binary, int fragmentSize) throws IOException {
        byte[] wire = deflate != null ? deflate.compress(payload) : payload;
        int rsv = deflate != null ? 4 : 0;
        int opcode = binary ? 2 : 1;
        if (fragmentSize <= 0 || wire.length <= fragmentSize) {
            peer.send(true, rsv, opcode, wire, 0);
            return;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(wire.length + wire.length / fragmentSize * 14 + 14);
        for (int at = 0; at < wire.length; at += fragmentSize) {
            int n = Math.min(fragmentSize, wire.length - at);
            byte[] f = peer.encode(at + n == wire.length, at == 0 ? rsv : 0, at == 0 ? opcode : 0,
                    Arrays.copyOfRange(wire, at, at + n));
            all.write(f, 0, f.length);
        }
        peer.writeChopped(all.toByteArray(), 0);
    }

    void message(String text, int fragmentSize) throws IOException {
        message(text.getBytes(StandardCharsets.UTF_8), false, fragmentSize);
    }

    void close(int code, byte[] reason) throws IOException {
        peer.sendClose(code, reason);
    }

    // ---------------------------------------------------------------- observing

    /** Reads frames until {@code n} events (messages, pongs) arrived, a Close came, or the stream ended. */
    List<Event> awaitEvents(int n) throws Exception {
        ByteArrayOutputStream message = null;
        boolean binary = false;
        boolean compressed = false;
        while (received.size() < n && closeFrame == null && !ended) {
            RawPeer.Frame f = peer.read();
            if (f == null) {
                ended = true;
                break;
            }
            assertThat(f.masked()).as("frames from a %s are masked", fuzzerIsServer ? "client" : "server")
                    .isEqualTo(fuzzerIsServer);
            switch (f.opcode()) {
                case 1, 2 -> {
                    message = new ByteArrayOutputStream();
                    binary = f.opcode() == 2;
                    compressed = (f.rsv() & 4) != 0;
                    message.write(f.payload(), 0, f.payload().length);
                }
                case 0 -> message.write(f.payload(), 0, f.payload().length);
                case 8 -> closeFrame = f;
                case 9 -> { } // a keep-alive Ping (the suite turns them off)
                case 10 -> received.add(Event.pong(f.payload()));
                default -> throw new AssertionError("unexpected opcode " + f.opcode());
            }
            if (f.fin() && (f.opcode() == 0 || f.opcode() == 1 || f.opcode() == 2)) {
                byte[] p = message.toByteArray();
                if (compressed) {
                    p = deflate.inflate(p);
                }
                received.add(Event.message(p, binary));
                message = null;
            }
        }
        return received;
    }

    /** Checks the events against what the case expects (exactly, in order). */
    void expect(List<Event> expected) throws Exception {
        awaitEvents(expected.size());
        assertEvents(expected);
        expectedEvents = expected.size();
    }

    /** Drops the events checked so far (long cases check message by message). */
    void forgetEvents() {
        received.clear();
        expectedEvents = 0;
    }

    /** Informational cases: whatever our side echoes before its Close is accepted. */
    void anyEventsBeforeClose() {
        anyEvents = true;
    }

    private void assertEvents(List<Event> expected) {
        assertThat(received).as("events").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(received.get(i).sameAs(expected.get(i))).as("event %d: got %s, expected %s", i, received.get(i),
                    expected.get(i)).isTrue();
        }
    }

    /**
     * The fuzzer closes (1000) and expects a clean closing handshake: our Close echoes 1000 (or is empty),
     * then TCP closes (our server closes it; against our client the fuzzer, as the server, closes it).
     */
    void closeNormally() throws Exception {
        close(1000, new byte[0]);
        expectCloseReply(1000);
    }

    /** After the fuzzer's Close: our Close must come with one of {@code codes} (or empty), then the end. */
    void expectCloseReply(int... codes) throws Exception {
        awaitEvents(Integer.MAX_VALUE);
        assertThat(closeFrame).as("our side answered the Close").isNotNull();
        if (!anyEvents) {
            assertThat(received).as("events after the last expected one").hasSize(expectedEvents);
        }
        assertCode(codes);
        finish();
    }

    /**
     * Our side must fail the connection: a Close with one of {@code codes}, with at most the events of
     * {@code ok} (or exactly those of {@code nonStrict}) before it.
     */
    void expectFailure(List<Event> ok, List<Event> nonStrict, int... codes) throws Exception {
        awaitEvents(Integer.MAX_VALUE);
        assertThat(closeFrame).as("our side failed the connection with a Close frame (events: %s)", received).isNotNull();
        if (!(matches(ok) || (nonStrict != null && matches(nonStrict)))) {
            assertEvents(ok);
        }
        assertCode(codes);
        // Like Autobahn's killAfter: the fuzzer then drops the connection.
        peer.close();
    }

    private boolean matches(List<Event> expected) {
        if (received.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!received.get(i).sameAs(expected.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void assertCode(int... codes) {
        int code = closeFrame.closeCode();
        if (code != 1005) {
            assertThat(codes).as("close code %d", code).contains(code);
        }
    }

    /** The closing handshake is done: the server side closes TCP. */
    private void finish() throws IOException {
        if (fuzzerIsServer) {
            peer.close(); // RFC 6455 §7.1.1: the server closes first; our client must see it and end
        } else {
            peer.drainToEnd(); // our server closes TCP after the handshake
            peer.close();
        }
    }
}
