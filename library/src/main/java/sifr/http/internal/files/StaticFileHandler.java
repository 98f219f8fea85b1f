package sifr.http.internal.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HttpHandler;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.StaticFilesOptions;

/**
 * Serves the files under one root directory; see {@code sifr.http.StaticFiles} for the rules it
 * follows. Every answer to bad client input is a 4xx: the path rules of {@link RequestPath} (400), a
 * name that cannot be a file here (404), a symbolic link or {@code ..} that leaves the root (400/404,
 * never followed). Files up to {@link #IN_MEMORY_MAX} bytes are read whole, so head and body leave in
 * one write; larger ones become a file body (sendfile on cleartext HTTP/1.1). What a request path
 * resolved to is kept for a short time ({@link FileCache}): a repeated request is answered from the
 * prepared {@link FileRepresentation} without touching the file system.
 */
public final class StaticFileHandler implements HttpHandler {
    /** Files up to this size are read into memory and sent with the head in one write. */
    static final int IN_MEMORY_MAX = 16 * 1024;

    private final Path root; // real path: no symbolic link in it
    private final StaticFilesOptions options;
    private final VerifiedDirectories directories;
    private final FileCache cache;

    public StaticFileHandler(Path realRoot, StaticFilesOptions options) {
        this(realRoot, options, System::nanoTime);
    }

    /** With the cache's clock (nanoseconds) given, for tests of its expiry. */
    StaticFileHandler(Path realRoot, StaticFilesOptions options, java.util.function.LongSupplier clock) {
        this.root = realRoot;
        this.options = options;
        this.directories = new VerifiedDirectories(realRoot);
        this.cache = new FileCache(options.cacheValidity(), clock);
    }

    /** A file found inside the root: its real path and attributes. */
    private record Selected(Path path, BasicFileAttributes attrs) {
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws IOException {
        Method method = request.method();
        if (!method.equals(Method.GET) && !method.equals(Method.HEAD)) {
            return HttpResponse.of(405, HeaderMap.of("allow", "GET, HEAD", "content-length", "0"));
        }
        String target = request.path();
        String key = cacheKey(target);
        HeaderMap req = request.headers();
        List<String> accept = options.precompressed() ? req.getAll("accept-encoding") : List.of();
        CachedPath cached = cache.get(key);
        if (cached != null && (accept.isEmpty() || cached.siblingsKnown())) {
            try {
                return serve(request, choose(cached, accept));
            } catch (FileSystemException e) {
                // a large file gone or replaced since it was looked at: resolve the path again
            }
        }
        RequestPath path;
        try {
            path = RequestPath.parse(target);
        } catch (RequestPath.BadPath e) {
            return text(400, "bad request: " + e.getMessage() + "\n");
        }
        if (!options.showDotfiles() && path.hasDotSegment()) {
            return notFound();
        }
        try {
            Selected found = resolveInside(path.segments());
            if (found == null) {
                return notFound();
            }
            Path file = found.path();
            BasicFileAttributes attrs = found.attrs();
            if (attrs.isDirectory()) {
                if (!path.trailingSlash()) {
                    String location = path.encoded(true) + (path.query() != null ? "?" + path.query() : "");
                    return HttpResponse.of(301, HeaderMap.of("location", location, "content-length", "0"));
                }
                return directory(request, key, accept, path, file);
            }
            if (!attrs.isRegularFile() || path.trailingSlash()) {
                return notFound();
            }
            return serveFile(request, key, accept, file, attrs);
        } catch (AccessDeniedException e) {
            return text(403, "forbidden\n");
        } catch (FileSystemException | InvalidPathException e) {
            return notFound(); // gone meanwhile, a name too long, not a directory on the way
        }
    }

    /**
     * The cache key of a request target: its path as sent, without the query (which never changes the
     * file). The same text always resolves the same way, so the rules applied when the entry was made
     * hold for every request with that text.
     */
    private static String cacheKey(String target) {
        int q = target.indexOf('?');
        int hash = target.indexOf('#');
        int end = q >= 0 ? q : hash;
        return end >= 0 ? target.substring(0, end) : target;
    }

