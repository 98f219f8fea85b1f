package sifr.websocket.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import sifr.net.ByteStream;
import sifr.task.Task;

/**
 * The socket writes of one connection and the write buffer they go through ({@link WsWriter} decides
 * who writes and when). Used by one thread at a time: whoever holds the writer's {@code busy}.
 *
 * <p>Memory: the buffer is allocated on the first write, as large as the frames need, at most
 * {@value #BATCH_BYTES} bytes, and dropped by {@link #release} when the connection has been quiet.
 */
final class WsOutput {
    /** The write buffer's largest size: a 64 KiB payload and the largest header go out in one write. */
    static final int BATCH_BYTES = 64 * 1024 + WsFrames.MAX_HEADER_LENGTH;
    private static final int MIN_BATCH_BYTES = 512;

    private final ByteStream stream;
    private byte[] batch; // the write buffer: lazily allocated

    WsOutput(ByteStream stream) {
        this.stream = stream;
    }

    /** Drops the write buffer (the next write allocates one again, as small as its frames allow). */
    void release() {
        batch = null;
    }

    /** A frame as one new array (for the queue): header, then the payload, masked when {@code masked}. */
    static byte[] encoded(byte[] header, int h, byte[] payload, int off, int len, boolean masked,
                                  int maskKey) {
        byte[] frame = new byte[h + len];
        if (h > 0) {
            System.arraycopy(header, 0, frame, 0, h);
        }
        if (masked) {
            WsFrames.maskCopy(payload, off, frame, h, len, maskKey, 0);
        } else {
            System.arraycopy(payload, off, frame, h, len);
        }
        return frame;
    }

    /**
     * Writes a frame through the write buffer, flushed, on the calling thread (which holds {@code busy}).
     * A frame that fits goes out in one write; a larger one in buffer-sized pieces (a masked payload must
     * be copied to be masked), an unmasked payload's remainder straight from the caller's array. Bounded
     * by the write timeout, which the caller enforces (it closes the stream under a write that takes longer).
     */
    void writeFrame(byte[] header, int h, byte[] payload, int off, int len, boolean masked, int maskKey)
            throws IOException {
        byte[] buf = batch(h + len);
        if (h > 0) {
            System.arraycopy(header, 0, buf, 0, h);
        }
        int filled = h;
        int done = 0;
        int keyPos = 0;
        while (done < len) {
            if (!masked && filled == 0 && len - done > buf.length) {
                stream.writeAll(ByteBuffer.wrap(payload, off + done, len - done)); // no copy of what does not fit
                done = len;
                break;
            }
            int n = Math.min(len - done, buf.length - filled);
            if (masked) {
                keyPos = WsFrames.maskCopy(payload, off + done, buf, filled, n, maskKey, keyPos);
            } else {
                System.arraycopy(payload, off + done, buf, filled, n);
            }
            filled += n;
            done += n;
            if (done < len) {
                stream.writeAll(ByteBuffer.wrap(buf, 0, filled));
                filled = 0;
            }
        }
        if (filled > 0) {
            stream.writeAll(ByteBuffer.wrap(buf, 0, filled));
        }
        stream.flush();
    }

    /**
     * The write buffer, at least {@code min} bytes up to {@link #BATCH_BYTES}: allocated on first use and
     * grown by powers of two, so a connection that sends only small frames keeps a small buffer and one
     * that never sends none. Used only by the thread holding {@code busy}.
     */
    private byte[] batch(int min) {
        int want = Math.min(Math.max(min, MIN_BATCH_BYTES), BATCH_BYTES);
        if (batch == null || batch.length < want) {
            batch = new byte[Math.min(Integer.highestOneBit(want - 1) << 1, BATCH_BYTES)];
        }
        return batch;
    }

    /**
     * Writes frames on the writer thread, small ones gathered into the write buffer so a burst costs one
     * write; then flushes. Bounded by the write timeout as a task deadline (nobody else watches this thread).
     */
    void writeFrames(List<byte[]> frames, Duration writeTimeout) throws Exception {
        long small = 0;
        for (byte[] f : frames) {
            small += f.length <= BATCH_BYTES / 2 ? f.length : 0;
        }
        byte[] batch = batch((int) Math.min(small, BATCH_BYTES));
        Task.timeout(writeTimeout, () -> {
            int filled = 0;
            for (byte[] f : frames) {
                if (f.length > BATCH_BYTES / 2) {
                    if (filled > 0) {
                        stream.writeAll(ByteBuffer.wrap(batch, 0, filled));
                        filled = 0;
                    }
                    stream.writeAll(ByteBuffer.wrap(f));
                    continue;
                }
                if (filled + f.length > BATCH_BYTES) {
                    stream.writeAll(ByteBuffer.wrap(batch, 0, filled));
                    filled = 0;
                }
                System.arraycopy(f, 0, batch, filled, f.length);
                filled += f.length;
            }
            if (filled > 0) {
                stream.writeAll(ByteBuffer.wrap(batch, 0, filled));
            }
            stream.flush();
            return null;
        });
    }

}
