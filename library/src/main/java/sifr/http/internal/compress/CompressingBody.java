package sifr.http.internal.compress;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;

/**
 * A body compressed as it is read: each source chunk is deflated and flushed ({@code SYNC_FLUSH}), so
 * a streamed body (a long poll, a growing report) reaches the client chunk by chunk instead of waiting
 * for the compressor, and memory stays bounded by one source chunk's output. {@code gzip} is a raw
 * deflate stream in a gzip member (RFC 1952: 10-byte header, CRC-32 and length trailer);
 * {@code deflate} is the zlib format (RFC 1950), which is what the HTTP coding of that name means
 * (RFC 9110 §8.4.1.2). The native compressor is released at the end of the body and on
 * {@link #close()}.
 */
public final class CompressingBody implements BodyStream {
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final BodyStream source;
    private final ArrayDeque<byte[]> peeked;
    private final boolean gzip;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private long inputBytes;
    private boolean headerSent;
    private boolean finished;
    private boolean closed;

    /** {@code peeked}: chunks already read from {@code source}, sent first. */
    public CompressingBody(BodyStream source, List<byte[]> peeked, String coding, int level) {
        this.source = source;
        this.peeked = new ArrayDeque<>(peeked);
        this.gzip = coding.equals("gzip");
        this.deflater = new Deflater(level, gzip);
    }

    @Override
    public byte[] readChunk() throws IOException {
        if (finished) {
            return new byte[0];
        }
        if (closed) {
            throw new IOException("body closed");
        }
        while (true) {
            byte[] input = peeked.isEmpty() ? source.readChunk() : peeked.poll();
            if (input.length == 0) {
                return finish();
            }
            inputBytes += input.length;
            if (gzip) {
                crc.update(input);
            }
            deflater.setInput(input);
            byte[] out = drain(input.length, Deflater.SYNC_FLUSH);
            if (out.length > 0) {
                return out;
            }
        }
    }

    private byte[] finish() {
        deflater.finish();
        byte[] out = drain(64, Deflater.NO_FLUSH);
        if (gzip) {
            int n = out.length;
            out = Arrays.copyOf(out, n + 8);
            putIntLe(out, n, (int) crc.getValue());
            putIntLe(out, n + 4, (int) inputBytes); // ISIZE: the input length modulo 2^32
        }
        finished = true;
        deflater.end();
        return out;
    }

    /** Everything the deflater has for its current input, the gzip header in front of the first output. */
    private byte[] drain(int inputLength, int flush) {
        byte[] buf = new byte[inputLength + inputLength / 8 + 64 + GZIP_HEADER.length];
        int n = 0;
        if (gzip && !headerSent) {
            System.arraycopy(GZIP_HEADER, 0, buf, 0, GZIP_HEADER.length);
            n = GZIP_HEADER.length;
            headerSent = true;
        }
        // bounded: each round either ends or doubles a buffer already larger than the input's worst case
        for (int round = 0; round < 32; round++) {
            int space = buf.length - n;
            int got = deflater.deflate(buf, n, space, flush);
            n += got;
            boolean done = flush == Deflater.SYNC_FLUSH ? got < space : deflater.finished();
            if (done) {
                return Arrays.copyOf(buf, n);
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        throw new IllegalStateException("deflater made no progress");
    }

    private static void putIntLe(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    @Override
    public HeaderMap trailers() {
        return source.trailers();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            finished = true;
            deflater.end();
        }
        source.close();
    }
}
