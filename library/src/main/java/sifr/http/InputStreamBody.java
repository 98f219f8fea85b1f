package sifr.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.OptionalLong;
import sifr.http.internal.ReadOnce;

/**
 * A body read from an {@link InputStream}. Chunks start at 16 KiB and double after every chunk the
 * stream filled completely, up to 64 KiB: a small body costs one small array, while a large one
 * (a file download) moves in 64 KiB chunks, which the HTTP/1.1 writer hands to the transport directly
 * instead of copying them through its output buffer, one write per chunk instead of one per 32 KiB of
 * 16 KiB chunks (the 1 GiB download row of bench/run). Single consumer.
 */
final class InputStreamBody implements BodyStream {
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

    private byte[] next() throws IOException {
        if (done) {
            return new byte[0];
        }
        int want = length < 0 ? chunk : (int) Math.min(chunk, length - read);
        if (want == 0) {
            done = true;
            return new byte[0];
        }
        byte[] buf = new byte[want];
        int n = in.read(buf, 0, want);
        while (n == 0) {
            n = in.read(buf, 0, want);
        }
        if (n < 0) {
            done = true;
            if (length >= 0 && read < length) {
                throw new BodyError("body ended after " + read + " of " + length + " bytes");
            }
            return new byte[0];
        }
        read += n;
        if (n == chunk && chunk < MAX_CHUNK) {
            chunk *= 2;
        }
        return n == want ? buf : Arrays.copyOf(buf, n);
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
