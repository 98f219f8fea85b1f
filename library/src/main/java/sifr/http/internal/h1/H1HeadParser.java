package sifr.http.internal.h1;

import java.nio.charset.StandardCharsets;
import sifr.http.HeaderError;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;
import sifr.http.Status;
import sifr.http.Version;
import sifr.http.internal.Ascii;

/**
 * Parses HTTP/1.1 message heads (RFC 9112 §2–5) from a byte array, httparse style: each
 * {@code parse*} call returns the number of bytes the head took ({@code > 0}, complete),
 * {@link #PARTIAL} when more bytes are needed, or throws {@link H1ParseError}. It reads the bytes in
 * one pass, validating as it goes: no regex, no splitting, no intermediate strings.
 *
 * <p>Strict: CRLF only (a bare CR or LF is an error), no obs-fold, no whitespace before a colon, no
 * control characters, one SP between the parts of the start line, only HTTP/1.0 and HTTP/1.1.
 * Empty lines (CRLF) before a start line are skipped (RFC 9112 §2.2).
 *
 * <p>An instance is reusable and not thread-safe; results of the last complete parse are read through
 * {@link #requestHead()}, {@link #responseHead()}, {@link #reason()}, {@link #fields()}. A partial
 * parse remembers how far it got, so a caller that presents the same message again with more bytes
 * appended is not charged a full re-scan until a new line feed has arrived (the slow-sender case).
 */
public final class H1HeadParser {
    /** Returned when the bytes end before the head does. */
    public static final int PARTIAL = 0;

    private final H1Limits limits;

    private Method method;
    private String target;
    private Version version;
    private Status status;
    private String reason;
    private HeaderMap fields;

    // partial-rescan guard: length of the bytes already seen without a new LF, relative to off
    private int seenLength;

    public H1HeadParser(H1Limits limits) {
        this.limits = limits;
    }

    public H1HeadParser() {
        this(H1Limits.DEFAULT);
    }

    /** Forgets the partial-rescan state (call when the next parse starts a different message). */
    public void reset() {
        seenLength = 0;
    }

    /** Forgets the last head parsed as well (its target and fields), so that nothing here keeps it reachable. */
    public void release() {
        reset();
        method = null;
        target = null;
        version = null;
        status = null;
        reason = null;
        fields = null;
    }

    /** The last complete request head. */
    public RequestHead requestHead() {
        return new RequestHead(method, target, fields, version);
    }

    /** The last complete response head. */
    public ResponseHead responseHead() {
        return new ResponseHead(status, fields, version);
    }

    /** The reason phrase of the last complete status line (may be empty). */
    public String reason() {
        return reason;
    }

    /** The fields of the last complete head or trailer section. */
    public HeaderMap fields() {
        return fields;
    }

