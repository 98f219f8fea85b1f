package sifr.http.internal.client;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import sifr.http.BodyError;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.internal.ReadOnce;

/**
 * A response body with one content coding ({@code gzip} or {@code deflate}) removed, streamed: each
 * {@link #readChunk()} hands out at most {@value #OUT_CHUNK} decoded bytes, and the compressed input
 * is held only one received chunk at a time (a 64 KiB chunk of a decompression bomb would inflate to
 * 64 MiB; the {@link Inflater} keeps that chunk and is drained over several calls instead).
 *
 * <p>Rules: more than {@code maxDecodedBytes} decoded bytes fail with {@code decoded body exceeds
 * limit of N bytes}; a stream that ends before the compressed data does, bytes after its end, a bad
 * CRC or length (gzip) or Adler-32 (zlib) fail with a {@link BodyError} naming the coding. gzip allows
 * several members back to back (RFC 1952 §2.2), and they are decoded as one body. {@code deflate} is
 * the zlib format (RFC 9110 §8.4.1.2, RFC 1950), but servers also send raw deflate (RFC 1951): like
 * curl, Chromium and Firefox, the first two bytes decide (a valid zlib header: zlib; else raw). An
 * entirely empty body decodes to an empty body (servers send {@code Content-Encoding} on empty
 * bodies; there is nothing to decode). Single consumer, like every body.
 */
public final class DecodedBody implements BodyStream {
    /** Largest chunk handed out: bounds the memory one call inflates into. */
    public static final int OUT_CHUNK = 64 * 1024;
    /** Largest gzip header (the optional extra field, file name and comment together). */
    public static final int MAX_GZIP_HEADER = 64 * 1024;

    /** The codings this body removes, by their {@code Content-Encoding} names. */
    public enum Coding {
        GZIP("gzip"), DEFLATE("deflate");

        private final String label;

