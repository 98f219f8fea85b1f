package sifr.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Reads a {@code Set-Cookie} field value as a user agent does (RFC 6265bis §5.6), for {@link SetCookie#parse}. */
final class SetCookieParser {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

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

    /** The cookie-date algorithm of §5.1.1; null when the text is not a date by its rules. */
    static Instant cookieDate(String text) {
        int hour = -1;
        int minute = -1;
        int second = -1;
        int day = -1;
        int month = -1;
        int year = -1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && isDelimiter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isDelimiter(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                continue;
            }
            String token = text.substring(start, i);
            int[] hms;
            if (hour < 0 && (hms = time(token)) != null) {
                hour = hms[0];
                minute = hms[1];
                second = hms[2];
            } else if (day < 0 && digits(token, 1, 2) >= 0) {
                day = digits(token, 1, 2);
            } else if (month < 0 && monthOf(token) >= 0) {
                month = monthOf(token);
            } else if (year < 0 && digits(token, 2, 4) >= 0) {
                year = digits(token, 2, 4);
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (hour < 0 || day < 0 || month < 0 || year < 0 || day < 1 || day > 31 || year < 1601
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month + 1, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // 31 February and the like
        }
    }

    private static boolean isDelimiter(char c) {
        return c == 0x09 || c >= 0x20 && c <= 0x2F || c >= 0x3B && c <= 0x40 || c >= 0x5B && c <= 0x60
                || c >= 0x7B && c <= 0x7E;
    }

    /** {@code min..max} digits, then optionally a non-digit and anything: the number, else -1. */
    private static int digits(String token, int min, int max) {
        int k = 0;
        while (k < token.length() && k < max + 1 && Character.isDigit(token.charAt(k)) && token.charAt(k) < 0x80) {
            k++;
        }
        if (k < min || k > max) {
            return -1;
        }
        return Integer.parseInt(token.substring(0, k));
    }

    /** hms-time = 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT, then optionally a non-digit and anything. */
    private static int[] time(String token) {
        int[] out = new int[3];
        int k = 0;
        for (int part = 0; part < 3; part++) {
            int start = k;
            while (k < token.length() && k - start < 3 && token.charAt(k) >= '0' && token.charAt(k) <= '9') {
                k++;
            }
            if (k - start < 1 || k - start > 2) {
                return null;
            }
            out[part] = Integer.parseInt(token.substring(start, k));
            if (part < 2) {
                if (k >= token.length() || token.charAt(k) != ':') {
                    return null;
                }
                k++;
            }
        }
        return out;
    }

    private static int monthOf(String token) {
        if (token.length() < 3) {
            return -1;
        }
        String m = token.substring(0, 3).toLowerCase(Locale.ROOT);
        for (int k = 0; k < MONTHS.length; k++) {
            if (MONTHS[k].equals(m)) {
                return k;
            }
        }
        return -1;
    }
}
