package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.http.internal.hpack.HpackDecoder;
import sifr.http.internal.hpack.HpackEncoder;
import sifr.net.ByteStream;

/**
 * A minimal scripted peer for the engine's own tests: writes raw frames (built with {@link Http2Writer}
 * and an HPACK encoder, or byte by byte) and reads what the connection under test sends as one line
 * per frame, field blocks decoded ({@code HEADERS 1 END_STREAM [:status=200, ...]}). The broader
 * RFC 9113 §3-8 suite uses its own peer; this one only covers the engine's core behaviours.
 */
final class RawPeer implements AutoCloseable {
    private final ByteStream stream;
    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    final List<String> seen = new ArrayList<>();
    final HpackEncoder encoder = new HpackEncoder();
    final Http2Writer writer = new Http2Writer();
    private final Thread readerThread;

    /** {@code asClient}: this peer plays the client (sends the preface first). */
    RawPeer(ByteStream stream, boolean asClient) {
        this.stream = stream;
        Http2Reader reader = new Http2Reader(asClient ? Http2Reader.Role.CLIENT : Http2Reader.Role.SERVER,
                new Http2Reader.Limits(Http2Frames.MAX_MAX_FRAME_SIZE, 1 << 20, 1000));
        HpackDecoder decoder = new HpackDecoder(1 << 20, 1 << 20);
        RecordingHandler recording = new RecordingHandler();
        Http2FrameHandler handler = new Http2FrameHandler() {
            @Override
            public void headers(int streamId, boolean endStream, byte[] block, int off, int len) {
                List<String> fields = new ArrayList<>();
                try {
                    decoder.decode(block, off, len, (n, v, s) -> fields.add(n + "=" + v));
                } catch (Exception e) {
                    fields.add("HPACK ERROR " + e.getMessage());
                }
                recording.events.add("HEADERS " + streamId + (endStream ? " END_STREAM " : " ") + fields);
            }

            @Override
            public void data(int streamId, boolean endStream, byte[] buf, int off, int len, int fc) {
                recording.data(streamId, endStream, buf, off, len, fc);
            }

            @Override
            public void rstStream(int streamId, long errorCode) {
                recording.rstStream(streamId, errorCode);
            }

            @Override
            public void settings(Http2Settings settings) {
                recording.settings(settings);
            }

            @Override
            public void settingsAck() {
                recording.settingsAck();
            }

            @Override
            public void pushPromise(int streamId, int promised, byte[] block, int off, int len) {
                recording.pushPromise(streamId, promised, block, off, len);
            }

            @Override
            public void ping(boolean ack, long payload) {
                recording.ping(ack, payload);
            }

            @Override
            public void goAway(int last, long code, byte[] debug, int off, int len) {
                recording.goAway(last, code, debug, off, len);
            }

            @Override
            public void windowUpdate(int streamId, int increment) {
                recording.windowUpdate(streamId, increment);
            }

            @Override
            public void streamError(Http2Error error) {
                recording.streamError(error);
            }
        };
        readerThread = Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[1 << 20];
            int start = 0;
            int end = 0;
            try {
                while (true) {
                    int n = stream.read(ByteBuffer.wrap(buf, end, buf.length - end));
                    if (n < 0) {
                        events.add("EOF");
                        return;
                    }
                    end += n;
                    int before = recording.events.size();
                    start += reader.read(buf, start, end - start, handler);
                    for (int i = before; i < recording.events.size(); i++) {
                        events.add(recording.events.get(i));
                    }
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
            } catch (Http2Error e) {
                events.add("PEER READER ERROR " + e.code() + " " + e.getMessage());
            } catch (IOException e) {
                events.add("EOF");
            }
        });
    }

    /** The client preface and an empty SETTINGS (or these settings). */
    RawPeer clientPreface(Http2Settings settings) throws IOException {
        GrowableBytes out = new GrowableBytes();
        Http2Writer.preface(out);
        Http2Writer.settings(out, settings);
        return write(out);
    }

    RawPeer write(GrowableBytes out) throws IOException {
        stream.writeAll(ByteBuffer.wrap(out.toByteArray()));
        return this;
    }

    RawPeer write(byte[] bytes) throws IOException {
        stream.writeAll(ByteBuffer.wrap(bytes));
        return this;
    }

    /** A HEADERS frame with these name/value pairs, encoded with this peer's HPACK encoder. */
    RawPeer headers(int streamId, boolean endStream, String... namesAndValues) throws IOException {
        return write(headersFrame(streamId, endStream, namesAndValues));
    }

    GrowableBytes headersFrame(int streamId, boolean endStream, String... namesAndValues) {
        GrowableBytes out = new GrowableBytes();
        byte[] block = block(namesAndValues);
        writer.headers(out, streamId, endStream, block, 0, block.length);
        return out;
    }

    byte[] block(String... namesAndValues) {
        GrowableBytes b = new GrowableBytes();
        encoder.startBlock(b);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            encoder.field(namesAndValues[i], namesAndValues[i + 1], false, b);
        }
        return b.toByteArray();
    }

    RawPeer data(int streamId, boolean endStream, byte[] payload) throws IOException {
        GrowableBytes out = new GrowableBytes();
        writer.data(out, streamId, endStream, payload, 0, payload.length);
        return write(out);
    }

    RawPeer frame(java.util.function.Consumer<GrowableBytes> build) throws IOException {
        GrowableBytes out = new GrowableBytes();
        build.accept(out);
        return write(out);
    }

    /** A raw frame: header fields and payload as given (for frames the writer refuses to build). */
    RawPeer rawFrame(int type, int flags, int streamId, byte[] payload) throws IOException {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (streamId >>> 24);
        f[6] = (byte) (streamId >>> 16);
        f[7] = (byte) (streamId >>> 8);
        f[8] = (byte) streamId;
        System.arraycopy(payload, 0, f, 9, payload.length);
        return write(f);
    }

    /** Waits (up to 10 s) for the next event starting with {@code prefix}, skipping others (kept in {@link #seen}). */
    String expect(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(e).as("expected '" + prefix + "' after " + seen).isNotNull();
            seen.add(e);
            if (e.startsWith(prefix)) {
                return e;
            }
        }
    }

    private long barriers;

    /**
     * Sends a PING and returns every event before its ACK: what the connection's reader did in answer
     * to the frames sent before (it handles frames in order), without waiting on a clock.
     */
    List<String> barrier() throws IOException, InterruptedException {
        long payload = 0x5eed_0000L + ++barriers;
        frame(out -> Http2Writer.ping(out, false, payload));
        List<String> before = new ArrayList<>();
        String ack = "PING ACK " + Long.toHexString(payload);
        while (true) {
            String e = expect("");
            if (e.equals(ack)) {
                return before;
            }
            before.add(e);
        }
    }

    /** The events that arrive within {@code millis} (for asserting that something did NOT happen). */
    List<String> drain(long millis) throws InterruptedException {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        String e;
        while ((e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            got.add(e);
            seen.add(e);
        }
        return got;
    }

    @Override
    public void close() throws IOException {
        stream.close();
        readerThread.interrupt();
    }
}
