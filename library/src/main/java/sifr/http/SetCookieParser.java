package sifr.http;

import java.time.Instant;
import java.util.Locale;
import sifr.http.internal.cookie.CookieDates;

/** Reads a {@code Set-Cookie} field value as a user agent does (RFC 6265bis §5.6), for {@link SetCookie#parse}. */
final class SetCookieParser {
    private SetCookieParser() {
    }

    static SetCookie parse(String header) {
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new HeaderError(Cookies.LINE_BREAK);
            }
        }
        int semi = header.indexOf(';');
        String pair = semi < 0 ? header : header.substring(0, semi);
        int eq = pair.indexOf('=');
        if (eq < 0) {
            throw new HeaderError(Cookies.INVALID_HEADER);
        }
        SetCookie.Builder b = SetCookie.builder(trim(pair.substring(0, eq)), trim(pair.substring(eq + 1)));
        int start = semi < 0 ? header.length() : semi + 1;
        while (start < header.length()) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = header.length();
            }
            attribute(b, header.substring(start, end));
            start = end + 1;
        }
        return b.build();
    }

    /** One {@code name[=value]} attribute; unknown names and bad values are ignored, as §5.6 says. */
    private static void attribute(SetCookie.Builder b, String av) {
        int eq = av.indexOf('=');
        String name = trim(eq < 0 ? av : av.substring(0, eq)).toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : trim(av.substring(eq + 1));
        if (value.length() > SetCookie.MAX_ATTRIBUTE) {
            return;
        }
        switch (name) {
            case "expires" -> {
                Instant when = cookieDate(value);
                if (when != null) {
                    b.expires = when;
                }
            }
            case "max-age" -> maxAge(b, value);
            case "domain" -> {
                String d = value.startsWith(".") ? value.substring(1) : value;
                if (SetCookie.isDomain(d)) {
                    b.domain = d.toLowerCase(Locale.ROOT);
                }
            }
            case "path" -> {
                if (SetCookie.isPath(value)) {
                    b.path = value;
                } else {
                    b.path = null; // §5.6.4: not starting with '/' means the default path
                }
            }
            case "secure" -> b.secure = true;
            case "httponly" -> b.httpOnly = true;
            case "partitioned" -> b.partitioned = true;
            case "samesite" -> {
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "strict" -> b.sameSite = SetCookie.SameSite.STRICT;
                    case "lax" -> b.sameSite = SetCookie.SameSite.LAX;
                    case "none" -> b.sameSite = SetCookie.SameSite.NONE;
                    default -> { } // an unknown value leaves the attribute unset (the browser's default)
                }
            }
            default -> { }
        }
    }

    /** §5.6.2: {@code -}? digits; zero or less means expired now (kept as 0). */
    private static void maxAge(SetCookie.Builder b, String value) {
        int i = value.startsWith("-") ? 1 : 0;
        if (i == value.length()) {
            return;
        }
        for (int k = i; k < value.length(); k++) {
            if (value.charAt(k) < '0' || value.charAt(k) > '9') {
                return;
            }
        }
        if (i == 1) {
            b.maxAgeSeconds = 0L;
            return;
        }
        // more digits than a long holds: as good as forever; user agents cap at 400 days anyway
        b.maxAgeSeconds = value.length() > 18 ? Long.MAX_VALUE / 1000 : Long.parseLong(value);
    }

    private static String trim(String s) {
        int a = 0;
        int z = s.length();
        while (a < z && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (z > a && (s.charAt(z - 1) == ' ' || s.charAt(z - 1) == '\t')) {
            z--;
        }
        return s.substring(a, z);
    }

    /** The cookie-date algorithm of §5.1.1 (shared with the client's cookie jar); null when the text is not a date by its rules. */
    static Instant cookieDate(String text) {
        return CookieDates.parse(text).orElse(null);
    }
}
