package sifr.http.internal;

import java.io.IOException;
import sifr.http.BodyStream;

/**
 * A response body that counts the bytes the transport took from it, for the access log's
 * {@code bytesSent}: what was handed to the connection, not what the body claimed. Used only when an
 * access log is set, so an unlogged exchange pays nothing.
 */
class CountedBody extends ForwardingBody {
    long bytes;

    CountedBody(BodyStream body) {
        super(body);
    }

    /** A counting wrapper that stays a {@link FileRegion} around a file body, so logging keeps sendfile. */
    static CountedBody of(BodyStream body) {
        return body instanceof FileRegion ? new CountedFile(body) : new CountedBody(body);
    }

    /**
     * A counted file body: a direct transfer counts the whole region when it is claimed (the kernel
     * moves it without the body seeing the bytes), so a transfer that fails part-way is over-counted.
     */
    private static final class CountedFile extends CountedBody implements FileRegion {
        private final FileRegion region;

        CountedFile(BodyStream body) {
            super(body);
            this.region = (FileRegion) body;
        }

        @Override
        public java.nio.channels.FileChannel channel() {
            return region.channel();
        }

        @Override
        public long position() {
            return region.position();
        }

        @Override
        public void claim() throws sifr.http.BodyError {
            region.claim();
            bytes += body.length().orElse(0);
        }
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
