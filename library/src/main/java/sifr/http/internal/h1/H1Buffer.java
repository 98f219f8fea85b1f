package sifr.http.internal.h1;

import java.util.Arrays;

/** A growable byte array that encoders append to; reused between messages via {@link #clear()}. */
public final class H1Buffer {
    private byte[] buf;
    private int size;
    private java.nio.ByteBuffer view; // wraps buf for writes; re-made when buf grows

    public H1Buffer(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public H1Buffer() {
        this(512);
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public H1Buffer put(byte b) {
        ensure(1);
        buf[size++] = b;
        return this;
    }

    public H1Buffer put(byte[] bytes) {
        return put(bytes, 0, bytes.length);
    }

    public H1Buffer put(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, size, len);
        size += len;
        return this;
    }

    public H1Buffer put(sifr.http.HeaderName name) {
        ensure(name.length());
        name.copyTo(buf, size);
        size += name.length();
        return this;
    }

    public H1Buffer put(sifr.http.HeaderValue value) {
        ensure(value.length());
        value.copyTo(buf, size);
        size += value.length();
        return this;
    }

    /** Appends the low byte of each character (for ASCII text such as targets and methods). */
    public H1Buffer putAscii(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, buf, size); // deprecated but exactly "low byte of each char", without allocating
        size += n;
        return this;
    }

    /** Appends a non-negative number in decimal. */
    public H1Buffer putDecimal(long v) {
        if (v == 0) {
            return put((byte) '0');
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += digits;
        return this;
    }

    /** Appends a non-negative number in lowercase hex. */
    public H1Buffer putHex(long v) {
        if (v == 0) {
            return put((byte) '0');
        }
        int digits = (64 - Long.numberOfLeadingZeros(v) + 3) / 4;
        ensure(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            buf[i] = (byte) "0123456789abcdef".charAt((int) (v & 15));
            v >>>= 4;
        }
        size += digits;
        return this;
    }

    /**
     * Makes room for {@code n} more bytes and returns the internal array, for a caller that fills it
     * from {@link #size()} itself and then calls {@link #advance}.
     */
    public byte[] room(int n) {
        ensure(n);
        return buf;
    }

    /** Counts {@code n} bytes that the caller put at {@link #size()} of the {@link #room} array. */
    public void advance(int n) {
        if (n < 0 || n > buf.length - size) {
            throw new IndexOutOfBoundsException("advance " + n + " past capacity");
        }
        size += n;
    }

    /** The internal array (valid up to {@link #size()}); not a copy. */
    public byte[] array() {
        return buf;
    }

    public int size() {
        return size;
    }

    /** The content as a buffer over the internal array (position 0, limit {@link #size()}); reused, not a copy. */
    public java.nio.ByteBuffer asByteBuffer() {
        if (view == null || view.array() != buf) {
            view = java.nio.ByteBuffer.wrap(buf);
        }
        view.limit(size).position(0);
        return view;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public void clear() {
        size = 0;
    }

    /** The bytes held, used or not. */
    public int capacity() {
        return buf.length;
    }

    /**
     * Lets an array larger than {@code capacity} go while the buffer is empty (the next put allocates
     * that much): for a buffer kept across idle periods, so that one large body does not pin its size.
     */
    public void shrinkTo(int capacity) {
        if (size == 0 && buf.length > capacity) {
            buf = new byte[capacity];
            view = null;
        }
    }

    /** Empties the buffer and lets its array go (a later put allocates afresh): for a buffer done with for long. */
    public void release() {
        buf = EMPTY;
        size = 0;
        view = null;
    }

    private static final byte[] EMPTY = new byte[0];
}
