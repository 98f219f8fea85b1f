package sifr.http.internal.h2;

import sifr.http.HeaderName;
import sifr.http.internal.ResponseRules;

/** Field rules HTTP/2 adds to HTTP semantics (RFC 9113 §8.2.2). */
final class Http2Fields {
    private static final String[] STATUS = new String[1000];

    static {
        for (int i = 100; i < 1000; i++) {
            STATUS[i] = Integer.toString(i);
        }
    }

    private Http2Fields() {
    }

    /** Fields HTTP/2 does not carry: they describe an HTTP/1.1 connection, not the message. */
    static boolean isConnectionSpecific(HeaderName name) {
        return ResponseRules.isConnectionSpecific(name);
    }

    /** The {@code :status} value of a code in 100..999, without allocating. */
    static String status(int code) {
        return STATUS[code];
    }

    /** Parses a three-digit {@code :status}; -1 if it is not one. */
    static int parseStatus(String s) {
        if (s == null || s.length() != 3) {
            return -1;
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        return code >= 100 ? code : -1;
    }
}