        Coding(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private enum State { START, INFLATE, GZIP_TRAILER, AFTER_STREAM, DONE }

    private static final byte[] END = new byte[0];
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final BodyStream source;
    private final Coding coding;
    private final long maxDecodedBytes;
    private final ReadOnce once = new ReadOnce();
    private final CRC32 crc = new CRC32();
    private Inflater inflater;
    private State state = State.START;
    private BodyError failure;
    private byte[] in = END;
    private int inPos;
    private int inEnd;
    private boolean sourceEnded;
    private long decoded;
    private long memberBytes;
    private int headerBytes;
    /** Inflated into, then copied out by what was produced: small inputs must not cost 64 KiB each. */
    private byte[] scratch;

    public DecodedBody(BodyStream source, Coding coding, long maxDecodedBytes) {
        ReadOnce.checkLimit(maxDecodedBytes);
        this.source = source;
        this.coding = coding;
        this.maxDecodedBytes = maxDecodedBytes;
    }

    @Override
    public byte[] readChunk() throws IOException {
        once.checkRead();
        if (failure != null) {
            throw failure;
        }
        try {
            return once.chunk(produce());
        } catch (BodyError e) {
            fail(e);
            throw e;
        } catch (DataFormatException e) {
            BodyError error = new BodyError("invalid " + coding.label() + " body: " + e.getMessage(), e);
            fail(error);
            throw error;
        }
    }

    @Override
    public byte[] collectWithLimit(long limit) throws IOException {
        return once.collect(this, limit);
    }

    @Override
    public HeaderMap trailers() {
        return source.trailers();
    }

    @Override
    public void close() throws IOException {
        release();
        state = State.DONE;
        source.close();
    }

    private byte[] produce() throws IOException, DataFormatException {
        while (true) {
            switch (state) {
                case START -> {
                    if (!ensure(1)) {
                        state = State.DONE;
                    } else {
                        startStream();
                    }
                }
                case INFLATE -> {
                    byte[] out = inflateSome();
                    if (out.length > 0) {
                        return out;
                    }
                }
                case GZIP_TRAILER -> {
                    checkGzipTrailer();
                    state = State.AFTER_STREAM;
                }
                case AFTER_STREAM -> afterStream();
                case DONE -> {
                    release();
                    return END;
                }
            }
        }
    }

    private void startStream() throws IOException {
        if (coding == Coding.GZIP) {
            readGzipHeader();
            inflater = new Inflater(true);
        } else {
            // RFC 1950 §2.2: CM 8 (deflate), a window of at most 32 KiB, and CMF·256+FLG a multiple of 31
            boolean zlib = ensure(2) && (in[inPos] & 0x0f) == 8 && (in[inPos] & 0xff) >> 4 <= 7
                    && (((in[inPos] & 0xff) << 8) | (in[inPos + 1] & 0xff)) % 31 == 0;
            inflater = new Inflater(!zlib);
        }
        state = State.INFLATE;
    }

    /** Some decoded bytes, or an empty array when the state moved on (stream end) or more input was taken. */
    private byte[] inflateSome() throws IOException, DataFormatException {
        if (inflater.needsInput()) {
            if (!ensure(1)) {
                throw new BodyError("truncated " + coding.label() + " body: it ended before the compressed data did");
            }
            inflater.setInput(in, inPos, inEnd - inPos);
            inPos = inEnd;
        }
        if (scratch == null) {
            scratch = new byte[OUT_CHUNK];
        }
        byte[] out = scratch;
        int n = inflater.inflate(out);
        if (inflater.needsDictionary()) {
            throw new BodyError("invalid " + coding.label() + " body: it needs a preset dictionary");
        }
        if (n > 0) {
            decoded += n;
            if (decoded > maxDecodedBytes) {
                throw BodyError.limitExceeded("decoded body exceeds limit of " + maxDecodedBytes + " bytes");
            }
            if (coding == Coding.GZIP) {
                crc.update(out, 0, n);
                memberBytes += n;
            }
        }
        if (inflater.finished()) {
            // the bytes after the compressed data are still in the array the inflater was given
            inPos = inEnd - inflater.getRemaining();
            state = coding == Coding.GZIP ? State.GZIP_TRAILER : State.AFTER_STREAM;
        }
        return n == 0 ? END : Arrays.copyOf(out, n);
    }

    private void afterStream() throws IOException {
        if (!ensure(1)) {
            state = State.DONE;
            return;
        }
        if (coding == Coding.GZIP && (in[inPos] & 0xff) == GZIP_MAGIC_1) {
            // RFC 1952 §2.2: a gzip file is a series of members
            crc.reset();
            memberBytes = 0;
            headerBytes = 0;
            readGzipHeader();
            inflater.reset();
            state = State.INFLATE;
            return;
        }
        throw new BodyError(coding.label() + " body has data after the end of the compressed stream");
    }

    /** RFC 1952 §2.3.1: magic, CM 8, flags, mtime, xfl, os, then the optional fields the flags name. */
    private void readGzipHeader() throws IOException {
        if (headerByte() != GZIP_MAGIC_1 || headerByte() != GZIP_MAGIC_2) {
            throw new BodyError("invalid gzip body: it does not start with the gzip magic bytes");
        }
        if (headerByte() != 8) {
            throw new BodyError("invalid gzip body: unknown compression method");
        }
        int flags = headerByte();
        if ((flags & 0xe0) != 0) {
            throw new BodyError("invalid gzip body: reserved header flags are set");
        }
        for (int i = 0; i < 6; i++) {
            headerByte();
        }
        if ((flags & FEXTRA) != 0) {
            int length = headerByte() | headerByte() << 8;
            for (int i = 0; i < length; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte() != 0) {
                // the original file name, zero-terminated: not used
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte() != 0) {
                // a comment, zero-terminated: not used
            }
        }
        if ((flags & FHCRC) != 0) {
            headerByte();
            headerByte();
        }
    }

    private int headerByte() throws IOException {
        if (++headerBytes > MAX_GZIP_HEADER) {
            throw new BodyError("invalid gzip body: header exceeds " + MAX_GZIP_HEADER + " bytes");
        }
        if (!ensure(1)) {
            throw new BodyError("truncated gzip body: it ended inside the gzip header");
        }
        return in[inPos++] & 0xff;
    }

    /** RFC 1952 §2.3.1: CRC-32 and the length modulo 2^32 of the member's data, little-endian. */
    private void checkGzipTrailer() throws IOException {
        long storedCrc = trailerWord();
        long storedSize = trailerWord();
        if (storedCrc != crc.getValue()) {
            throw new BodyError("invalid gzip body: CRC-32 mismatch");
        }
        if (storedSize != (memberBytes & 0xffffffffL)) {
            throw new BodyError("invalid gzip body: length mismatch");
        }
    }

    private long trailerWord() throws IOException {
        long word = 0;
        for (int i = 0; i < 4; i++) {
            if (!ensure(1)) {
                throw new BodyError("truncated gzip body: it ended inside the gzip trailer");
            }
            word |= (long) (in[inPos++] & 0xff) << (8 * i);
        }
        return word;
    }

    /**
     * Makes at least {@code n} unread input bytes available, reading source chunks; false when the
     * source ended first. Joins chunks only for the few header bytes that straddle two of them.
     */
    private boolean ensure(int n) throws IOException {
        while (inEnd - inPos < n) {
            if (sourceEnded) {
                return false;
            }
            byte[] chunk = source.readChunk();
            if (chunk.length == 0) {
                sourceEnded = true;
                return false;
            }
            if (inPos == inEnd) {
                in = chunk;
            } else {
                byte[] joined = Arrays.copyOfRange(in, inPos, inEnd + chunk.length);
                System.arraycopy(chunk, 0, joined, inEnd - inPos, chunk.length);
                in = joined;
            }
            inEnd = in.length;
            inPos = 0;
        }
        return true;
    }

    private void fail(BodyError error) {
        failure = error;
        release();
    }

    /** Frees the inflater's native memory as soon as it is no longer needed, not at garbage collection. */
    private void release() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
        scratch = null;
    }
}