    private boolean noNewLine(byte[] b, int off, int len) {
        if (seenLength > 0 && seenLength < len) {
            for (int i = off + seenLength; i < off + len; i++) {
                if (b[i] == '\n') {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private int partial(int len) {
        seenLength = len;
        return PARTIAL;
    }

    /** Parses a request head at {@code b[off, off+len)}. */
    public int parseRequest(byte[] b, int off, int len) throws H1ParseError {
        int end = off + len;
        if (noNewLine(b, off, len)) {
            checkPartialSize(len);
            return PARTIAL;
        }
        int p = skipEmptyLines(b, off, end);
        if (p < 0) {
            return partial(len);
        }
        int lineStart = p;
        // method = token, then exactly one SP
        while (p < end && Ascii.isTchar(b[p] & 0xFF)) {
            p++;
        }
        if (p == end) {
            return partialStartLine(len, end - lineStart);
        }
        if (b[p] != ' ' || p == lineStart) {
            throw H1ParseError.bad("invalid HTTP method");
        }
        int methodEnd = p++;
        // request-target: visible ASCII, then exactly one SP
        int targetStart = p;
        while (p < end && b[p] > 0x20 && b[p] < 0x7F) {
            p++;
        }
        if (p == end) {
            return partialStartLine(len, end - lineStart);
        }
        if (b[p] != ' ' || p == targetStart) {
            throw H1ParseError.bad("invalid request target");
        }
        int targetEnd = p++;
        p = parseVersion(b, p, end);
        if (p < 0) {
            return partialStartLine(len, end - lineStart);
        }
        Version v = version;
        if (v != Version.HTTP_1_0 && v != Version.HTTP_1_1) {
            throw new H1ParseError(505, "HTTP version not supported");
        }
        p = lineEnd(b, p, end, "invalid request line");
        if (p < 0) {
            return partialStartLine(len, end - lineStart);
        }
        if (p - 2 - lineStart > limits.maxStartLineBytes()) {
            throw new H1ParseError(414, "request line is too long");
        }
        int done = parseFields(b, p, end);
        if (done < 0) {
            checkPartialSize(len);
            return partial(len);
        }
        method = Method.of(b, lineStart, methodEnd - lineStart);
        target = new String(b, targetStart, targetEnd - targetStart, StandardCharsets.ISO_8859_1);
        seenLength = 0;
        return done - off;
    }

    /** Parses a response head (status line and fields) at {@code b[off, off+len)}. */
    public int parseResponse(byte[] b, int off, int len) throws H1ParseError {
        int end = off + len;
        if (noNewLine(b, off, len)) {
            checkPartialSize(len);
            return PARTIAL;
        }
        int p = skipEmptyLines(b, off, end);
        if (p < 0) {
            return partial(len);
        }
        int lineStart = p;
        p = parseVersion(b, p, end);
        if (p < 0) {
            return partialStartLine(len, end - lineStart);
        }
        if (version != Version.HTTP_1_0 && version != Version.HTTP_1_1) {
            throw new H1ParseError(505, "HTTP version not supported");
        }
        if (b[p] != ' ') {
            throw H1ParseError.bad("invalid status line");
        }
        p++;
        // status-code = 3DIGIT
        int code = 0;
        for (int i = 0; i < 3; i++, p++) {
            if (p == end) {
                return partialStartLine(len, end - lineStart);
            }
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                throw H1ParseError.bad("invalid HTTP status");
            }
            code = code * 10 + d;
        }
        if (code < 100) {
            throw H1ParseError.bad("invalid HTTP status");
        }
        if (p == end) {
            return partialStartLine(len, end - lineStart);
        }
        int reasonStart = p;
        int reasonEnd = p;
        if (b[p] == ' ') {
            // reason-phrase = *( HTAB / SP / VCHAR / obs-text )
            reasonStart = ++p;
            while (p < end && ((b[p] & 0xFF) >= 0x20 && b[p] != 0x7F || b[p] == '\t')) {
                p++;
            }
            reasonEnd = p;
            if (p == end) {
                return partialStartLine(len, end - lineStart);
            }
        }
        p = lineEnd(b, p, end, "invalid status line");
        if (p < 0) {
            return partialStartLine(len, end - lineStart);
        }
        if (p - 2 - lineStart > limits.maxStartLineBytes()) {
            throw H1ParseError.bad("status line is too long");
        }
        int done = parseFields(b, p, end);
        if (done < 0) {
            checkPartialSize(len);
            return partial(len);
        }
        status = Status.of(code);
        reason = decode(b, reasonStart, reasonEnd - reasonStart);
        seenLength = 0;
        return done - off;
    }

    /** Parses a trailer section (field lines, then CRLF) at {@code b[off, off+len)}; see {@link #fields()}. */
    public int parseTrailers(byte[] b, int off, int len) throws H1ParseError {
        if (noNewLine(b, off, len)) {
            checkPartialSize(len);
            return PARTIAL;
        }
        int done = parseFields(b, off, off + len);
        if (done < 0) {
            checkPartialSize(len);
            return partial(len);
        }
        seenLength = 0;
        return done - off;
    }

    private int partialStartLine(int len, int lineBytes) throws H1ParseError {
        if (lineBytes > limits.maxStartLineBytes()) {
            throw new H1ParseError(414, "request line is too long");
        }
        return partial(len);
    }

    private void checkPartialSize(int len) throws H1ParseError {
        if (len > limits.maxStartLineBytes() + 2 + limits.maxHeaderSectionBytes()) {
            throw new H1ParseError(431, "header section is too large");
        }
    }

    /** Skips CRLF pairs; returns the first other position, or -1 if the bytes end inside them. */
    private int skipEmptyLines(byte[] b, int p, int end) throws H1ParseError {
        int start = p;
        while (p < end && (b[p] == '\r' || b[p] == '\n')) {
            if (b[p] == '\n') {
                throw H1ParseError.bad("bare LF in HTTP/1.1 message");
            }
            if (p + 1 == end) {
                return -1;
            }
            if (b[p + 1] != '\n') {
                throw H1ParseError.bad("bare CR in HTTP/1.1 message");
            }
            p += 2;
            if (p - start > limits.maxStartLineBytes()) {
                throw H1ParseError.bad("too many empty lines before the start line");
            }
        }
        return p == end ? -1 : p;
    }

    /** Parses {@code HTTP/d.d} into {@link #version}; returns the position after it, or -1 if partial. */
    private int parseVersion(byte[] b, int p, int end) throws H1ParseError {
        final byte[] prefix = {'H', 'T', 'T', 'P', '/'};
        for (int i = 0; i < prefix.length; i++, p++) {
            if (p == end) {
                return -1;
            }
            if (b[p] != prefix[i]) {
                throw H1ParseError.bad("invalid HTTP version");
            }
        }
        if (p + 3 > end) {
            // check what is there so that garbage fails now rather than after more bytes
            for (int i = p; i < end; i++) {
                boolean ok = (i - p == 1) ? b[i] == '.' : (b[i] >= '0' && b[i] <= '9');
                if (!ok) {
                    throw H1ParseError.bad("invalid HTTP version");
                }
            }
            return -1;
        }
        int major = b[p] - '0';
        int minor = b[p + 2] - '0';
        if (major < 0 || major > 9 || b[p + 1] != '.' || minor < 0 || minor > 9) {
            throw H1ParseError.bad("invalid HTTP version");
        }
        if (major == 1 && minor == 1) {
            version = Version.HTTP_1_1;
        } else if (major == 1 && minor == 0) {
            version = Version.HTTP_1_0;
        } else {
            throw new H1ParseError(505, "HTTP version not supported");
        }
        p += 3;
        if (p == end) {
            return -1;
        }
        return p;
    }

    /** Expects CRLF at {@code p}; returns the position after it, or -1 if partial. */
    private static int lineEnd(byte[] b, int p, int end, String what) throws H1ParseError {
        if (p == end) {
            return -1;
        }
        if (b[p] == '\n') {
            throw H1ParseError.bad("bare LF in HTTP/1.1 message");
        }
        if (b[p] != '\r') {
            throw H1ParseError.bad(what);
        }
        if (p + 1 == end) {
            return -1;
        }
        if (b[p + 1] != '\n') {
            throw H1ParseError.bad("bare CR in HTTP/1.1 message");
        }
        return p + 2;
    }

    /**
     * Parses field lines up to and including the empty line; sets {@link #fields}. Returns the
     * position after the empty line, or -1 if partial.
     */
    private int parseFields(byte[] b, int p, int end) throws H1ParseError {
        int sectionStart = p;
        int maxSection = limits.maxHeaderSectionBytes();
        HeaderMap.Builder builder = null;
        int count = 0;
        while (true) {
            if (p == end) {
                return -1;
            }
            byte c = b[p];
            if (c == '\r') {
                if (p + 1 == end) {
                    return -1;
                }
                if (b[p + 1] != '\n') {
                    throw H1ParseError.bad("bare CR in HTTP/1.1 message");
                }
                fields = builder == null ? HeaderMap.empty() : builder.build();
                return p + 2;
            }
            if (c == '\n') {
                throw H1ParseError.bad("bare LF in HTTP/1.1 message");
            }
            if (c == ' ' || c == '\t') {
                throw H1ParseError.bad("obs-fold or whitespace at the start of a header line");
            }
            int nameStart = p;
            while (p < end && Ascii.isTchar(b[p] & 0xFF)) {
                p++;
            }
            if (p == end) {
                return -1;
            }
            if (b[p] != ':') {
                throw H1ParseError.bad(b[p] == ' ' || b[p] == '\t'
                        ? "whitespace before the colon of a header field" : "invalid character in header field name");
            }
            if (p == nameStart) {
                throw H1ParseError.bad("empty header field name");
            }
            int nameEnd = p++;
            while (p < end && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
            int valueStart = p;
            // field-value: VCHAR / obs-text / SP / HTAB until CR
            while (p < end) {
                int v = b[p] & 0xFF;
                if ((v >= 0x20 && v != 0x7F) || v == '\t') {
                    p++;
                } else {
                    break;
                }
            }
            if (p == end) {
                return -1;
            }
            if (b[p] == '\n') {
                throw H1ParseError.bad("bare LF in HTTP/1.1 message");
            }
            if (b[p] != '\r') {
                throw H1ParseError.bad("invalid character in header value");
            }
            if (p + 1 == end) {
                return -1;
            }
            if (b[p + 1] != '\n') {
                throw H1ParseError.bad("bare CR in HTTP/1.1 message");
            }
            int valueEnd = p;
            p += 2;
            if (++count > limits.maxHeaderFields()) {
                throw new H1ParseError(431, "too many HTTP headers");
            }
            if (p - sectionStart > maxSection) {
                throw new H1ParseError(431, "header section is too large");
            }
            if (builder == null) {
                builder = HeaderMap.builder();
            }
            try {
                builder.add(HeaderName.of(b, nameStart, nameEnd - nameStart), HeaderValue.of(b, valueStart, valueEnd - valueStart));
            } catch (HeaderError e) {
                throw new H1ParseError(431, e.getMessage());
            }
        }
    }

    /** Text of a reason phrase: ASCII as is; other bytes as UTF-8 when valid, else ISO-8859-1. */
    private static String decode(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] < 0) {
                java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
                try {
                    return d.decode(java.nio.ByteBuffer.wrap(b, off, len)).toString();
                } catch (java.nio.charset.CharacterCodingException e) {
                    return new String(b, off, len, StandardCharsets.ISO_8859_1);
                }
            }
        }
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
