package sifr.http;

/**
 * A body could not be read, or exceeded its limit. Branch on {@link #isLimitExceeded()} to tell the
 * two apart (the message is for people: never match it). A server answers a handler that failed with
 * a limit breach {@code 413 Content Too Large} instead of 500.
 */
public class BodyError extends HttpError {
    private static final long serialVersionUID = 1L;

    /** Whether the body was larger than a limit (a configured one or {@code collectWithLimit}'s). */
    private final boolean limitExceeded;

    /** A body that could not be read: cut short, malformed, or read twice. */
    public BodyError(String message) {
        this(message, null, false);
    }

    /** Like {@link #BodyError(String)}, with the failure underneath. */
    public BodyError(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** For subclasses that may be limit breaches. */
    protected BodyError(String message, Throwable cause, boolean limitExceeded) {
        super(message, cause);
        this.limitExceeded = limitExceeded;
    }

    /**
     * A body longer than the limit its reader set ({@code body exceeds limit of N bytes} by convention):
     * {@link #isLimitExceeded()} is true.
     */
    public static BodyError limitExceeded(String message) {
        return new BodyError(message, null, true);
    }

    /** Like {@link #limitExceeded(String)}, with the failure underneath (the same breach seen again). */
    public static BodyError limitExceeded(String message, Throwable cause) {
        return new BodyError(message, cause, true);
    }

    /** True when the body was larger than a limit; false when it could not be read for another reason. */
    public boolean isLimitExceeded() {
        return limitExceeded;
    }
}
