package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.http.internal.hpack.HeaderListSizeError;
import sifr.http.internal.hpack.HpackDecoder;
import sifr.http.internal.hpack.HpackEncoder;
import sifr.http.internal.hpack.HpackError;
import sifr.net.ByteStream;

/**
 * The scripted HTTP/2 peer of the engine's tests (the one peer: the connection tests, the RFC 9113
 * MUST suites, hardening and slow-peer tests all use it): it writes frames (built with
 * {@link Http2Writer}, or bytes as they are, for malformed ones) to one end of a connection and
 * decodes what the other end sends with {@link Http2Reader} into typed {@link Frame}s the test awaits
 * with bounded waits ({@link #WAIT}): {@link #expect}, {@link #expectGoAway}, {@link #expectRstStream},
 * {@link #expectClosed}, and {@link #framesUntilAlive} for "what did the connection do in answer to
 * what I sent" without a clock. It plays the client against a server connection ({@link #client}) or
 * the server against a client connection ({@link #server}).
 *
 * <p>Two threads: a reader that decodes and queues every frame (and answers SETTINGS and PING unless
 * told not to), and a writer that sends what the test queued, in order. So neither side can block
 * the other on full pipes, and a flood keeps going until the connection under test closes it.
 */
final class FramePeer implements AutoCloseable {
    /** How long an expectation waits before it fails; generous for a loaded 2-core CI machine. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** A frame the connection under test sent, or what ended the peer's reading. */
    sealed interface Frame permits Data, Headers, PushPromise, Priority, RstStream, Settings, SettingsAck, Ping,
            GoAway, WindowUpdate, Unknown, StreamError, ReadError, Closed {
    }

    record Data(int streamId, boolean endStream, byte[] data) implements Frame {
        /** The payload as ISO-8859-1 text (one char per octet), for readable assertions. */
        String text() {
            return new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return "DATA " + streamId + (endStream ? " END_STREAM" : "") + " " + data.length + " octets";
        }
    }

    record Field(String name, String value) {
        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    record Headers(int streamId, boolean endStream, List<Field> fields) implements Frame {
        Optional<String> get(String name) {
            for (Field f : fields) {
                if (f.name().equals(name)) {
                    return Optional.of(f.value());
                }
            }
            return Optional.empty();
        }

        /** The :status pseudo-header as a number, -1 without one. */
        int status() {
            return get(":status").map(Integer::parseInt).orElse(-1);
        }

        @Override
        public String toString() {
            return "HEADERS " + streamId + (endStream ? " END_STREAM" : "") + " " + fields;
        }
    }

    record PushPromise(int streamId, int promisedStreamId, List<Field> fields) implements Frame {
    }

    record Priority(int streamId, int dependency) implements Frame {
    }

    record RstStream(int streamId, long code) implements Frame {
        @Override
        public String toString() {
            return "RST_STREAM " + streamId + " " + Http2ErrorCode.describe(code);
        }
    }

    record Settings(Http2Settings settings) implements Frame {
        @Override
        public String toString() {
            return "SETTINGS " + settings;
        }
    }

    record SettingsAck() implements Frame {
        @Override
        public String toString() {
            return "SETTINGS ACK";
        }
    }

    record Ping(boolean ack, long payload) implements Frame {
        @Override
        public String toString() {
            return "PING" + (ack ? " ACK " : " ") + Long.toHexString(payload);
        }
    }

    record GoAway(int lastStreamId, long code, String debug) implements Frame {
        @Override
        public String toString() {
            return "GOAWAY last=" + lastStreamId + " " + Http2ErrorCode.describe(code) + " '" + debug + "'";
        }
    }

    record WindowUpdate(int streamId, int increment) implements Frame {
        @Override
        public String toString() {
            return "WINDOW_UPDATE " + streamId + " +" + increment;
        }
    }

    record Unknown(int type, int streamId) implements Frame {
    }

    /** The connection under test broke a stream-level frame rule (the peer's reader saw it). */
    record StreamError(Http2Error error) implements Frame {
    }

    /** The connection under test sent bytes that break a connection-level rule: a bug under test. */
    record ReadError(Exception error) implements Frame {
    }

    /** The connection under test closed (end of stream or reset). */
    record Closed(String how) implements Frame {
    }