    /** The named file with its attributes, or null when it does not exist or resolves outside the root. */
    private Selected resolveInside(List<String> segments) throws IOException {
        Path p = root;
        for (String s : segments) {
            p = p.resolve(s);
        }
        return inside(p);
    }

    /**
     * {@code p} as a real path inside the root, with its attributes; null when it does not exist or
     * leaves the root. The usual case costs one {@code lstat}: a name that is no symbolic link, in a
     * directory whose real path is its lexical one ({@link VerifiedDirectories}), is its own real path.
     * Anything else takes {@code toRealPath} and the checks on the result.
     */
    private Selected inside(Path p) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!attrs.isSymbolicLink() && (p == root || directories.isVerified(p.getParent()))) {
            return new Selected(p, attrs);
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (NoSuchFileException e) {
            return null; // a dangling link
        }
        if (!real.startsWith(root)) {
            return null; // a symbolic link out of the root: never followed
        }
        if (!options.showDotfiles() && !real.equals(root)) {
            for (Path name : root.relativize(real)) {
                if (name.toString().startsWith(".")) {
                    return null; // a link inside the root that lands on a dotfile
                }
            }
        }
        return new Selected(real, Files.readAttributes(real, BasicFileAttributes.class));
    }

    private HttpResponse directory(HttpRequest request, String key, List<String> accept, RequestPath path, Path dir)
            throws IOException {
        for (String index : options.indexFiles()) {
            Selected file = inside(dir.resolve(index));
            if (file != null && file.attrs().isRegularFile()) {
                return serveFile(request, key, accept, file.path(), file.attrs());
            }
        }
        if (!options.listDirectories()) {
            return notFound();
        }
        StringBuilder shown = new StringBuilder();
        for (String s : path.segments()) {
            shown.append('/').append(s);
        }
        shown.append('/');
        byte[] page = DirectoryListing.html(dir, shown.toString(), options.showDotfiles());
        HeaderMap headers = HeaderMap.of("content-type", "text/html; charset=utf-8", "cache-control", "no-cache");
        return request.method().equals(Method.HEAD)
                ? HttpResponse.of(200, headers.add("content-length", Integer.toString(page.length)))
                : HttpResponse.of(200, headers, BodyStream.ofBytes(page));
    }

    /**
     * Serves a regular file found by resolution: makes its entry (the file and, when the request accepts
     * a coding, its precompressed siblings), keeps it for the next requests of {@code key}, answers.
     */
    private HttpResponse serveFile(HttpRequest request, String key, List<String> accept, Path file,
                                   BasicFileAttributes attrs) throws IOException {
        long now = cache.now();
        CachedPath previous = cache.previous(key);
        String type = ContentTypes.of(file.getFileName().toString(), options.contentTypes());
        boolean siblings = options.precompressed() && !accept.isEmpty();
        Selected brFile = siblings ? sibling(file, "br") : null;
        Selected gzipFile = siblings ? sibling(file, "gz") : null;
        FileRepresentation br = brFile == null ? null : FileRepresentation.of(brFile.path(), brFile.attrs(), "br",
                type, true, previous == null ? null : previous.br());
        FileRepresentation gzip = gzipFile == null ? null : FileRepresentation.of(gzipFile.path(), gzipFile.attrs(),
                "gzip", type, true, previous == null ? null : previous.gzip());
        boolean vary = options.precompressed() && isCompressible(type);
        FileRepresentation identity = FileRepresentation.of(file, attrs, null, type, vary,
                previous == null ? null : previous.identity());
        if (identity == null) {
            // a small file changing while it was read: its bytes and validators would not match
            return HttpResponse.of(503, HeaderMap.of("retry-after", "1", "content-length", "0"));
        }
        CachedPath entry = new CachedPath(identity, br, gzip, siblings, now);
        if ((brFile == null) == (br == null) && (gzipFile == null) == (gzip == null)) {
            cache.put(key, entry); // a sibling that changed while read is left out of this answer, not kept
        }
        return serve(request, choose(entry, accept));
    }

