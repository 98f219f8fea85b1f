package sifr.http.internal.h2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import sifr.http.BodyError;
import sifr.http.internal.ArrayReadable;
import sifr.http.internal.FileRegion;

/**
 * Sends a whole message body on a stream through {@link Http2Outbound}: DATA frames as the windows
 * allow, then trailers or END_STREAM. Used for request bodies (client) and response bodies (server)
 * alike; it only composes {@link Http2Outbound#writeData} and {@link Http2Outbound#writeHeaders}.
 */
final class H2BodySender {
    /** How much of a file body is read per call: the same 64 KiB as {@code BodyStream.ofFile}'s chunks. */
    private static final int FILE_READ = 64 * 1024;
    /** A stream body's first read, as {@code BodyStream.ofInputStream}'s first chunk. */
    private static final int FIRST_READ = 16 * 1024;

    private H2BodySender() {
    }

    /**
     * Sends a whole body: DATA frames as the windows allow, then trailers or END_STREAM. With a known
     * length the chunk that completes it goes out with END_STREAM (one frame less).
     */
    static void writeBody(Http2Connection c, H2Stream s, sifr.http.BodyStream body, long known) throws IOException {
        if (body instanceof FileRegion region && known > 0) {
            writeFileRegion(c, s, region, known);
            return;
        }
        if (body instanceof ArrayReadable readable && known != 0) {
            writeReadable(c, s, body, readable, known);
            return;
        }
        long sent = 0;
        byte[] chunk = body.readChunk();
        while (chunk.length > 0) {
            boolean last = false;
            byte[] next = null;
            if (known >= 0 && sent + chunk.length >= known) {
                next = body.readChunk();
                last = next.length == 0;
            }
            sent += chunk.length;
            H2Message.checkSent(known, sent, last, c.role.outboundName());
            if (last) {
                var trailers = body.trailers();
                c.out.writeData(s, chunk, 0, chunk.length, trailers.isEmpty());
                if (!trailers.isEmpty()) {
                    writeTrailers(c, s, trailers);
                }
                return;
            }
            c.out.writeData(s, chunk, 0, chunk.length, false);
            chunk = next != null ? next : body.readChunk();
        }
        H2Message.checkSent(known, sent, true, c.role.outboundName());
        var trailers = body.trailers();
        if (trailers.isEmpty()) {
            c.out.writeData(s, Http2Connection.EMPTY, 0, 0, true);
        } else {
            writeTrailers(c, s, trailers);
        }
    }

    /**
     * A file body ({@code BodyStream.ofFile}, static files) read into one array for the whole body, where
     * {@code readChunk} allocates (and zeroes) a fresh 64 KiB array per chunk: {@link Http2Outbound#writeData}
     * has copied the bytes into the pending output when it returns, so the array is free again at once.
     */
    private static void writeFileRegion(Http2Connection c, H2Stream s, FileRegion region, long length) throws IOException {
        region.claim();
        FileChannel file = region.channel();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(FILE_READ, length));
        long sent = 0;
        while (sent < length) {
            buf.clear().limit((int) Math.min(buf.capacity(), length - sent));
            while (buf.hasRemaining()) {
                if (file.read(buf, region.position() + sent + buf.position()) < 0) {
                    throw new BodyError("file ended after " + (sent + buf.position()) + " of " + length + " bytes");
                }
            }
            int n = buf.position();
            sent += n;
            c.out.writeData(s, buf.array(), 0, n, sent == length);
        }
    }

    /**
     * A stream body ({@code BodyStream.ofInputStream}) read into one array for the whole body, as a file
     * body is: 16 KiB at first, doubling up to {@value #FILE_READ} while reads fill it (a small body stays
     * small), or the known length when smaller. With a known length, the read that completes it leaves
     * with END_STREAM once a one-byte read has found the end (which an {@code ofInputStream} body at its
     * length answers without touching its stream); a longer body fails as in {@link #writeBody}.
     */
    private static void writeReadable(Http2Connection c, H2Stream s, sifr.http.BodyStream body, ArrayReadable readable,
            long known) throws IOException {
        String name = c.role.outboundName();
        byte[] buf = new byte[(int) (known > 0 ? Math.min(FIRST_READ, known) : FIRST_READ)];
        long sent = 0;
        while (true) {
            int want = (int) (known > 0 ? Math.min(buf.length, Math.max(1, known - sent)) : buf.length);
            int n = readable.readInto(buf, 0, want);
            if (n < 0) {
                break;
            }
            sent += n;
            H2Message.checkSent(known, sent, false, name);
            if (known > 0 && sent == known) {
                if (readable.readInto(new byte[1], 0, 1) >= 0) {
                    throw H2Message.lengthMismatch(name);
                }
                var trailers = body.trailers();
                c.out.writeData(s, buf, 0, n, trailers.isEmpty());
                if (!trailers.isEmpty()) {
                    writeTrailers(c, s, trailers);
                }
                return;
            }
            c.out.writeData(s, buf, 0, n, false); // copied into the pending output: buf is free again
            if (n == buf.length && buf.length < FILE_READ && (known < 0 || known - sent > buf.length)) {
                buf = new byte[(int) Math.min(FILE_READ, known < 0 ? 2L * buf.length : Math.min(2L * buf.length, known - sent))];
            }
        }
        H2Message.checkSent(known, sent, true, name);
        var trailers = body.trailers();
        if (trailers.isEmpty()) {
            c.out.writeData(s, Http2Connection.EMPTY, 0, 0, true);
        } else {
            writeTrailers(c, s, trailers);
        }
    }

    /** Trailers: a HEADERS frame with END_STREAM, regular fields only (§8.1). */
    static void writeTrailers(Http2Connection c, H2Stream s, sifr.http.HeaderMap trailers) throws IOException {
        c.out.writeHeaders(s, true, (enc, b) -> {
            for (int i = 0, n = trailers.size(); i < n; i++) {
                if (!Http2Fields.isConnectionSpecific(trailers.nameAt(i))) {
                    enc.field(trailers.nameAt(i), trailers.valueAt(i), b);
                }
            }
        });
    }
}
