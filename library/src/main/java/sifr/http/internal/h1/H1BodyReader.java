package sifr.http.internal.h1;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import sifr.http.BodyError;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.internal.ReadOnce;

/**
 * A message body streamed from an HTTP/1.1 connection: Content-Length, chunked or until close.
 * Reads at most {@code maxBytes} ({@code <what> body exceeds limit of N bytes} beyond). When the body
 * ends, or is closed early and drained, the connection is told through {@code onEnd} whether the
 * body was read to its end (only then may the connection carry another message).
 *
 * <p>A server's reader waits for body bytes under the body-read timeout ({@code timer}; one deadline
 * per blocking read, so it bounds inactivity, not the whole body), and remembers when the peer broke
 * the body off ({@link #peerFailed()}: the connection ended early, a read failed or timed out), so the
 * server can tell a client's fault from a handler's.
 */
final class H1BodyReader implements BodyStream {
    private static final byte[] END = new byte[0];
    private static final int MAX_CHUNK = 64 * 1024;
    /** Closing a body early drains at most this much to keep the connection; beyond it, the connection closes. */
    private static final long MAX_DRAIN = 256 * 1024;

    interface EndListener {
        void bodyEnded(boolean complete);
    }

    private final H1Input in;
    private final H1Framing framing;
    private final ChunkedDecoder chunked;
    private final long maxBytes;
    private final String what;
    private final EndListener onEnd;
    private final H1ServerConfig.Timer timer;
    private final Duration readTimeout;
    private long remaining;
    private long total;
    private boolean done;
    private boolean peerFailed;
    private final ReadOnce once = new ReadOnce();

    H1BodyReader(H1Input in, H1Framing framing, H1Limits limits, long maxBytes, String what, EndListener onEnd) {
        this(in, framing, limits, maxBytes, what, onEnd, H1ServerConfig.Timer.NONE, Duration.ZERO);
    }

    /** A body whose blocking reads each wait at most {@code readTimeout} ({@code timer} enforces it). */
    H1BodyReader(H1Input in, H1Framing framing, H1Limits limits, long maxBytes, String what, EndListener onEnd,
            H1ServerConfig.Timer timer, Duration readTimeout) {
        this.timer = timer;
        this.readTimeout = readTimeout;
        this.in = in;
        this.framing = framing;
        this.maxBytes = maxBytes;
        this.what = what;
        this.onEnd = onEnd;
        this.remaining = framing.length();
        this.chunked = framing.kind() == H1Framing.Kind.CHUNKED ? new ChunkedDecoder(limits) : null;
        if (framing.kind() == H1Framing.Kind.NONE) {
            finish(true);
        }
    }

    @Override
    public OptionalLong length() {
        return framing.kind() == H1Framing.Kind.FIXED ? OptionalLong.of(framing.length())
                : framing.kind() == H1Framing.Kind.NONE ? OptionalLong.of(0) : OptionalLong.empty();
    }

    @Override
    public HeaderMap trailers() {
        return chunked == null ? HeaderMap.empty() : chunked.trailers();
    }

    private void finish(boolean complete) {
        if (!done) {
            done = true;
            onEnd.bodyEnded(complete);
        }
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
            return END;
        }
        if (framing.kind() == H1Framing.Kind.FIXED && framing.length() > maxBytes) {
            // Content-Length already says it: fail before handing out any of it
            finish(false);
            throw BodyError.limitExceeded(what + " body exceeds limit of " + maxBytes + " bytes (Content-Length: "
                    + framing.length() + ")");
        }
        byte[] chunk;
        try {
            chunk = switch (framing.kind()) {
                case FIXED -> readFixed();
                case CHUNKED -> readChunked();
                case UNTIL_CLOSE -> readUntilClose();
                case NONE -> END;
            };
        } catch (H1ParseError e) {
            throw new BodyError(e.getMessage(), e); // a malformed chunk or trailer: the codec's type stays inside
        }
        if (chunk.length > 0) {
            total += chunk.length;
            if (total > maxBytes) {
                finish(false);
                throw BodyError.limitExceeded(what + " body exceeds limit of " + maxBytes + " bytes");
            }
        }
        return chunk;
    }

    /** Whether the peer broke the body off: it ended the connection early, or a read failed or timed out. */
    boolean peerFailed() {
        return peerFailed;
    }

    /** {@link H1Input#readBody}, waiting under the read timeout when nothing is buffered. */
    private byte[] readBody(int max) throws IOException {
        if (in.available() > 0) {
            return in.readBody(max);
        }
        try {
            return timer == H1ServerConfig.Timer.NONE ? in.readBody(max) : timer.within(readTimeout, () -> in.readBody(max));
        } catch (IOException e) {
            peerFailed = true;
            throw e;
        }
    }

    /** {@link H1Input#fill}, under the read timeout. */
    private boolean fill() throws IOException {
        try {
            return timer == H1ServerConfig.Timer.NONE ? in.fill() : timer.within(readTimeout, in::fill);
        } catch (H1ParseError e) {
            throw e;
        } catch (IOException e) {
            peerFailed = true;
            throw e;
        }
    }

    private byte[] readFixed() throws IOException {
        byte[] out = readBody((int) Math.min(remaining, MAX_CHUNK));
        if (out.length == 0) {
            peerFailed = true;
            finish(false);
            throw new BodyError("connection closed after " + (framing.length() - remaining) + " of "
                    + framing.length() + " body bytes");
        }
        remaining -= out.length;
        if (remaining == 0) {
            finish(true);
        }
        return out;
    }

    private byte[] readChunked() throws IOException {
        while (true) {
            int used = chunked.decode(in.buf, in.start, in.available());
            if (chunked.dataLength() > 0) {
                byte[] out = Arrays.copyOfRange(in.buf, chunked.dataOffset(), chunked.dataOffset() + chunked.dataLength());
                in.consume(used);
                return out;
            }
            in.consume(used);
            if (chunked.isDone()) {
                finish(true);
                return END;
            }
            if (!fill()) {
                peerFailed = true;
                finish(false);
                throw new BodyError("connection closed inside a chunked body");
            }
        }
    }

    private byte[] readUntilClose() throws IOException {
        byte[] out = readBody(MAX_CHUNK);
        if (out.length == 0) {
            finish(true);
            return END;
        }
        return out;
    }

    /**
     * Drains a small unread rest so the connection can carry on; a large or unbounded rest ends the
     * connection instead (reading it would cost more than a new connection).
     */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        long budget = MAX_DRAIN;
        boolean bounded = framing.kind() == H1Framing.Kind.FIXED ? remaining <= MAX_DRAIN
                : framing.kind() == H1Framing.Kind.CHUNKED;
        if (!bounded) {
            finish(false);
            return;
        }
        try {
            while (!done && budget > 0) {
                byte[] chunk = next(); // draining is ours, allowed after the consumer collected part
                budget -= chunk.length;
            }
        } catch (IOException e) {
            finish(false);
            return;
        }
        finish(done && budget >= 0);
    }

    boolean isDone() {
        return done;
    }
}
