package sifr.http.internal.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * one write; larger ones become a file body (sendfile on cleartext HTTP/1.1).
 */
public final class StaticFileHandler implements HttpHandler {
    /** Files up to this size are read into memory and sent with the head in one write. */
    static final int IN_MEMORY_MAX = 16 * 1024;

    private final Path root; // real path: no symbolic link in it
    private final StaticFilesOptions options;
    private final VerifiedDirectories directories;

    public StaticFileHandler(Path realRoot, StaticFilesOptions options) {
        this.root = realRoot;
        this.options = options;
        this.directories = new VerifiedDirectories(realRoot);
    }

    /** A file chosen to answer with: its real path and attributes, and the coding of a precompressed sibling. */
    private record Selected(Path path, BasicFileAttributes attrs, String coding) {
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws IOException {
        Method method = request.method();
        if (!method.equals(Method.GET) && !method.equals(Method.HEAD)) {
            return HttpResponse.of(405, HeaderMap.of("allow", "GET, HEAD", "content-length", "0"));
        }
        RequestPath path;
        try {
            path = RequestPath.parse(request.path());
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
                return directory(request, path, file);
            }
            if (!attrs.isRegularFile() || path.trailingSlash()) {
                return notFound();
            }
            return serveFile(request, file, attrs);
        } catch (AccessDeniedException e) {
            return text(403, "forbidden\n");
        } catch (FileSystemException | InvalidPathException e) {
            return notFound(); // gone meanwhile, a name too long, not a directory on the way
        }
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
            return new Selected(p, attrs, null);
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
        return new Selected(real, Files.readAttributes(real, BasicFileAttributes.class), null);
    }

    private HttpResponse directory(HttpRequest request, RequestPath path, Path dir) throws IOException {
        for (String index : options.indexFiles()) {
            Selected file = inside(dir.resolve(index));
            if (file != null && file.attrs().isRegularFile()) {
                return serveFile(request, file.path(), file.attrs());
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

    private HttpResponse serveFile(HttpRequest request, Path file, BasicFileAttributes attrs) throws IOException {
        HeaderMap req = request.headers();
        String type = ContentTypes.of(file.getFileName().toString(), options.contentTypes());
        Selected chosen = options.precompressed() ? precompressed(req, file) : null;
        if (chosen == null) {
            chosen = new Selected(file, attrs, null);
        }
        long size = chosen.attrs().size();
        long micros = chosen.attrs().lastModifiedTime().to(TimeUnit.MICROSECONDS);
        String etag = EntityTags.of(size, micros, chosen.coding() == null ? "" : "-" + suffix(chosen.coding()));
        Instant lastModified = chosen.attrs().lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        HeaderMap.Builder h = HeaderMap.builder();
        boolean vary = options.precompressed() && (chosen.coding() != null || isCompressible(type));
        switch (Preconditions.evaluate(req, true, etag, lastModified)) {
            case NOT_MODIFIED -> {
                h.add("etag", etag);
                if (vary) {
                    h.add("vary", "accept-encoding");
                }
                return HttpResponse.of(304, h.build());
            }
            case PRECONDITION_FAILED -> {
                return HttpResponse.of(412, HeaderMap.of("content-length", "0"));
            }
            case PROCEED -> { }
        }
        h.add("content-type", type).add("accept-ranges", "bytes").add("etag", etag)
                .add("last-modified", HttpDates.formatCached(lastModified));
        if (chosen.coding() != null) {
            h.add("content-encoding", chosen.coding());
        }
        if (vary) {
            h.add("vary", "accept-encoding");
        }
        boolean head = request.method().equals(Method.HEAD);
        List<String> range = req.getAll("range");
        if (!head && range.size() == 1 && Preconditions.rangeApplies(req, etag, lastModified)) {
            ByteRanges.Result r = ByteRanges.parse(range.getFirst(), size, options.maxRanges());
            switch (r.kind()) {
                case UNSATISFIABLE -> {
                    h.set("content-range", "bytes */" + size).set("content-length", "0");
                    return HttpResponse.of(416, h.build());
                }
                case RANGES -> {
                    return partial(chosen.path(), r.ranges(), size, type, h);
                }
                case IGNORE -> { }
            }
        }
        if (head) {
            return HttpResponse.of(200, h.add("content-length", Long.toString(size)).build());
        }
        return HttpResponse.of(200, h.build(), body(chosen.path(), size));
    }

    private static HttpResponse partial(Path file, List<ByteRanges.Range> ranges, long size, String type,
                                        HeaderMap.Builder h) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        if (ranges.size() == 1) {
            ByteRanges.Range r = ranges.getFirst();
            h.add("content-range", "bytes " + r.first() + "-" + r.last() + "/" + size);
            return HttpResponse.of(206, h.build(), BodyStream.ofFileRegion(channel, r.first(), r.length()));
        }
        String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        h.set("content-type", MultipartRanges.contentType(boundary));
        return HttpResponse.of(206, h.build(), new MultipartRanges(channel, ranges, boundary, type, size));
    }

    /** The whole file: read now when small (one write with the head), else a file body. */
    private static BodyStream body(Path file, long size) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        if (size > IN_MEMORY_MAX) {
            return BodyStream.ofFileRegion(channel, 0, size);
        }
        try (channel) {
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && channel.read(buf) >= 0) {
                // a file that shrank meanwhile ends early: send what it has
            }
            return BodyStream.ofBytes(buf.position() == size ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position()));
        }
    }

    /** The precompressed sibling to send, when the client accepts its coding and it exists inside the root. */
    private Selected precompressed(HeaderMap req, Path file) throws IOException {
        List<String> accept = req.getAll("accept-encoding");
        if (accept.isEmpty()) {
            return null;
        }
        int br = AcceptEncoding.quality(accept, "br");
        int gzip = Math.max(AcceptEncoding.quality(accept, "gzip"), AcceptEncoding.quality(accept, "x-gzip"));
        String first = br >= gzip ? "br" : "gzip";
        String second = br >= gzip ? "gzip" : "br";
        int firstQ = Math.max(br, gzip);
        int secondQ = Math.min(br, gzip);
        Selected s = firstQ > 0 ? sibling(file, first) : null;
        return s != null ? s : secondQ > 0 ? sibling(file, second) : null;
    }

    private Selected sibling(Path file, String coding) throws IOException {
        Selected p = inside(file.resolveSibling(file.getFileName() + "." + suffix(coding)));
        return p != null && p.attrs().isRegularFile() ? new Selected(p.path(), p.attrs(), coding) : null;
    }

    private static String suffix(String coding) {
        return coding.equals("br") ? "br" : "gz";
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
