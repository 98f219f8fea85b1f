package sifr.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.OptionalLong;
import sifr.http.internal.ReadOnce;

/** A body read from an {@link InputStream}, up to 16 KiB per chunk. Single consumer. */
final class InputStreamBody implements BodyStream {
    private static final int CHUNK = 16 * 1024;

    private final InputStream in;
    private final long length; // -1 when unknown
    private long read;
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
        int want = length < 0 ? CHUNK : (int) Math.min(CHUNK, length - read);
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
