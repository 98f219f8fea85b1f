package sifr.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import sifr.http.internal.ArrayReadable;
import sifr.http.internal.FileRegion;
import sifr.http.internal.ForwardingBody;
import sifr.net.SocketAddr;

/**
 * Access logging as middleware: one line per exchange, written when the response body has been sent
 * (or the exchange failed), in the Common or Combined Log Format, or as a structured {@code key=value}
 * line. Lines go to a {@code Consumer<String>} ({@code System.out::println} for a console server) or
 * to the {@code System.Logger} {@code sifr.http.access} at INFO.
 *
 * <pre>
 * COMMON     127.0.0.1 - - [03/Dec/2026:14:05:09 +0000] "GET /items/7 HTTP/1.1" 200 12
 * COMBINED   ... the same, then "referer" "user-agent"
 * STRUCTURED method=GET target=/items/7 version=HTTP/1.1 status=200 bytes=12 duration_ms=0.84
 *            remote=127.0.0.1:53122 route="GET /items/{id}" request_id=7f3a... user_agent="curl/8.5.0"
 * </pre>
 *
 * <p>What is logged: the target without its query (a query may carry tokens), the status the handler
 * returned ({@code 500} when it threw: put {@link Problems} inside this middleware to log the problem's
 * status), body bytes handed to the server ({@code -} in the formats for 0), the time from the
 * middleware's call until the body was closed. The request id is the {@link RequestId#KEY} bound
 * around this middleware, else the response's {@code X-Request-Id}. Quotes, backslashes and control
 * characters in logged text are escaped ({@code \"}, {@code \\}, {@code \xHH}), so a client cannot
 * forge log lines; fields are cut at 256 characters.
 *
 * <p>The response body is wrapped to count its bytes (a file body keeps its zero-copy path: the
 * wrapper passes the file region on). Without middleware, {@link #hook(Format, Consumer)} writes the
 * same Common and structured lines from the server's own access-log hook
 * ({@link HttpServerOptions.Builder#accessLog(AccessLog)}), which also sees the server's own 500s and
 * 413s; it has no request headers, hence no Combined format and no user agent. The sink is called on
 * the serving thread and must be thread-safe; an exception it throws is logged on
 * {@code sifr.http.access} at WARNING and otherwise ignored.
 */
