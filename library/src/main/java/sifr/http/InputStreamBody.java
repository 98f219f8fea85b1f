package sifr.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import sifr.http.internal.ArrayReadable;
import sifr.http.internal.ReadOnce;

/**
 * A body read from an {@link InputStream}. Chunks start at 16 KiB and double after every chunk the
 * stream filled completely, up to 64 KiB: a small body costs one small array, while a large one
 * (a file download) moves in 64 KiB chunks, which the HTTP/1.1 writer hands to the transport directly
 * instead of copying them through its output buffer, one write per chunk instead of one per 32 KiB of
 * 16 KiB chunks (the 1 GiB download row of bench/run). The transports do not take chunks at all
 * ({@link ArrayReadable}): the HTTP/1.1 writer reads the stream straight into its output buffer, HTTP/2
 * into one array per body. Single consumer.
 */
final class InputStreamBody implements BodyStream, ArrayReadable {
    static final int FIRST_CHUNK = 16 * 1024;
    static final int MAX_CHUNK = 64 * 1024;

    private final InputStream in;
    private final long length; // -1 when unknown
    private long read;
    private int chunk = FIRST_CHUNK;
    private boolean done;
    private final ReadOnce once = new ReadOnce();

    InputStreamBody(InputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    @Override
    public byte[] readChunk() throws IOException {
        once.checkRead();
        return once.chunk(next());
    }

    @Override
    public byte[] collectWithLimit(long limit) throws IOException {
        return once.collect(this, limit);
    }

    /**
     * Reads straight into the caller's array (the HTTP/1.1 writer's output buffer): no chunk array is
     * allocated, and the chunk size is the caller's. See {@link ArrayReadable}.
     */
    @Override
    public int readInto(byte[] dst, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (len == 0) {
            throw new IllegalArgumentException("read length must be positive");
        }
        once.checkRead();
        return once.count(readSome(dst, off, len));
    }

    private byte[] next() throws IOException {
        int want = length < 0 ? chunk : (int) Math.min(chunk, length - read);
        byte[] buf = done || want == 0 ? null : new byte[want];
        int n = readSome(buf, 0, want);
        if (n < 0) {
            return new byte[0];
        }
        if (n == chunk && chunk < MAX_CHUNK) {
            chunk *= 2;
        }
        return n == want ? buf : Arrays.copyOf(buf, n);
    }

    /**
     * One read of at most {@code max} bytes, never past the body's length: the count, or -1 at the end
     * (the length reached, or the stream ended), after which the stream is not read again.
     */
    private int readSome(byte[] buf, int off, int max) throws IOException {
        if (done) {
            return -1;
        }
        int want = length < 0 ? max : (int) Math.min(max, length - read);
        if (want == 0) {
            done = true;
            return -1;
        }
        int n = in.read(buf, off, want);
        while (n == 0) {
            n = in.read(buf, off, want);
        }
        if (n < 0) {
            done = true;
            if (length >= 0 && read < length) {
                throw new BodyError("body ended after " + read + " of " + length + " bytes");
            }
            return -1;
        }
        read += n;
        return n;
    }

    @Override
    public OptionalLong length() {
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    @Override
    public void close() throws IOException {
        done = true;
        in.close();
    }
}
