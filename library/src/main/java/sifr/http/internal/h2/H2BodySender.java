package sifr.http.internal.h2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import sifr.http.BodyError;
import sifr.http.internal.FileRegion;

/**
 * Sends a whole message body on a stream through {@link Http2Outbound}: DATA frames as the windows
 * allow, then trailers or END_STREAM. Used for request bodies (client) and response bodies (server)
 * alike; it only composes {@link Http2Outbound#writeData} and {@link Http2Outbound#writeHeaders}.
 */
final class H2BodySender {
    /** How much of a file body is read per call: the same 64 KiB as {@code BodyStream.ofFile}'s chunks. */
    private static final int FILE_READ = 64 * 1024;

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
