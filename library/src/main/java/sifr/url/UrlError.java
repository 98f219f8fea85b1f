package sifr.url;

/** A URL or URL component was invalid; the message names what was wrong (e.g. {@code invalid URL host}). */
public class UrlError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UrlError(String message) {
        super(message);
    }
}
