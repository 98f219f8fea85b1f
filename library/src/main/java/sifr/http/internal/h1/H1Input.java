package sifr.http.internal.h1;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import sifr.net.ByteStream;

/**
 * The read side of one HTTP/1.1 connection: a byte array holding what arrived and is not yet
 * consumed ({@code buf[start, end)}), refilled from the stream. Pipelined requests simply stay in
 * the buffer. Grows only up to {@code maxBuffered} (a head never needs more than the head limits).
 * One reader at a time.
 */
final class H1Input {
    private final ByteStream stream;
    private final int maxBuffered;
    byte[] buf;
    int start;
    int end;
    private boolean eof;
    private ByteBuffer view; // wraps buf for reads; re-made when buf is replaced (one per connection, not per read)

    H1Input(ByteStream stream, int initialSize, int maxBuffered) {
        this.stream = stream;
        this.buf = new byte[initialSize];
        this.maxBuffered = maxBuffered;
    }

    int available() {
        return end - start;
    }

    boolean isEof() {
        return eof;
    }

    void consume(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /**
     * Reads more bytes from the stream after {@code end}, making room first (moving unread bytes to
     * the front, growing if the unread part fills the array). Returns false at end of stream.
     */
    boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (end == buf.length) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            } else if (buf.length < maxBuffered) {
                buf = Arrays.copyOf(buf, Math.min(maxBuffered, buf.length * 2));
            } else {
                throw new H1ParseError(431, "header section is too large");
            }
        }
        if (view == null || view.array() != buf) {
            view = ByteBuffer.wrap(buf);
        }
        view.limit(buf.length).position(end);
        int n = stream.read(view);
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }

    /**
     * For bodies, once nothing is buffered: one read from the stream straight into {@code dst}, so large
     * bodies do not pass through the (small) head buffer. Returns -1 at end of stream.
     */
    int readDirect(ByteBuffer dst) throws IOException {
        return eof ? -1 : (int) notingEnd(stream.read(dst));
    }

    /**
     * For bodies that are dropped, once nothing is buffered: one {@link ByteStream#skip} of at most
     * {@code max} bytes (a TCP stream's reads them into memory outside the heap). -1 at end of stream.
     */
    long skip(long max) throws IOException {
        return eof ? -1 : notingEnd(stream.skip(max));
    }

    /** Returns {@code n}, the result of one read or skip of the stream, remembering an end of stream (-1). */
    private long notingEnd(long n) {
        if (n < 0) {
            eof = true;
        }
        return n;
    }

    /**
     * Lets the buffer go once the connection is no longer HTTP/1.1 (after a protocol switch); nothing is
     * read through this input afterwards.
     */
    void release() {
        buf = NONE;
        view = null;
        start = 0;
        end = 0;
    }

    private static final byte[] NONE = new byte[0];

    /** Copies out up to {@code max} available bytes and consumes them. */
    byte[] take(int max) {
        int n = Math.min(max, available());
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        consume(n);
        return out;
    }
}
