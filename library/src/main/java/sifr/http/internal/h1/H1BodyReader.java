package sifr.http.internal.h1;

import java.io.IOException;
import java.nio.ByteBuffer;
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
 *
 * <p>Bytes that are not already buffered are read straight from the stream into one scratch array,
 * allocated at the first such read (no larger than the rest of a fixed-length body) and dropped when
 * the body ends, so an idle connection holds none: each chunk handed out ({@value #MAX_CHUNK} bytes at
 * most) is then one exact-size copy, instead of a fresh zeroed 64 KiB array per read that was copied
 * again when the read came short. {@link #discard()} (and draining at {@link #close()}) hands nothing
 * out and reads with {@link sifr.net.ByteStream#skip}, up to {@value #DISCARD_READ} bytes at a time: no
 * scratch array at all, and on a TCP stream no copy into the heap (the kernel writes into a direct
 * buffer shared by the process; a 1 GiB discarded upload spent about 6 % of the server's CPU in the JDK's
 * copy from its temporary direct buffer into our array before).
 */
final class H1BodyReader implements BodyStream {
    private static final byte[] END = new byte[0];
    private static final int MAX_CHUNK = 64 * 1024;
    /** Largest read of {@link #discard()}: nothing is handed out, so a larger read only saves syscalls. */
    private static final int DISCARD_READ = 256 * 1024;
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
    private byte[] scratch; // stream reads of this body; null until the first one and after the end
    private ByteBuffer scratchView;
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
            scratch = null;
            scratchView = null;
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

    /**
     * Reads the rest and drops it without handing out arrays: buffered bytes are consumed in place,
     * the rest read into the body's scratch array. The body limit applies as to {@link #readChunk()}.
     */
    @Override
    public long discard() throws IOException {
        once.checkRead();
        long dropped = 0;
        while (!done) {
            dropped += skipNext();
        }
        once.chunk(END);
        return dropped;
    }

    /** Like {@link #next()}, dropping the bytes instead of returning them; returns how many. */
    private long skipNext() throws IOException {
        checkAnnouncedLimit();
        long n;
        try {
            n = switch (framing.kind()) {
                case FIXED -> skipFixed();
                case CHUNKED -> skipChunked();
                case UNTIL_CLOSE -> skipUntilClose();
                case NONE -> 0;
            };
        } catch (H1ParseError e) {
            throw new BodyError(e.getMessage(), e);
        }
        count(n);
        return n;
    }

    private byte[] next() throws IOException {
        if (done) {
            return END;
        }
        checkAnnouncedLimit();
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
        count(chunk.length);
        return chunk;
    }

    /** Content-Length already says it is too long: fail before handing out (or dropping) any of it. */
    private void checkAnnouncedLimit() throws BodyError {
        if (framing.kind() == H1Framing.Kind.FIXED && framing.length() > maxBytes) {
            finish(false);
            throw BodyError.limitExceeded(what + " body exceeds limit of " + maxBytes + " bytes (Content-Length: "
                    + framing.length() + ")");
        }
    }

    private void count(long n) throws BodyError {
        total += n;
        if (total > maxBytes) {
            finish(false);
            throw BodyError.limitExceeded(what + " body exceeds limit of " + maxBytes + " bytes");
        }
    }

    /** Whether the peer broke the body off: it ended the connection early, or a read failed or timed out. */
    boolean peerFailed() {
        return peerFailed;
    }

    /** Up to {@code max} body bytes as a new array: buffered ones first, else one read; empty at end of stream. */
    private byte[] readBody(int max) throws IOException {
        if (in.available() > 0) {
            return in.take(max);
        }
        int n = readIntoScratch(max);
        return n <= 0 ? END : Arrays.copyOf(scratch, n);
    }

    /** Drops up to {@code max} body bytes: buffered ones first, else one read; -1 at end of stream. */
    private long skipBody(long max) throws IOException {
        int buffered = (int) Math.min(max, in.available());
        if (buffered > 0) {
            in.consume(buffered);
            return buffered;
        }
        try {
            long limit = Math.min(max, DISCARD_READ);
            return timer == H1ServerConfig.Timer.NONE ? in.skip(limit)
                    : timer.within(readTimeout, () -> in.skip(limit));
        } catch (IOException e) {
            peerFailed = true;
            throw e;
        }
    }

    /**
     * One read of at most {@code max} bytes from the stream into {@link #scratch} (nothing is buffered),
     * waiting under the read timeout; -1 at end of stream. The array grows to {@code max} when smaller
     * (callers bound {@code max} by the rest of a fixed body and by {@value #MAX_CHUNK}).
     */
    private int readIntoScratch(int max) throws IOException {
        if (scratch == null || scratch.length < max) {
            scratch = new byte[max];
            scratchView = ByteBuffer.wrap(scratch);
        }
        scratchView.clear().limit(max);
        try {
            return timer == H1ServerConfig.Timer.NONE ? in.readDirect(scratchView)
                    : timer.within(readTimeout, () -> in.readDirect(scratchView));
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
        fixedRead(out.length);
        return out;
    }

    private long skipFixed() throws IOException {
        long n = skipBody(remaining);
        fixedRead(Math.max(n, 0));
        return n;
    }

    /** Accounts for {@code n} fixed-length body bytes read; none means the connection ended early. */
    private void fixedRead(long n) throws BodyError {
        if (n == 0) {
            peerFailed = true;
            finish(false);
            throw new BodyError("connection closed after " + (framing.length() - remaining) + " of "
                    + framing.length() + " body bytes");
        }
        remaining -= n;
        if (remaining == 0) {
            finish(true);
        }
    }

    private byte[] readChunked() throws IOException {
        long direct = directChunkData();
        if (direct > 0) {
            int n = readIntoScratch((int) Math.min(direct, MAX_CHUNK));
            chunkDataRead(n);
            return Arrays.copyOf(scratch, n);
        }
        int length = nextChunkedData();
        if (length == 0) {
            return END;
        }
        int from = chunked.dataOffset();
        byte[] out = Arrays.copyOfRange(in.buf, from, from + length);
        in.consume(chunkedUsed);
        return out;
    }

    private long skipChunked() throws IOException {
        long direct = directChunkData();
        if (direct > 0) {
            long n = skipBody(direct);
            chunkDataRead(n);
            return n;
        }
        int length = nextChunkedData();
        if (length > 0) {
            in.consume(chunkedUsed);
        }
        return length;
    }

    /**
     * How much of the current chunk's data may be read straight from the stream: all that is left of
     * it when nothing is buffered, else 0 (buffered bytes go through the decoder). Without this a
     * chunked body came through the head buffer, 2 KiB per read on a server connection.
     */
    private long directChunkData() {
        return in.available() == 0 ? chunked.dataRemaining() : 0;
    }

    /** Accounts for {@code n} chunk data bytes read from the stream; none means the connection ended. */
    private void chunkDataRead(long n) throws BodyError {
        if (n <= 0) {
            peerFailed = true;
            finish(false);
            throw new BodyError("connection closed inside a chunked body");
        }
        chunked.dataReadDirectly(n);
    }

    private int chunkedUsed; // input bytes the last decode step used, consumed once its data is taken

    /**
     * Decodes until chunk data is buffered (its length; the data at {@code chunked.dataOffset()} in
     * the input buffer, consumed by the caller through {@link #chunkedUsed}) or the body ends (0).
     */
    private int nextChunkedData() throws IOException {
        while (true) {
            int used = chunked.decode(in.buf, in.start, in.available());
            if (chunked.dataLength() > 0) {
                chunkedUsed = used;
                return chunked.dataLength();
            }
            in.consume(used);
            if (chunked.isDone()) {
                finish(true);
                return 0;
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
        }
        return out;
    }

    private long skipUntilClose() throws IOException {
        long n = skipBody(MAX_CHUNK);
        if (n <= 0) {
            finish(true);
            return 0;
        }
        return n;
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
                budget -= skipNext(); // draining is ours, allowed after the consumer collected part
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
