package sifr.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import sifr.http.internal.ReadOnce;

/**
 * A message body, read once, chunk by chunk, by a single consumer. Bodies received from a peer are
 * streamed: nothing is buffered beyond the chunk being handed out, and {@link #collectWithLimit(long)}
 * bounds what a caller gathers in memory.
 */
public interface BodyStream extends Closeable {

    /**
     * The next chunk, never empty while data remains; an empty array at the end of the body (and on
     * every later call).
     */
    byte[] readChunk() throws IOException;

    /** The total length, when it is known in advance (a byte array, a Content-Length). */
    default OptionalLong length() {
        return OptionalLong.empty();
    }

    /** The trailer fields; complete only once the body has been read to its end. Empty by default. */
    default HeaderMap trailers() {
        return HeaderMap.empty();
    }

    /** Releases the source; unread data is discarded. Idempotent. */
    @Override
    default void close() throws IOException {
    }

    /**
     * Reads the rest of the body into one array. A body is read once: the library's bodies (received
     * ones and those of {@link #ofBytes}, {@link #ofChunks}, {@link #ofInputStream}) fail a second
     * {@code collectWithLimit}, a {@code collectWithLimit} after the end was read, and a
     * {@link #readChunk()} after {@code collectWithLimit}, with {@code body already consumed}.
     *
     * @throws BodyError {@code body exceeds limit of N bytes} as soon as more than {@code limit} bytes
     *     arrive (or are announced); nothing beyond the limit is buffered. {@code body already consumed}
     *     when the body was read before (see above)
     * @throws IllegalArgumentException {@code HTTP body limit must be positive} for a limit below 1 (Sifr's rule)
     */
    default byte[] collectWithLimit(long limit) throws IOException {
        return ReadOnce.collectRest(this, limit);
    }

    /**
     * Reads the rest of the body and drops it, for a handler that does not need the bytes but must
     * consume them to keep the connection (a large upload it ignores). Returns how many bytes were
     * dropped; afterwards the body is at its end ({@link #readChunk()} returns an empty array). The
     * received HTTP/1.1 body drops the bytes without handing out an array per chunk (one reusable
     * buffer of at most 64 KiB); this default reads chunk by chunk.
     *
     * @throws BodyError {@code body exceeds limit of N bytes} as {@link #readChunk()} would (a received
     *     body's limit counts dropped bytes too); {@code body already consumed} after
     *     {@link #collectWithLimit(long)}; a failure of the peer or the connection as {@code readChunk}
     */
    default long discard() throws IOException {
        long dropped = 0;
        for (byte[] chunk = readChunk(); chunk.length > 0; chunk = readChunk()) {
            dropped += chunk.length;
        }
        return dropped;
    }

    /** A blocking {@link InputStream} over the rest of the body; closing it closes the body. */
    default InputStream inputStream() {
        return new BodyInputStream(this);
    }

    /** An empty body (a new one each time: a body is read once). */
    static BodyStream empty() {
        return new ChunkListBody(List.of(), HeaderMap.empty());
    }

    /** A body of these bytes (not copied: do not change the array afterwards). */
    static BodyStream ofBytes(byte[] bytes) {
        return new ChunkListBody(List.of(bytes), HeaderMap.empty());
    }

    /** A body of these chunks in order; empty chunks are skipped. */
    static BodyStream ofChunks(List<byte[]> chunks) {
        return new ChunkListBody(List.copyOf(chunks), HeaderMap.empty());
    }

    /** A body of these chunks followed by trailer fields. */
    static BodyStream ofChunks(List<byte[]> chunks, HeaderMap trailers) {
        return new ChunkListBody(List.copyOf(chunks), trailers);
    }

    /**
     * A body read from {@code in}, in chunks of 16 KiB growing to 64 KiB while {@code in} keeps filling
     * them; closing the body closes {@code in}.
     */
    static BodyStream ofInputStream(InputStream in) {
        return new InputStreamBody(in, -1);
    }

    /** Like {@link #ofInputStream(InputStream)} with a known length (then sent with Content-Length). */
    static BodyStream ofInputStream(InputStream in, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("body length must not be negative");
        }
        return new InputStreamBody(in, length);
    }

    /**
     * A body of the whole file, opened now (its length is the size at opening). On cleartext HTTP/1.1
     * a server sends it with {@code FileChannel.transferTo} (sendfile: no copy through the heap);
     * elsewhere it is read in chunks of at most 64 KiB. Closing the body closes the file.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws java.io.IOException {@code not a regular file: NAME} for a directory or device, or when opening fails
     */
    static BodyStream ofFile(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            if (!Files.isRegularFile(file)) {
                throw new IOException("not a regular file: " + file.getFileName());
            }
            return new FileBody(channel, 0, channel.size());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A body of {@code length} bytes of an open file from {@code position} (a byte range), sent like
     * {@link #ofFile(Path)}. The body owns the channel: closing the body closes it. Reads are
     * positional, so the channel's position is neither used nor changed.
     *
     * @throws IllegalArgumentException {@code file region must not be negative} for a negative position or length
     */
    static BodyStream ofFileRegion(FileChannel channel, long position, long length) {
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException("file region must not be negative");
        }
        return new FileBody(java.util.Objects.requireNonNull(channel, "channel"), position, length);
    }
}
