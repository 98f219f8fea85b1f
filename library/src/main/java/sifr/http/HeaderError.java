package sifr.http;

/** A header name, value or section failed validation (e.g. {@code invalid header name: ...}). */
public class HeaderError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public HeaderError(String message) {
        super(message);
    }
}