public final class AccessLogs {
    private static final System.Logger LOG = System.getLogger("sifr.http.access");
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneId.of("UTC"));
    private static final int MAX_FIELD = 256;

    /** The line formats. */
    public enum Format {
        /** NCSA Common Log Format: {@code host ident authuser [time] "request" status bytes}. */
        COMMON,
        /** Common plus {@code "Referer" "User-Agent"} (Apache's and nginx's "combined"). */
        COMBINED,
        /** {@code key=value} pairs with the route pattern, duration, request id and user agent. */
        STRUCTURED
    }

    private AccessLogs() {
    }

    /** Lines in {@code format} to the logger {@code sifr.http.access} at INFO. */
    public static Middleware middleware(Format format) {
        return middleware(format, line -> LOG.log(Level.INFO, line));
    }

    /** Lines in {@code format} to {@code sink}. */
    public static Middleware middleware(Format format, Consumer<String> sink) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sink, "sink");
        return next -> request -> {
            long start = System.nanoTime();
            Instant received = Instant.now();
            String contextId = RequestId.KEY.get();
            HttpResponse response;
            try {
                response = next.handle(request);
            } catch (Exception | Error e) {
                emit(sink, line(format, request, received, 500, 0, System.nanoTime() - start, contextId));
                throw e;
            }
            String id = !contextId.equals(RequestId.KEY.defaultValue()) ? contextId
                    : response.headers().get(RequestId.HEADER).orElse("-");
            int status = response.status().code();
            java.util.function.LongConsumer done =
                    bytes -> emit(sink, line(format, request, received, status, bytes, System.nanoTime() - start, id));
            BodyStream body = response.body();
            return HttpResponse.of(response.head(), body instanceof FileRegion region
                    ? new CountingFileBody(body, region, done)
                    : body instanceof ArrayReadable readable ? new CountingArrayBody(body, readable, done)
                    : new CountingBody(body, done));
        };
    }

    /**
     * The server hook variant: {@code HttpServerOptions.builder().accessLog(AccessLogs.hook(COMMON,
     * System.out::println))}. Lines as the middleware's, from {@link AccessLogEntry} (no route, no
     * request id, no user agent).
     *
     * @throws IllegalArgumentException {@code the Combined format needs request headers, which the
     *     server hook does not see: use AccessLogs.middleware}
     */
    public static AccessLog hook(Format format, Consumer<String> sink) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sink, "sink");
        if (format == Format.COMBINED) {
            throw new IllegalArgumentException("the Combined format needs request headers, which the server hook"
                    + " does not see: use AccessLogs.middleware");
        }
        return entry -> emit(sink, format(format, new Fields(entry.remoteAddress(), entry.received(), entry.method(),
                entry.target(), entry.version(), entry.status(), entry.bytesSent(), entry.duration().toNanos(),
                null, "-", null, null)));
    }

    /** {@link #hook(Format, Consumer)} to the logger {@code sifr.http.access} at INFO. */
    public static AccessLog hook(Format format) {
        return hook(format, line -> LOG.log(Level.INFO, line));
    }

    private static void emit(Consumer<String> sink, String line) {
        try {
            sink.accept(line);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "access log sink failed", e);
        }
    }

    static String line(Format format, HttpRequest request, Instant received, int status, long bytes, long nanos, String id) {
        String target = request.path();
        int mark = target.indexOf('?');
        if (mark >= 0) {
            target = target.substring(0, mark);
        }
        return format(format, new Fields(request.remoteAddr().orElse(null), received, request.method(), target,
                request.head().version(), status, bytes, nanos, request.matchedRoute(), id,
                request.headers().get("referer").orElse(null), request.headers().get("user-agent").orElse(null)));
    }

    /** What a line is made of, from the middleware or from the server's hook. */
    private record Fields(SocketAddr remote, Instant received, Method method, String target, Version version,
                          int status, long bytes, long nanos, String route, String requestId, String referer,
                          String userAgent) {
    }

    private static String format(Format format, Fields f) {
        StringBuilder sb = new StringBuilder(160);
        if (format == Format.STRUCTURED) {
            sb.append("method=").append(f.method().value()).append(" target=");
            quoteIfNeeded(sb, f.target());
            sb.append(" version=").append(f.version()).append(" status=").append(f.status())
                    .append(" bytes=").append(f.bytes())
                    .append(" duration_ms=").append(String.format(Locale.ROOT, "%.2f", f.nanos() / 1e6))
                    .append(" remote=").append(f.remote() == null ? "-" : f.remote().toString());
            if (f.route() != null) {
                sb.append(" route=");
                quote(sb, f.route());
            }
            sb.append(" request_id=");
            quoteIfNeeded(sb, f.requestId());
            if (f.userAgent() != null) {
                sb.append(" user_agent=");
                quote(sb, f.userAgent());
            }
            return sb.toString();
        }
        sb.append(f.remote() == null ? "-" : host(f.remote())).append(" - - [")
                .append(CLF_TIME.format(f.received())).append("] ");
        quote(sb, f.method().value() + " " + f.target() + " " + f.version());
        sb.append(' ').append(f.status()).append(' ');
        if (f.bytes() == 0) {
            sb.append('-');
        } else {
            sb.append(f.bytes());
        }
        if (format == Format.COMBINED) {
            sb.append(' ');
            quote(sb, f.referer() == null ? "-" : f.referer());
            sb.append(' ');
            quote(sb, f.userAgent() == null ? "-" : f.userAgent());
        }
        return sb.toString();
    }

    /** The address without its port ({@code 127.0.0.1}, {@code ::1}), as CLF's host field. */
    private static String host(SocketAddr addr) {
        String s = addr.toString();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close > 0 ? s.substring(1, close) : s;
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 ? s.substring(0, colon) : s;
    }

    private static void quoteIfNeeded(StringBuilder sb, String s) {
        boolean plain = !s.isEmpty() && s.length() <= MAX_FIELD;
        for (int i = 0; plain && i < s.length(); i++) {
            char c = s.charAt(i);
            plain = c > 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '=';
        }
        if (plain) {
            sb.append(s);
        } else {
            quote(sb, s);
        }
    }

    /** {@code "text"} with quotes, backslashes and controls escaped, cut at 256 characters. */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int n = Math.min(s.length(), MAX_FIELD);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\x%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > MAX_FIELD) {
            sb.append("...");
        }
        sb.append('"');
    }

    /** Counts the bytes read from the body and reports them once, when the body is closed. */
    private static class CountingBody extends ForwardingBody {
        private final java.util.function.LongConsumer onClose;
        long bytes;
        private boolean reported;

        CountingBody(BodyStream body, java.util.function.LongConsumer onClose) {
            super(body);
            this.onClose = onClose;
        }

        @Override
        public byte[] readChunk() throws IOException {
            byte[] chunk = body.readChunk();
            bytes += chunk.length;
            return chunk;
        }

        @Override
        public void close() throws IOException {
            try {
                body.close();
            } finally {
                if (!reported) {
                    reported = true;
                    onClose.accept(bytes);
                }
            }
        }
    }

    /**
     * A counted stream body that stays {@link ArrayReadable}, so the HTTP/1.1 writer still reads it into
     * its output buffer instead of taking a fresh array per chunk; both ways of reading count.
     */
    private static final class CountingArrayBody extends CountingBody implements ArrayReadable {
        private final ArrayReadable readable;

        CountingArrayBody(BodyStream body, ArrayReadable readable, java.util.function.LongConsumer onClose) {
            super(body, onClose);
            this.readable = readable;
        }

        @Override
        public int readInto(byte[] dst, int off, int len) throws IOException {
            int n = readable.readInto(dst, off, len);
            if (n > 0) {
                bytes += n;
            }
            return n;
        }
    }

    /**
     * A counted file body that stays a {@link FileRegion}, so the HTTP/1.1 writer can still send it with
     * {@code transferTo}; a claimed region counts as sent whole (a failed transfer ends the connection).
     */
    private static final class CountingFileBody extends CountingBody implements FileRegion {
        private final FileRegion region;
        private final long length;

        CountingFileBody(BodyStream body, FileRegion region, java.util.function.LongConsumer onClose) {
            super(body, onClose);
            this.region = region;
            this.length = body.length().orElse(0);
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
        public void claim() throws BodyError {
            region.claim();
            bytes = length;
        }
    }
}
