package sifr.http;

import java.util.Objects;

/** One field of a {@link HeaderMap}: a validated name and value, as iterated in insertion order. */
public record HeaderField(HeaderName name, HeaderValue value) {
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Validates both parts. */
    public static HeaderField of(String name, String value) {
        return new HeaderField(HeaderName.of(name), HeaderValue.of(value));
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