    private static FileRepresentation choose(CachedPath entry, List<String> accept) {
        if (accept.isEmpty() || !entry.siblingsKnown() || entry.br() == null && entry.gzip() == null) {
            return entry.identity();
        }
        int br = AcceptEncoding.quality(accept, "br");
        int gzip = Math.max(AcceptEncoding.quality(accept, "gzip"), AcceptEncoding.quality(accept, "x-gzip"));
        return entry.choose(br, gzip);
    }

    /** One representation answered: its validators against the preconditions, then ranges, then the body. */
    private HttpResponse serve(HttpRequest request, FileRepresentation rep) throws IOException {
        HeaderMap req = request.headers();
        switch (Preconditions.evaluate(req, true, rep.etag(), rep.lastModified())) {
            case NOT_MODIFIED -> {
                return HttpResponse.of(304, rep.notModified());
            }
            case PRECONDITION_FAILED -> {
                return HttpResponse.of(412, HeaderMap.of("content-length", "0"));
            }
            case PROCEED -> { }
        }
        long size = rep.size();
        boolean head = request.method().equals(Method.HEAD);
        List<String> range = req.getAll("range");
        if (!head && range.size() == 1 && Preconditions.rangeApplies(req, rep.etag(), rep.lastModified())) {
            ByteRanges.Result r = ByteRanges.parse(range.getFirst(), size, options.maxRanges());
            switch (r.kind()) {
                case UNSATISFIABLE -> {
                    return HttpResponse.of(416, rep.ok().toBuilder().set("content-range", "bytes */" + size)
                            .set("content-length", "0").build());
                }
                case RANGES -> {
                    return partial(rep, r.ranges(), rep.ok().toBuilder());
                }
                case IGNORE -> { }
            }
        }
        if (head) {
            return HttpResponse.of(200, rep.ok().add("content-length", Long.toString(size)));
        }
        return HttpResponse.of(200, rep.ok(), rep.inMemory()
                ? BodyStream.ofBytes(rep.content()) : BodyStream.ofFileRegion(rep.open(), 0, size));
    }

    private static HttpResponse partial(FileRepresentation rep, List<ByteRanges.Range> ranges,
                                        HeaderMap.Builder h) throws IOException {
        FileChannel channel = rep.open();
        if (ranges.size() == 1) {
            ByteRanges.Range r = ranges.getFirst();
            h.add("content-range", "bytes " + r.first() + "-" + r.last() + "/" + rep.size());
            return HttpResponse.of(206, h.build(), BodyStream.ofFileRegion(channel, r.first(), r.length()));
        }
        String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        h.set("content-type", MultipartRanges.contentType(boundary));
        return HttpResponse.of(206, h.build(), new MultipartRanges(channel, ranges, boundary, rep.type(), rep.size()));
    }

    /** The precompressed sibling ({@code NAME.br}, {@code NAME.gz}) when it is a regular file inside the root. */
    private Selected sibling(Path file, String suffix) throws IOException {
        Selected p = inside(file.resolveSibling(file.getFileName() + "." + suffix));
        return p != null && p.attrs().isRegularFile() ? p : null;
    }

    /** Types whose representation may differ by Accept-Encoding (text and the like): they carry Vary. */
    static boolean isCompressible(String type) {
        return type.startsWith("text/") || type.startsWith("application/json") || type.startsWith("application/javascript")
                || type.startsWith("image/svg+xml") || type.startsWith("application/wasm")
                || type.startsWith("application/manifest+json") || type.startsWith("application/yaml")
                || type.startsWith("application/toml");
    }

    private static HttpResponse notFound() {
        return text(404, "not found\n");
    }

    private static HttpResponse text(int status, String message) {
        return HttpResponse.of(status, HeaderMap.of("content-type", "text/plain; charset=utf-8"),
                BodyStream.ofBytes(message.getBytes(StandardCharsets.UTF_8)));
    }
}
