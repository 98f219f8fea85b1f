package sifr.http.internal.hpack;

import java.nio.charset.StandardCharsets;
import sifr.http.HeaderValue;

/**
 * Bridges HPACK's strings (one char per octet, as the tables hold them) and {@code sifr.http}'s
 * {@link HeaderValue}, which is octets with a text view. ASCII, nearly every real field, passes
 * through as the same string; only values with octets 0x80..0xFF go through their bytes, so they
 * keep their exact octets both ways.
 */
public final class HpackFields {
    private HpackFields() {
    }

    /**
     * A decoded value as a {@link HeaderValue}.
     *
     * @throws sifr.http.HeaderError if the octets are not a valid field value
     */
    public static HeaderValue toHeaderValue(String octets, boolean sensitive) {
        HeaderValue v = isAscii(octets)
                ? HeaderValue.of(octets)
                : HeaderValue.of(octets.getBytes(StandardCharsets.ISO_8859_1), 0, octets.length());
        return v.withSensitive(sensitive);
    }

    /** The octets of {@code value} as HPACK's encoder takes them. */
    public static String toOctets(HeaderValue value) {
        String text = value.value();
        // Equal lengths mean one char per octet: ASCII, or octets that were not UTF-8 and so read
        // as ISO-8859-1 (char = octet). Any other non-ASCII text is longer in octets than in chars.
        if (text.length() == value.length()) {
            return text;
        }
        return new String(value.bytes(), StandardCharsets.ISO_8859_1);
    }

    static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