    private final ByteStream stream;
    private final boolean actsAsClient;
    private final Http2Writer writer = new Http2Writer();
    private final HpackEncoder encoder = new HpackEncoder();
    private final HpackDecoder decoder = new HpackDecoder(1 << 20, 1 << 20);
    private final ReentrantLock encodeLock = new ReentrantLock();
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> toSend = new LinkedBlockingQueue<>();
    private final List<Frame> seen = new ArrayList<>(); // every frame the test looked at, for messages
    private final Thread readerThread;
    private final Thread writerThread;
    private volatile boolean autoAck = true;
    private volatile boolean readingPaused;
    private volatile boolean closed;
    private volatile String writeFailure;
    // Answers (SETTINGS ACK, PING ACK) must not go out before this side's preface (§3.4): held until then.
    private final ReentrantLock prefaceLock = new ReentrantLock();
    private boolean prefaceSent;
    private final List<byte[]> heldAnswers = new ArrayList<>();
    private long nextPing = 0x5349_4652_0000_0000L; // "SIFR" + counter

    private FramePeer(ByteStream stream, boolean actsAsClient) {
        this.stream = stream;
        this.actsAsClient = actsAsClient;
        this.readerThread = Thread.ofVirtual().name("frame-peer-reader").start(this::readLoop);
        this.writerThread = Thread.ofVirtual().name("frame-peer-writer").start(this::writeLoop);
    }

    /** A peer that plays an HTTP/2 client on {@code stream} (whose other end a server connection serves). */
    static FramePeer client(ByteStream stream) {
        return new FramePeer(stream, true);
    }

    /** A peer that plays an HTTP/2 server on {@code stream} (whose other end a client connection uses). */
    static FramePeer server(ByteStream stream) {
        return new FramePeer(stream, false);
    }

    /** Stops (or resumes) reading: the connection under test then finds its output blocked, as with a peer that stopped reading TCP. */
    FramePeer pauseReading(boolean paused) {
        this.readingPaused = paused;
        return this;
    }

    /** With {@code false} the peer does not answer SETTINGS and PING by itself (tests of those rules). */
    FramePeer autoAck(boolean on) {
        this.autoAck = on;
        return this;
    }

    // ---------------------------------------------------------------- sending

    /** Queues raw bytes, exactly as given: for frames the writer refuses to build. */
    FramePeer sendRaw(byte[] bytes) {
        toSend.add(bytes.clone());
        return this;
    }

    /** Queues one frame from its header fields and payload, unchecked. */
    FramePeer sendFrame(int type, int flags, int streamId, byte[] payload) {
        byte[] b = new byte[Http2Frames.HEADER_LENGTH + payload.length];
        b[0] = (byte) (payload.length >>> 16);
        b[1] = (byte) (payload.length >>> 8);
        b[2] = (byte) payload.length;
        b[3] = (byte) type;
        b[4] = (byte) flags;
        b[5] = (byte) (streamId >>> 24);
        b[6] = (byte) (streamId >>> 16);
        b[7] = (byte) (streamId >>> 8);
        b[8] = (byte) streamId;
        System.arraycopy(payload, 0, b, Http2Frames.HEADER_LENGTH, payload.length);
        toSend.add(b);
        return this;
    }

    private FramePeer send(java.util.function.Consumer<GrowableBytes> build) {
        GrowableBytes out = new GrowableBytes(64);
        build.accept(out);
        toSend.add(out.toByteArray());
        return this;
    }

    /** The client preface (as client) and a SETTINGS frame with {@code settings}. */
    FramePeer sendPreface(Http2Settings settings) {
        prefaceLock.lock();
        try {
            send(out -> {
                if (actsAsClient) {
                    Http2Writer.preface(out);
                }
                Http2Writer.settings(out, settings);
            });
            prefaceSent = true;
            toSend.addAll(heldAnswers);
            heldAnswers.clear();
        } finally {
            prefaceLock.unlock();
        }
        return this;
    }

    /** An automatic answer: sent now, or right after this side's preface. */
    private void answer(java.util.function.Consumer<GrowableBytes> build) {
        GrowableBytes out = new GrowableBytes(32);
        build.accept(out);
        prefaceLock.lock();
        try {
            (prefaceSent ? toSend : heldAnswers).add(out.toByteArray());
        } finally {
            prefaceLock.unlock();
        }
    }

    FramePeer sendPreface() {
        return sendPreface(Http2Settings.EMPTY);
    }

    FramePeer sendSettings(Http2Settings settings) {
        return send(out -> Http2Writer.settings(out, settings));
    }

    FramePeer sendSettingsAck() {
        return send(Http2Writer::settingsAck);
    }

