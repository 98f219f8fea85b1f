package sifr.http;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import sifr.http.internal.Ascii;

/** The {@code Cookie} request header (RFC 6265 §4.2): parsing into pairs and building from pairs. */
final class Cookies {
    static final String LINE_BREAK = "cookie headers must not contain line breaks or NUL";
    static final String INVALID_HEADER = "invalid cookie header";
    static final String INVALID_NAME = "invalid cookie name";
    static final String INVALID_VALUE = "invalid cookie value";
    static final String TOO_LARGE = "cookie header exceeds 65536 bytes";
    /** The most a built {@code Cookie} header may hold: the 64 KiB any header value is allowed. */
    static final int MAX_HEADER = 64 * 1024;

    private Cookies() {
    }

    /**
     * Splits on {@code ;}, trims spaces and tabs, skips empty parts, splits each at its first {@code =};
     * the name must be a token, the value cookie-octets (optionally in double quotes, kept).
     */
    static List<Map.Entry<String, String>> parse(String header) {
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new HeaderError(LINE_BREAK);
            }
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        int n = header.length();
        int start = 0;
        while (start <= n) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = n;
            }
            int a = start;
            int b = end;
            while (a < b && isOws(header.charAt(a))) {
                a++;
            }
            while (b > a && isOws(header.charAt(b - 1))) {
                b--;
            }
            if (a < b) {
                int eq = header.indexOf('=', a);
                if (eq < 0 || eq >= b) {
                    throw new HeaderError(INVALID_HEADER);
                }
                String name = header.substring(a, eq);
                String value = header.substring(eq + 1, b);
                checkName(name);
                checkValue(value);
                out.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            }
            start = end + 1;
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Joins validated pairs as {@code name=value; name=value}. Each name must be a token and each
     * value plain cookie-octets (no double quotes: a value is sent exactly as given), checked before
     * anything else, so a value carrying a line break ({@code bar\r\nInjected: x}) is an
     * {@code invalid cookie value}, as in Sifr.
     */
    static String build(List<? extends Map.Entry<String, String>> pairs) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : pairs) {
            String name = e.getKey();
            String value = e.getValue();
            checkName(name);
            checkOctets(value, 0, value.length());
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(name).append('=').append(value);
            if (sb.length() > MAX_HEADER) {
                throw new HeaderError(TOO_LARGE);
            }
        }
        return sb.toString();
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    static void checkName(String name) {
        if (!Ascii.isToken(name)) {
            throw new HeaderError(INVALID_NAME);
        }
    }

    /** cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE ), as received. */
    static void checkValue(String value) {
        int a = 0;
        int b = value.length();
        if (b >= 2 && value.charAt(0) == '"' && value.charAt(b - 1) == '"') {
            a++;
            b--;
        }
        checkOctets(value, a, b);
    }

    private static void checkOctets(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Ascii.isCookieOctet(value.charAt(i))) {
                throw new HeaderError(INVALID_VALUE);
            }
        }
    }
}
