package sifr.http.internal.cookie;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * RFC 6265 §5.1.1: the lenient cookie-date algorithm user agents apply to {@code Expires}. The value
 * is split into tokens at delimiters; the first token that looks like a time, a day of month, a month
 * and a year (in that order of trying) fills each; anything else, a zone included, is ignored.
 */
public final class CookieDates {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};

    private CookieDates() {
    }

    /** The instant a cookie-date names (taken as UTC), or empty when §5.1.1 says it fails. */
    public static Optional<Instant> parse(String date) {
        int[] time = null;
        int day = -1;
        int month = -1;
        int year = -1;
        int n = date.length();
        int i = 0;
        while (i < n) {
            while (i < n && isDelimiter(date.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isDelimiter(date.charAt(i))) {
                i++;
            }
            if (start == i) {
                continue;
            }
            String token = date.substring(start, i);
            int[] t;
            int v;
            if (time == null && (t = time(token)) != null) {
                time = t;
            } else if (day < 0 && (v = digits(token, 1, 2)) >= 0) {
                day = v;
            } else if (month < 0 && (v = month(token)) >= 0) {
                month = v;
            } else if (year < 0 && (v = digits(token, 2, 4)) >= 0) {
                year = v;
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (time == null || day < 1 || day > 31 || month < 0 || year < 1601
                || time[0] > 23 || time[1] > 59 || time[2] > 59) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month + 1, day, time[0], time[1], time[2]).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty(); // a day the month does not have: "the date does not exist"
        }
    }

    /** delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E */
    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60)
                || (c >= 0x7b && c <= 0x7e);
    }

    /** {@code min*max DIGIT ( non-digit *OCTET )}: the number, or -1. */
    private static int digits(String token, int min, int max) {
        int i = 0;
        int value = 0;
        while (i < token.length() && i < max && isDigit(token.charAt(i))) {
            value = value * 10 + token.charAt(i) - '0';
            i++;
        }
        if (i < min || (i < token.length() && isDigit(token.charAt(i)))) {
            return -1;
        }
        return value;
    }

    /** {@code hms-time ( non-digit *OCTET )}, hms-time = three 1*2DIGIT fields joined by ':'; null if not. */
    private static int[] time(String token) {
        int[] out = new int[3];
        int i = 0;
        for (int field = 0; field < 3; field++) {
            if (field > 0) {
                if (i >= token.length() || token.charAt(i) != ':') {
                    return null;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < token.length() && i - start < 2 && isDigit(token.charAt(i))) {
                value = value * 10 + token.charAt(i) - '0';
                i++;
            }
            if (i == start) {
                return null;
            }
            out[field] = value;
        }
        if (i < token.length() && isDigit(token.charAt(i))) {
            return null;
        }
        return out;
    }

    /** {@code month = ( "jan" / ... / "dec" ) *OCTET}, case-insensitive: 0..11, or -1. */
    private static int month(String token) {
        if (token.length() < 3) {
            return -1;
        }
        String prefix = token.substring(0, 3);
        for (int m = 0; m < 12; m++) {
            if (prefix.equalsIgnoreCase(MONTHS[m])) {
                return m;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
