package sifr.http.internal.hpack;

import java.util.Arrays;

/** An append-only byte buffer the encoders write into; reused across blocks via {@link #reset()}. */
public final class GrowableBytes {
    private byte[] buf;
    private int size;

    public GrowableBytes() {
        this(256);
    }

    public GrowableBytes(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public void writeByte(int b) {
        if (size == buf.length) {
            grow(1);
        }
        buf[size++] = (byte) b;
    }

    public void write(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    /** Makes room for {@code extra} more bytes. */
    public void ensure(int extra) {
        if (buf.length - size < extra) {
            grow(extra);
        }
    }

    private void grow(int extra) {
        long wanted = Math.max((long) size + extra, (long) buf.length * 2);
        if (wanted > Integer.MAX_VALUE - 16) {
            throw new OutOfMemoryError("buffer too large");
        }
        buf = Arrays.copyOf(buf, (int) wanted);
    }

    /** The backing array: valid bytes are {@code [0, size())}. Only for callers that write or copy out at once. */
    public byte[] array() {
        return buf;
    }

    /** Direct write access for callers that fill {@link #array()} themselves after {@link #ensure(int)}. */
    public void advance(int n) {
        size += n;
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
