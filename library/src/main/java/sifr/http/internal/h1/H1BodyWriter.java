package sifr.http.internal.h1;

import java.io.IOException;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.internal.FileRegion;
import sifr.net.ByteStream;

/**
 * Writes a message body into the connection's output buffer, flushing to the stream whenever the
 * buffer passes {@link #FLUSH_AT}, so a large body never sits whole in memory. Whether the last bytes
 * are flushed is the caller's choice (pipelined responses share one flush).
 */
final class H1BodyWriter {
    static final int FLUSH_AT = 32 * 1024;

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

    /** Until close (HTTP/1.0 without a length): the bytes as they come. */
    static void raw(H1Buffer out, ByteStream stream, BodyStream body) throws IOException {
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
