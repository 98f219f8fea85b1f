package sifr.http.internal.h1;

import java.io.IOException;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.internal.ArrayReadable;
import sifr.http.internal.FileRegion;
import sifr.net.ByteStream;

/**
 * Writes a message body into the connection's output buffer, flushing to the stream whenever the
 * buffer passes {@link #FLUSH_AT}, so a large body never sits whole in memory. Whether the last bytes
 * are flushed is the caller's choice (pipelined responses share one flush).
 */
final class H1BodyWriter {
    static final int FLUSH_AT = 32 * 1024;
    /** Largest read of an {@link ArrayReadable} body into the output buffer, which grows to this size. */
    static final int READ_SIZE = 64 * 1024;
    /** Largest chunk of an {@link ArrayReadable} body in chunked framing: its size line is at most {@value #SIZE_SLOT} bytes. */
    static final int CHUNK_READ = 0xFFFF;
    private static final int SIZE_SLOT = 6;

    private H1BodyWriter() {
    }

    static void flush(H1Buffer out, ByteStream stream) throws IOException {
        if (out.size() > 0) {
            stream.writeAll(out.asByteBuffer());
            out.clear();
            stream.flush();
        }
    }

    /**
     * Exactly {@code length} bytes (Content-Length framing); a body of another length is an error. A
     * file body of at least {@link #FLUSH_AT} bytes goes to {@link ByteStream#transferFrom} after the
     * head (sendfile on cleartext TCP); a smaller one is copied behind the head, one write for both.
     */
    static void fixed(H1Buffer out, ByteStream stream, BodyStream body, long length) throws IOException {
        if (length >= FLUSH_AT && body instanceof FileRegion file) {
            file.claim();
            flush(out, stream);
            for (long at = file.position(), end = at + length; at < end; ) {
                at += stream.transferFrom(file.channel(), at, end - at);
            }
            return;
        }
        if (body instanceof ArrayReadable readable) {
            readInto(out, stream, readable, length);
            return;
        }
        long written = 0;
        for (byte[] chunk = body.readChunk(); chunk.length > 0; chunk = body.readChunk()) {
            written += chunk.length;
            if (written > length) {
                throw new IOException("body is longer than its length " + length);
            }
            writeRaw(out, stream, chunk);
        }
        if (written != length) {
            throw new IOException("body ended after " + written + " of " + length + " bytes");
        }
    }

    /** Chunked framing: every non-empty chunk as one chunk, then the last chunk with the trailers. */
    static void chunked(H1Buffer out, ByteStream stream, BodyStream body) throws IOException {
        if (body instanceof ArrayReadable readable) {
            chunksInto(out, stream, readable);
            H1Encoder.lastChunk(out, body.trailers());
            return;
        }
        for (byte[] chunk = body.readChunk(); chunk.length > 0; chunk = body.readChunk()) {
            if (chunk.length >= FLUSH_AT) {
                out.putHex(chunk.length).put((byte) '\r').put((byte) '\n');
                flush(out, stream);
                stream.writeAll(chunk);
                out.put((byte) '\r').put((byte) '\n');
            } else {
                H1Encoder.chunk(out, chunk, 0, chunk.length);
                if (out.size() >= FLUSH_AT) {
                    flush(out, stream);
                }
            }
        }
        HeaderMap trailers = body.trailers();
        H1Encoder.lastChunk(out, trailers);
    }

    /**
     * A body that reads into our array ({@code BodyStream.ofInputStream}) is read straight into the
     * output buffer, behind what it holds (the head), at most {@link #READ_SIZE} bytes at a time, and
     * the buffer is flushed once it passes {@link #FLUSH_AT}: one read and one write per 64 KiB, no array
     * per chunk. A small body still leaves with its head in one write (the caller's flush). With
     * {@code length} -1 (until close) the body runs to its end; otherwise a body of another length is an
     * error, checked as in {@link #fixed}: after {@code length} bytes one more read must find the end.
     */
    private static void readInto(H1Buffer out, ByteStream stream, ArrayReadable body, long length) throws IOException {
        long written = 0;
        while (true) {
            if (out.size() >= FLUSH_AT) {
                flush(out, stream);
            }
            long left = length < 0 ? READ_SIZE : length - written;
            int want = (int) Math.max(1, Math.min(left, READ_SIZE - out.size()));
            int n = body.readInto(out.room(want), out.size(), want);
            if (n < 0) {
                break;
            }
            written += n;
            if (length >= 0 && written > length) {
                throw new IOException("body is longer than its length " + length);
            }
            out.advance(n);
        }
        if (length >= 0 && written != length) {
            throw new IOException("body ended after " + written + " of " + length + " bytes");
        }
    }

    /**
     * Chunked framing for a body that reads into our array: each read lands in the output buffer behind
     * a slot kept for its size line, so the data is never moved. A read is at most {@value #CHUNK_READ}
     * bytes, whose size has four hex digits: the slot is {@code "ffff\r\n"} wide, and only a read
     * under 4 KiB (fewer digits) shifts its bytes left by the one to three bytes its line is shorter.
     */
    private static void chunksInto(H1Buffer out, ByteStream stream, ArrayReadable body) throws IOException {
        while (true) {
            if (out.size() >= FLUSH_AT) {
                flush(out, stream);
            }
            int start = out.size();
            int want = Math.min(CHUNK_READ, READ_SIZE - start - SIZE_SLOT - 2);
            byte[] buf = out.room(SIZE_SLOT + want + 2);
            int n = body.readInto(buf, start + SIZE_SLOT, want);
            if (n < 0) {
                return;
            }
            out.putHex(n).put((byte) '\r').put((byte) '\n'); // within the room made: buf stays the array
            int shift = start + SIZE_SLOT - out.size();
            if (shift > 0) {
                System.arraycopy(buf, start + SIZE_SLOT, buf, out.size(), n);
            }
            out.advance(n);
            out.put((byte) '\r').put((byte) '\n');
        }
    }

    /** Until close (HTTP/1.0 without a length): the bytes as they come. */
    static void raw(H1Buffer out, ByteStream stream, BodyStream body) throws IOException {
        if (body instanceof ArrayReadable readable) {
            readInto(out, stream, readable, -1);
            return;
        }
        for (byte[] chunk = body.readChunk(); chunk.length > 0; chunk = body.readChunk()) {
            writeRaw(out, stream, chunk);
        }
    }

    private static void writeRaw(H1Buffer out, ByteStream stream, byte[] chunk) throws IOException {
        if (chunk.length >= FLUSH_AT) {
            flush(out, stream);
            stream.writeAll(chunk);
        } else {
            out.put(chunk);
            if (out.size() >= FLUSH_AT) {
                flush(out, stream);
            }
        }
    }
}
