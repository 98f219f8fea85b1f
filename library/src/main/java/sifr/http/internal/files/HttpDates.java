package sifr.http.internal.files;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * HTTP-date (RFC 9110 §5.6.7): sent as IMF-fixdate; received in any of its three forms (IMF-fixdate,
 * the obsolete RFC 850 form and asctime), as recipients must accept. An unparseable date is null:
 * the precondition it belongs to is then ignored, as §13.1.3/§13.1.4 require.
 */
public final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    // the day name is skipped when reading: it is redundant, and a wrong one is no reason to drop a date
    private static final DateTimeFormatter IMF_FIXDATE_IN =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("dd-MMM-yy HH:mm:ss 'GMT'", Locale.US);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy", Locale.US);

    private HttpDates() {
    }

    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    private record Formatted(long second, String text) {
    }

    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    /**
     * {@link #format} through a one-entry cache: a file served again and again (the common case for
     * Last-Modified) is formatted once. Racy but safe: the cached pair is one immutable object.
     */
    public static String formatCached(Instant instant) {
        Formatted f = last;
        if (f.second() != instant.getEpochSecond() || instant.getNano() != 0) {
            f = new Formatted(instant.getEpochSecond(), format(instant));
            last = f;
        }
        return f.text();
    }

    /** The instant of an HTTP-date, or null when {@code text} is none of the three forms. */
    public static Instant parse(String text) {
        String s = text.strip();
        if (s.length() > 64) {
            return null;
        }
        try {
            int comma = s.indexOf(',');
            if (comma == 3) {
                return LocalDateTime.parse(s.substring(5), IMF_FIXDATE_IN).toInstant(ZoneOffset.UTC);
            }
            if (comma > 3) {
                LocalDateTime t = LocalDateTime.parse(s.substring(comma + 2), RFC_850);
                // two-digit years: a date more than 50 years in the future means the past century (§5.6.7)
                if (t.isAfter(LocalDateTime.now(ZoneOffset.UTC).plusYears(50))) {
                    t = t.minusYears(100);
                }
                return t.toInstant(ZoneOffset.UTC);
            }
            int space = s.indexOf(' ');
            return space != 3 ? null : LocalDateTime.parse(s.substring(4), ASCTIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | IndexOutOfBoundsException e) { // too short for its form, or not a date
            return null;
        }
    }
}
