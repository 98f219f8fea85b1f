package sifr.http;

/** A body could not be read or exceeded its limit (the message then contains {@code exceeds limit}). */
public class BodyError extends HttpError {
    private static final long serialVersionUID = 1L;

    public BodyError(String message) {
        super(message);
    }

    public BodyError(String message, Throwable cause) {
        super(message, cause);
    }
}