    /** HPACK-encodes {@code nameValues} (name, value, name, value, ...) into one field block. */
    byte[] encode(String... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        GrowableBytes block = new GrowableBytes(128);
        encodeLock.lock();
        try {
            encoder.startBlock(block);
            for (int i = 0; i < nameValues.length; i += 2) {
                encoder.field(nameValues[i], nameValues[i + 1], false, block);
            }
        } finally {
            encodeLock.unlock();
        }
        return block.toByteArray();
    }

    /**
     * HEADERS (plus CONTINUATION if large) with the fields given as name, value pairs. Encoding and
     * queueing happen under one lock so the HPACK context follows the wire order.
     */
    FramePeer sendHeaders(int streamId, boolean endStream, String... nameValues) {
        encodeLock.lock();
        try {
            byte[] block = encode(nameValues);
            return sendHeaderBlock(streamId, endStream, block);
        } finally {
            encodeLock.unlock();
        }
    }

    /** HEADERS with an already encoded field block. */
    FramePeer sendHeaderBlock(int streamId, boolean endStream, byte[] block) {
        return send(out -> writer.headers(out, streamId, endStream, block, 0, block.length));
    }

    /** A GET request for {@code path} on a client-opened stream (the four pseudo-headers of §8.3.1). */
    FramePeer sendRequest(int streamId, boolean endStream, String method, String path, String... more) {
        String[] fields = new String[8 + more.length];
        fields[0] = ":method";
        fields[1] = method;
        fields[2] = ":scheme";
        fields[3] = "http";
        fields[4] = ":path";
        fields[5] = path;
        fields[6] = ":authority";
        fields[7] = "example.test";
        System.arraycopy(more, 0, fields, 8, more.length);
        return sendHeaders(streamId, endStream, fields);
    }

    FramePeer sendGet(int streamId) {
        return sendRequest(streamId, true, "GET", "/");
    }

    FramePeer sendPushPromise(int streamId, int promisedStreamId, String... nameValues) {
        encodeLock.lock();
        try {
            byte[] block = encode(nameValues);
            return send(out -> writer.pushPromise(out, streamId, promisedStreamId, block, 0, block.length));
        } finally {
            encodeLock.unlock();
        }
    }

    FramePeer sendData(int streamId, boolean endStream, byte[] data) {
        return send(out -> writer.data(out, streamId, endStream, data, 0, data.length));
    }

    FramePeer sendRst(int streamId, Http2ErrorCode code) {
        return send(out -> Http2Writer.rstStream(out, streamId, code));
    }

    FramePeer sendPing(long payload) {
        return send(out -> Http2Writer.ping(out, false, payload));
    }

    FramePeer sendPriority(int streamId, int dependency) {
        return sendPriority(streamId, dependency, false, 16);
    }

    FramePeer sendPriority(int streamId, int dependency, boolean exclusive, int weight) {
        return send(out -> Http2Writer.priority(out, streamId, dependency, exclusive, weight));
    }

    FramePeer sendWindowUpdate(int streamId, int increment) {
        return send(out -> Http2Writer.windowUpdate(out, streamId, increment));
    }

    FramePeer sendGoAway(int lastStreamId, Http2ErrorCode code) {
        return send(out -> writer.goAway(out, lastStreamId, code, new byte[0]));
    }

    /** Preface and SETTINGS both ways, with acknowledgements: the connection is ready for streams. */
    Settings handshake() {
        return handshake(Http2Settings.EMPTY);
    }

    Settings handshake(Http2Settings settings) {
        sendPreface(settings);
        Settings theirs = expect(Settings.class, f -> true);
        if (!autoAck) {
            sendSettingsAck();
        }
        expect(SettingsAck.class, f -> true);
        return theirs;
    }

    /** A PING round trip: proves the connection is alive and has processed everything sent before. */
    FramePeer expectAlive() {
        long payload = nextPing++;
        sendPing(payload);
        expect(Ping.class, p -> p.ack() && p.payload() == payload);
        return this;
    }

    /**
     * Sends a PING and returns every frame that arrives before its ACK: what the connection's reader
     * did in answer to the frames sent before (it handles frames in order), without waiting on a clock.
     */
    List<Frame> framesUntilAlive() {
        long payload = nextPing++;
        sendPing(payload);
        List<Frame> before = new ArrayList<>();
        while (true) {
            Frame f = next();
            if (f instanceof Ping ping && ping.ack() && ping.payload() == payload) {
                return before;
            }
            if (f instanceof Closed || f instanceof ReadError) {
                fail("connection ended before the PING ACK; seen: " + seen);
            }
            before.add(f);
        }
    }

    // ---------------------------------------------------------------- expecting

