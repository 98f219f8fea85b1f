package sifr.http.internal.hpack;

import sifr.http.HeaderError;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;

/**
 * Turns decoded names and values into {@code sifr.http} types for {@link HeaderFieldSink}, with
 * RFC 9113 §8.2.1's extra rules: no uppercase in names (HTTP/2 names are sent lowercase; a
 * {@code HeaderName} would silently lowercase), no leading or trailing whitespace in values (a
 * {@code HeaderValue} would silently trim). Results are cached per table entry by the decoder.
 */
final class TypedFields {
    /** A pseudo-field name: passed on as a string. */
    static final Object PSEUDO = new Object();

    /** Why a name or value is not a valid HTTP field. */
    record Invalid(String reason) {
    }

    private TypedFields() {
    }

    /** A {@link HeaderName}, {@link #PSEUDO} or {@link Invalid}. */
    static Object name(String name) {
        if (!name.isEmpty() && name.charAt(0) == ':') {
            return PSEUDO;
        }
        for (int i = 0, n = name.length(); i < n; i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return new Invalid("uppercase in HTTP/2 field name");
            }
        }
        try {
            return HeaderName.of(name);
        } catch (HeaderError e) {
            return new Invalid(e.getMessage());
        }
    }

    /** A {@link HeaderValue} or {@link Invalid}. */
    static Object value(String value) {
        int n = value.length();
        if (n > 0 && (isWhitespace(value.charAt(0)) || isWhitespace(value.charAt(n - 1)))) {
            return new Invalid("HTTP/2 field value starts or ends with whitespace");
        }
        try {
            return HpackFields.toHeaderValue(value, false);
        } catch (HeaderError e) {
            return new Invalid(e.getMessage());
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
