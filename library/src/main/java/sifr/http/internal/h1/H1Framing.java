package sifr.http.internal.h1;

import java.util.List;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;
import sifr.http.Version;
import sifr.http.internal.Ascii;

/**
 * How a message body is delimited (RFC 9112 §6.3), decided from its head, strictly: Content-Length
 * with Transfer-Encoding, differing or malformed Content-Length values and a Transfer-Encoding whose
 * final coding is not {@code chunked} (in a request) are errors, the request-smuggling vectors.
 *
 * @param kind how the body ends
 * @param length the body length for {@link Kind#FIXED}, else -1
 */
public record H1Framing(Kind kind, long length) {
    public enum Kind {
        /** No body (also: HEAD responses, 1xx, 204, 304, a Content-Length of 0). */
        NONE,
        /** Exactly {@code length} bytes (Content-Length). */
        FIXED,
        /** Chunked transfer coding. */
        CHUNKED,
        /** Until the connection closes (responses only). */
        UNTIL_CLOSE
    }

    public static final H1Framing NONE = new H1Framing(Kind.NONE, 0);
    public static final H1Framing CHUNKED = new H1Framing(Kind.CHUNKED, -1);
    public static final H1Framing UNTIL_CLOSE = new H1Framing(Kind.UNTIL_CLOSE, -1);

    /** The longest Content-Length accepted: 18 digits keep the arithmetic far from overflow. */
    static final int MAX_LENGTH_DIGITS = 18;

    /** The framing of a request body. */
    public static H1Framing ofRequest(RequestHead head) throws H1ParseError {
        HeaderMap h = head.headers();
        if (head.method().equals(Method.CONNECT)) {
            // RFC 9110 §9.3.6: a CONNECT request has no content; what follows is tunnel data
            return NONE;
        }
        boolean te = h.contains(HeaderName.TRANSFER_ENCODING);
        boolean cl = h.contains(HeaderName.CONTENT_LENGTH);
        if (te) {
            if (cl) {
                throw H1ParseError.bad("Content-Length together with Transfer-Encoding");
            }
            if (head.version() == Version.HTTP_1_0) {
                throw H1ParseError.bad("Transfer-Encoding in an HTTP/1.0 request");
            }
            if (!finalCodingIsChunked(h.getAll(HeaderName.TRANSFER_ENCODING), true)) {
                throw new H1ParseError(501, "Transfer-Encoding other than a final chunked");
            }
            return CHUNKED;
        }
        if (cl) {
            return fixed(contentLength(h.getAll(HeaderName.CONTENT_LENGTH)));
        }
        return NONE;
    }

    /**
     * The framing of a response body to a request with {@code requestMethod}: none for HEAD, 1xx,
     * 204, 304 and a 2xx to CONNECT; Transfer-Encoding ending in chunked; else Content-Length; else
     * until close.
     */
    public static H1Framing ofResponse(ResponseHead head, Method requestMethod) throws H1ParseError {
        int code = head.status().code();
        if (requestMethod.equals(Method.HEAD) || code < 200 || code == 204 || code == 304
                || (requestMethod.equals(Method.CONNECT) && code < 300)) {
            return NONE;
        }
        HeaderMap h = head.headers();
        boolean te = h.contains(HeaderName.TRANSFER_ENCODING);
        boolean cl = h.contains(HeaderName.CONTENT_LENGTH);
        if (te) {
            if (cl) {
                throw H1ParseError.bad("Content-Length together with Transfer-Encoding");
            }
            // RFC 9112 §6.3: a response whose final coding is not chunked runs until the connection closes
            return finalCodingIsChunked(h.getAll(HeaderName.TRANSFER_ENCODING), false) ? CHUNKED : UNTIL_CLOSE;
        }
        if (cl) {
            return fixed(contentLength(h.getAll(HeaderName.CONTENT_LENGTH)));
        }
        return UNTIL_CLOSE;
    }

    private static H1Framing fixed(long length) {
        return length == 0 ? NONE : new H1Framing(Kind.FIXED, length);
    }

    /**
     * The value of one or more Content-Length fields: each field is 1*DIGIT (no sign, no hex, no
     * list); several fields must agree (RFC 9110 §8.6 lets a recipient accept identical repeats).
     */
    static long contentLength(List<String> values) throws H1ParseError {
        long result = -1;
        for (String v : values) {
            int n = v.length();
            if (n == 0) {
                throw H1ParseError.bad("empty Content-Length");
            }
            if (n > MAX_LENGTH_DIGITS) {
                throw H1ParseError.bad("Content-Length is too large");
            }
            long value = 0;
            for (int i = 0; i < n; i++) {
                int d = v.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    throw H1ParseError.bad("malformed Content-Length");
                }
                value = value * 10 + d;
            }
            if (result >= 0 && result != value) {
                throw H1ParseError.bad("differing Content-Length values");
            }
            result = value;
        }
        return result;
    }

    /**
     * True if the transfer codings (comma-separated tokens over all fields) end in {@code chunked}
     * and {@code chunked} appears nowhere else. Malformed lists (empty elements, parameters,
     * non-tokens) and {@code chunked} twice are errors; so is {@code chunked} before another coding
     * in a request ({@code request}), while a response then simply runs until close.
     */
    static boolean finalCodingIsChunked(List<String> fields, boolean request) throws H1ParseError {
        int chunkedAt = -1;
        int index = 0;
        for (String field : fields) {
            int n = field.length();
            int i = 0;
            while (true) {
                int start = i;
                while (i < n && field.charAt(i) != ',') {
                    i++;
                }
                int a = start;
                int b = i;
                while (a < b && (field.charAt(a) == ' ' || field.charAt(a) == '\t')) {
                    a++;
                }
                while (b > a && (field.charAt(b - 1) == ' ' || field.charAt(b - 1) == '\t')) {
                    b--;
                }
                if (a == b) {
                    throw H1ParseError.bad("malformed Transfer-Encoding");
                }
                for (int k = a; k < b; k++) {
                    if (!sifr.http.internal.Ascii.isTchar(field.charAt(k))) {
                        throw H1ParseError.bad("malformed Transfer-Encoding");
                    }
                }
                if (b - a == 7 && field.regionMatches(true, a, "chunked", 0, 7)) {
                    if (chunkedAt >= 0) {
                        throw H1ParseError.bad("chunked applied more than once");
                    }
                    chunkedAt = index;
                }
                index++;
                if (i == n) {
                    break;
                }
                i++; // past the comma
            }
        }
        if (request && chunkedAt >= 0 && chunkedAt != index - 1) {
            throw H1ParseError.bad("chunked is not the final transfer coding");
        }
        return chunkedAt == index - 1;
    }

    /**
     * Whether the connection stays open after this message (RFC 9112 §9.3): {@code close} in
     * Connection ends it; HTTP/1.1 persists by default, HTTP/1.0 only with {@code keep-alive}.
     */
    public static boolean keepAlive(Version version, HeaderMap headers) {
        boolean close = false;
        boolean keep = false;
        for (String v : headers.getAll(HeaderName.CONNECTION)) {
            close |= hasToken(v, "close");
            keep |= hasToken(v, "keep-alive");
        }
        if (close) {
            return false;
        }
        return version == Version.HTTP_1_1 || keep;
    }

    /** True if the comma-separated list {@code value} contains {@code token}; see {@link Ascii#hasToken}. */
    public static boolean hasToken(String value, String token) {
        return Ascii.hasToken(value, token);
    }
}
