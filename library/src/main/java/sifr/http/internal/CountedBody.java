package sifr.http.internal;

import java.io.IOException;
import sifr.http.BodyStream;

/**
 * A response body that counts the bytes the transport took from it, for the access log's
 * {@code bytesSent}: what was handed to the connection, not what the body claimed. Used only when an
 * access log is set, so an unlogged exchange pays nothing.
 */
final class CountedBody extends ForwardingBody {
    private long bytes;

    CountedBody(BodyStream body) {
        super(body);
    }

    @Override
    public byte[] readChunk() throws IOException {
        byte[] chunk = body.readChunk();
        bytes += chunk.length;
        return chunk;
    }

    /** Body bytes read so far. */
    long bytes() {
        return bytes;
    }
}
