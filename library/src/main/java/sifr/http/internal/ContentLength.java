package sifr.http.internal;

import sifr.http.HeaderMap;
import sifr.http.HeaderName;

/**
 * Reads the {@code content-length} fields of a message (RFC 9110 §8.6) where a lenient reading is
 * right: HTTP/2 heads, whose framing does not depend on it, and a handler's own fields. HTTP/1.1
 * requests, whose framing does, have their strict parser ({@code H1Framing}).
 */
public final class ContentLength {
    private ContentLength() {
    }

    /**
     * The declared length: -1 if there is no {@code content-length}, -2 if it is malformed (not a
     * number of at most 18 digits, or several fields with differing values).
     */
    public static long of(HeaderMap headers) {
        if (!headers.contains(HeaderName.CONTENT_LENGTH)) {
            return -1;
        }
        long result = -1;
        for (String v : headers.getAll(HeaderName.CONTENT_LENGTH)) {
            long n = parseLength(v);
            if (n < 0 || (result >= 0 && n != result)) {
                return -2;
            }
            result = n;
        }
        return result;
    }

    private static long parseLength(String v) {
        int len = v.length();
        if (len == 0 || len > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < len; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
