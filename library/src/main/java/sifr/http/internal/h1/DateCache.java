package sifr.http.internal.h1;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code date: <IMF-fixdate>\r\n} field line (RFC 9110 §5.6.7), formatted at most once per second
 * for all connections. Racy but safe: the cached pair is one immutable object.
 */
final class DateCache {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private record Line(long second, byte[] bytes) {
    }

    private static volatile Line current = new Line(-1, new byte[0]);

    private DateCache() {
    }

    /** The whole field line for the current second, CRLF included. Do not modify the array. */
    static byte[] fieldLine() {
        long now = System.currentTimeMillis() / 1000;
        Line line = current;
        if (line.second != now) {
            String text = "date: " + IMF_FIXDATE.format(Instant.ofEpochSecond(now)) + "\r\n";
            line = new Line(now, text.getBytes(StandardCharsets.US_ASCII));
            current = line;
        }
        return line.bytes;
    }
}
