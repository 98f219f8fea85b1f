package sifr.http.internal.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import sifr.http.HeaderMap;

/**
 * One file as the handler sends it, worked out once: its validators, the header fields of a 200 and of
 * a 304 (built here so a request only picks them), and, for a file of at most
 * {@link StaticFileHandler#IN_MEMORY_MAX} bytes, its bytes. A request answered from a representation
 * needs no {@code stat}, {@code open} or {@code read}; {@link FileCache} decides how long one is trusted.
 *
 * @param path the real path of the file
 * @param size its size when looked at
 * @param mtimeMicros its modification time in microseconds
 * @param coding {@code br} or {@code gzip} for a precompressed sibling, null for the file itself
 * @param type the media type (of the file the request named, also for its siblings)
 * @param etag the strong entity tag ({@link EntityTags#of})
 * @param lastModified the modification time truncated to seconds (HTTP-date resolution)
 * @param ok the fields of a 200 (Content-Type, Accept-Ranges, ETag, Last-Modified, Content-Encoding,
 *     Vary; no Content-Length: the body or the HEAD answer adds it)
 * @param notModified the fields of a 304 (ETag, Vary)
 * @param content the whole file when small, else null (sent as a file body)
 */
record FileRepresentation(Path path, long size, long mtimeMicros, String coding, String type, String etag,
                          Instant lastModified, HeaderMap ok, HeaderMap notModified, byte[] content) {

    /** Whether the file's bytes are held here (a small file read when the representation was made). */
    boolean inMemory() {
        return content != null;
    }

    /**
     * The representation of {@code path} with these attributes. A small file is read now, or its bytes
     * are taken from {@code previous} when that is the same file with the same size and mtime (a
     * revalidation that found no change reads nothing).
     *
     * @param vary whether the answer carries {@code Vary: Accept-Encoding}
     * @return the representation, or null when a small file's size changed while it was read (the
     *     caller looks again next time rather than keep bytes that do not match the validators)
     */
    static FileRepresentation of(Path path, BasicFileAttributes attrs, String coding, String type, boolean vary,
                                 FileRepresentation previous) throws IOException {
        long size = attrs.size();
        long micros = attrs.lastModifiedTime().to(TimeUnit.MICROSECONDS);
        String etag = EntityTags.of(size, micros, coding == null ? "" : coding.equals("br") ? "-br" : "-gz");
        Instant lastModified = attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        HeaderMap.Builder ok = HeaderMap.builder().add("content-type", type).add("accept-ranges", "bytes")
                .add("etag", etag).add("last-modified", HttpDates.formatCached(lastModified));
        HeaderMap.Builder notModified = HeaderMap.builder().add("etag", etag);
        if (coding != null) {
            ok.add("content-encoding", coding);
        }
        if (vary) {
            ok.add("vary", "accept-encoding");
            notModified.add("vary", "accept-encoding");
        }
        byte[] content = null;
        if (size <= StaticFileHandler.IN_MEMORY_MAX) {
            if (previous != null && previous.inMemory() && previous.path().equals(path)
                    && previous.size() == size && previous.mtimeMicros() == micros) {
                content = previous.content();
            } else {
                content = read(path, (int) size);
                if (content == null) {
                    return null;
                }
            }
        }
        return new FileRepresentation(path, size, micros, coding, type, etag, lastModified, ok.build(),
                notModified.build(), content);
    }

    /** Opens the file for a file body; see {@link #openNoFollow}. */
    FileChannel open() throws IOException {
        return openNoFollow(path);
    }

    /**
     * Opens a real path without following a link in its last name: a file swapped for a symbolic link
     * since it was resolved is refused, never followed out of the root. The JDK reports that
     * ({@code ELOOP}) as a plain IOException; it becomes a FileSystemException, which the handler
     * answers like a file that is gone.
     */
    static FileChannel openNoFollow(Path path) throws IOException {
        try {
            return FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new java.nio.file.FileSystemException(path.toString(), null, e.getMessage());
        }
    }

    /** Exactly {@code size} bytes of the file, or null when it holds another number of bytes now. */
    private static byte[] read(Path path, int size) throws IOException {
        try (FileChannel channel = openNoFollow(path)) {
            ByteBuffer buf = ByteBuffer.allocate(size + 1); // one byte more: a file that grew is noticed
            while (buf.hasRemaining() && channel.read(buf) >= 0) {
                // read until the end of the file or one byte past the expected size
            }
            return buf.position() == size ? java.util.Arrays.copyOf(buf.array(), size) : null;
        }
    }
}
