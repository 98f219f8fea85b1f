package sifr.http.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code date: <IMF-fixdate>\r\n} field line (RFC 9110 §5.6.7), formatted at most once per second
 * for all connections, HTTP/1.1 and HTTP/2 alike. Racy but safe: the cached pair is one immutable object.
 */
public final class DateCache {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private record Line(long second, byte[] bytes, String value) {
    }

    private static volatile Line current = new Line(-1, new byte[0], "");

    private DateCache() {
    }

    /** The whole field line for the current second, CRLF included. Do not modify the array. */
    public static byte[] fieldLine() {
        return current().bytes;
    }

    /** The IMF-fixdate of the current second (the field's value), for HTTP/2's {@code date}. */
    public static String value() {
        return current().value;
    }

    private static Line current() {
        long now = System.currentTimeMillis() / 1000;
        Line line = current;
        if (line.second != now) {
            String value = IMF_FIXDATE.format(Instant.ofEpochSecond(now));
            line = new Line(now, ("date: " + value + "\r\n").getBytes(StandardCharsets.US_ASCII), value);
            current = line;
        }
        return line;
    }
}
