package sifr.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;
import sifr.http.internal.files.StaticFileHandler;

/**
 * A handler that serves the files under a directory, the way {@code sifr serve} does:
 * <ul>
 *   <li>GET and HEAD only (405 with {@code Allow: GET, HEAD} otherwise); the media type from a built-in
 *   table by extension ({@link StaticFilesOptions#contentTypes()} adds to it), {@code application/octet-stream}
 *   for the rest.
 *   <li>Validators: a strong {@code ETag} {@code "<mtime in µs, hex>-<size, hex>"} and {@code Last-Modified};
 *   preconditions in the order of RFC 9110 §13.2.2 (If-Match, If-Unmodified-Since, If-None-Match,
 *   If-Modified-Since, If-Range): 304 Not Modified, 412 Precondition Failed.
 *   <li>Ranges (RFC 9110 §14): {@code Accept-Ranges: bytes}; one range is a 206 with {@code Content-Range},
 *   several a {@code multipart/byteranges} 206 (overlapping or nearly adjacent ranges coalesced, the
 *   request's order kept); none satisfiable a 416 with {@code Content-Range: bytes *}{@code /N}; more than
 *   {@link StaticFilesOptions#maxRanges()} range-specs, an invalid Range or a failed If-Range: the whole
 *   file (200). Range is honoured on GET only.
 *   <li>Directories: a request without the trailing slash is redirected (301, query kept); then the first
 *   existing index file, else an HTML listing (sorted, names escaped) unless turned off (404).
 *   <li>Precompressed siblings {@code NAME.br} / {@code NAME.gz} when Accept-Encoding accepts them
 *   (q-values; the higher wins, Brotli on a tie), with {@code Content-Encoding}; {@code Vary: Accept-Encoding}
 *   on those and on text-like types.
 *   <li>Safety: dotfiles are 404 unless shown; a symbolic link that resolves outside the root is 404 and
 *   never followed; a path with NUL, a control character, an encoded {@code /} or {@code \}, invalid
 *   percent-encoding or UTF-8, or a {@code ..} above the root is 400; no client input produces a 500.
 *   <li>Bodies: files up to 16 KiB are read whole (and kept for the validity time) and leave with the head in one write; larger ones are
 *   {@link BodyStream#ofFileRegion file bodies}, sent with {@code FileChannel.transferTo} (sendfile) on
 *   cleartext HTTP/1.1 and in chunks of at most 64 KiB over TLS and HTTP/2.
 * </ul>
 */
public final class StaticFiles {
    private StaticFiles() {
    }

    /** {@link #handler(Path, StaticFilesOptions)} with {@link StaticFilesOptions#defaults()}. */
    public static HttpHandler handler(Path root) throws IOException {
        return handler(root, StaticFilesOptions.defaults());
    }

    /**
     * A handler serving the files under {@code root}. The root is resolved now (symbolic links in it
     * are followed once, here); what a request path resolves to is looked up again after
     * {@link StaticFilesOptions#cacheValidity()} (1 s by default), so changes show within that time,
     * and at once with {@link java.time.Duration#ZERO}.
     *
     * @throws NoSuchFileException {@code PATH: static files root does not exist}
     * @throws NotDirectoryException {@code PATH: static files root is not a directory}
     * @throws IOException when the root cannot be resolved
     */
    public static HttpHandler handler(Path root, StaticFilesOptions options) throws IOException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(options, "options");
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new NoSuchFileException(absolute.toString(), null, "static files root does not exist");
        }
        if (!Files.isDirectory(absolute)) {
            throw new NotDirectoryException(absolute + ": static files root is not a directory");
        }
        return new StaticFileHandler(absolute.toRealPath(), options);
    }
}