    /** The next frame the connection under test sent, waiting at most {@link #WAIT}. */
    Frame next() {
        try {
            Frame f = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                fail("no frame from the connection within " + WAIT + "; seen so far: " + seen);
            }
            seen.add(f);
            if (f instanceof Closed || f instanceof ReadError) {
                received.add(f); // the end stays visible to every later expectation
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a frame", e);
        }
    }

    /**
     * Skips frames until one of {@code type} matches; fails on a read error, on close, or after
     * {@link #WAIT}. Returns the match.
     */
    <T extends Frame> T expect(Class<T> type, Predicate<T> match) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Frame f = next();
            if (type.isInstance(f) && match.test(type.cast(f))) {
                return type.cast(f);
            }
            if (f instanceof ReadError r) {
                throw new AssertionError("the connection under test sent an invalid frame: " + r.error().getMessage()
                        + "; seen: " + seen, r.error());
            }
            if (f instanceof Closed) {
                fail("connection closed before the expected " + type.getSimpleName() + "; seen: " + seen);
            }
        }
        return fail("no matching " + type.getSimpleName() + " within " + WAIT + "; seen: " + seen);
    }

    GoAway expectGoAway(Http2ErrorCode code) {
        GoAway g = expect(GoAway.class, x -> true);
        if (g.code() != code.code()) {
            fail("expected GOAWAY " + code + " but got " + g + "; seen: " + seen);
        }
        return g;
    }

    /** GOAWAY with {@code code} and then the end of the connection. */
    GoAway expectGoAwayAndClose(Http2ErrorCode code) {
        GoAway g = expectGoAway(code);
        expectClosed();
        return g;
    }

    RstStream expectRstStream(int streamId, Http2ErrorCode code) {
        RstStream r = expect(RstStream.class, x -> x.streamId() == streamId);
        if (r.code() != code.code()) {
            fail("expected RST_STREAM " + streamId + " " + code + " but got " + r + "; seen: " + seen);
        }
        return r;
    }

    /** Either a RST_STREAM of {@code streamId} or a GOAWAY, with {@code code} (where §5.4 allows both). */
    Frame expectStreamOrConnectionError(int streamId, Http2ErrorCode code) {
        while (true) {
            Frame f = next();
            if (f instanceof RstStream r && r.streamId() == streamId || f instanceof GoAway) {
                long got = f instanceof RstStream r ? r.code() : ((GoAway) f).code();
                if (got != code.code()) {
                    fail("expected " + code + " but got " + f + "; seen: " + seen);
                }
                return f;
            }
            if (f instanceof Closed || f instanceof ReadError) {
                fail("expected an error " + code + " on stream " + streamId + "; seen: " + seen);
            }
        }
    }

    Headers expectHeaders(int streamId) {
        return expect(Headers.class, h -> h.streamId() == streamId);
    }

    /** DATA of {@code streamId} until END_STREAM, concatenated. */
    byte[] expectBody(int streamId) {
        GrowableBytes body = new GrowableBytes(256);
        while (true) {
            Data d = expect(Data.class, x -> x.streamId() == streamId);
            body.write(d.data(), 0, d.data().length);
            if (d.endStream()) {
                return body.toByteArray();
            }
        }
    }

    /** Waits until the connection under test has closed its end (frames before that are skipped). */
    void expectClosed() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Frame f = next();
            if (f instanceof Closed) {
                return;
            }
            if (f instanceof ReadError r) {
                throw new AssertionError("the connection under test sent an invalid frame: " + r.error().getMessage()
                        + "; seen: " + seen, r.error());
            }
        }
        fail("connection still open after " + WAIT + "; seen: " + seen);
    }

    /**
     * Whether a frame matching {@code match} has arrived: takes every frame received so far (without
     * waiting) into {@link #seen()} and looks through all of them. For tests that advance a clock
     * until the connection under test reacts.
     */
    boolean saw(Predicate<? super Frame> match) {
        Frame f;
        while ((f = received.peek()) != null && !(f instanceof Closed || f instanceof ReadError)) {
            seen.add(received.poll());
        }
        if (f != null && !seen.contains(f)) {
            seen.add(f); // the end stays queued for later expectations
        }
        return seen.stream().anyMatch(match);
    }

    /** Every frame expectations have looked at so far. */
    List<Frame> seen() {
        return List.copyOf(seen);
    }

    /** Why writing failed (the connection under test closed), if it did. */
    Optional<String> writeFailure() {
        return Optional.ofNullable(writeFailure);
    }

    // ---------------------------------------------------------------- threads

    private void writeLoop() {
        try {
            while (!closed) {
                byte[] b = toSend.poll(100, TimeUnit.MILLISECONDS);
                if (b == null) {
                    continue;
                }
                if (writeFailure == null) {
                    stream.writeAll(ByteBuffer.wrap(b));
                }
            }
        } catch (IOException e) {
            writeFailure = e.getMessage(); // the connection under test closed: drop the rest
            toSend.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        Http2Reader reader = new Http2Reader(actsAsClient ? Http2Reader.Role.CLIENT : Http2Reader.Role.SERVER,
                new Http2Reader.Limits(Http2Frames.DEFAULT_MAX_FRAME_SIZE, 1 << 22, 1 << 16));
        Decoded handler = new Decoded();
        ByteBuffer buf = ByteBuffer.allocate(Http2Frames.HEADER_LENGTH + Http2Frames.DEFAULT_MAX_FRAME_SIZE + 4096);
        try {
            while (!closed) {
                while (readingPaused && !closed) {
                    Thread.sleep(5);
                }
                int n = stream.read(buf);
                if (n < 0) {
                    received.add(new Closed("end of stream"));
                    return;
                }
                buf.flip();
                int used = reader.read(buf.array(), buf.position(), buf.remaining(), handler);
                buf.position(buf.position() + used);
                buf.compact();
            }
        } catch (Http2Error e) {
            received.add(new ReadError(e));
        } catch (IOException e) {
            received.add(new Closed(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            received.add(new ReadError(e));
        }
    }

    private List<Field> decode(byte[] block, int off, int len) throws Http2Error {
        List<Field> fields = new ArrayList<>();
        try {
            decoder.decode(block, off, len, (n, v, s) -> fields.add(new Field(n, v)));
        } catch (HpackError | HeaderListSizeError e) {
            throw Http2Error.connection(Http2ErrorCode.COMPRESSION_ERROR, "peer's HPACK: " + e.getMessage());
        }
        return fields;
    }

    /** Queues every frame; answers SETTINGS and PING when {@link #autoAck} is on. */
    private final class Decoded implements Http2FrameHandler {
        @Override
        public void data(int streamId, boolean endStream, byte[] buf, int off, int len, int flowControlled) {
            byte[] copy = new byte[len];
            System.arraycopy(buf, off, copy, 0, len);
            received.add(new Data(streamId, endStream, copy));
        }

        @Override
        public void headers(int streamId, boolean endStream, byte[] block, int off, int len) throws Http2Error {
            received.add(new Headers(streamId, endStream, decode(block, off, len)));
        }

        @Override
        public void priority(int streamId, int dependency, boolean exclusive, int weight) {
            received.add(new Priority(streamId, dependency));
        }

        @Override
        public void rstStream(int streamId, long errorCode) {
            received.add(new RstStream(streamId, errorCode));
        }

        @Override
        public void settings(Http2Settings settings) {
            settings.get(Http2Settings.HEADER_TABLE_SIZE).ifPresent(size -> {
                encodeLock.lock();
                try {
                    encoder.setPeerTableSizeLimit((int) Math.min(size, Integer.MAX_VALUE));
                } finally {
                    encodeLock.unlock();
                }
            });
            received.add(new Settings(settings));
            if (autoAck) {
                answer(Http2Writer::settingsAck);
            }
        }

        @Override
        public void settingsAck() {
            received.add(new SettingsAck());
        }

        @Override
        public void pushPromise(int streamId, int promisedStreamId, byte[] block, int off, int len)
                throws Http2Error {
            received.add(new PushPromise(streamId, promisedStreamId, decode(block, off, len)));
        }

        @Override
        public void ping(boolean ack, long payload) {
            received.add(new Ping(ack, payload));
            if (!ack && autoAck) {
                answer(out -> Http2Writer.ping(out, true, payload));
            }
        }

        @Override
        public void goAway(int lastStreamId, long errorCode, byte[] debug, int off, int len) {
            received.add(new GoAway(lastStreamId, errorCode, RecordingHandler.text(debug, off, len)));
        }

        @Override
        public void windowUpdate(int streamId, int increment) {
            received.add(new WindowUpdate(streamId, increment));
        }

        @Override
        public void streamError(Http2Error error) {
            received.add(new StreamError(error));
        }

        @Override
        public void unknownFrame(int type, int flags, int streamId, byte[] payload, int off, int len) {
            received.add(new Unknown(type, streamId));
        }
    }

    /** Stops both threads and closes this end. */
    @Override
    public void close() {
        closed = true;
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing a closed in-memory stream is not interesting here
        }
        readerThread.interrupt();
        writerThread.interrupt();
        try {
            readerThread.join(WAIT.toMillis());
            writerThread.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
