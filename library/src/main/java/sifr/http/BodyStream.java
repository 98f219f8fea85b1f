package sifr.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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
}
