package sifr.http.internal;

import java.nio.channels.FileChannel;
import sifr.http.BodyError;

/**
 * A body that is a region of an open file, so a transport may hand it to the kernel
 * ({@code ByteStream.transferFrom}, sendfile on cleartext TCP) instead of reading it through
 * {@code readChunk}. Implemented by the file bodies of {@code BodyStream.ofFile}.
 */
public interface FileRegion {
    FileChannel channel();

    /** Where the region starts in the file. */
    long position();

    /**
     * Takes the whole region for a direct transfer: afterwards the body reads as consumed.
     *
     * @throws BodyError {@code body already consumed} when a chunk was read or it was claimed before
     */
    void claim() throws BodyError;
}
