package sifr.http;

import java.util.Objects;

/**
 * Thrown by a handler to answer with an RFC 9457 problem: {@link Problems#middleware()} turns it into
 * an {@code application/problem+json} response with this status, the status's reason phrase as
 * {@code title} and {@link #getMessage()} as {@code detail} (sent to the client: put nothing secret in
 * it). Logged at DEBUG for 4xx (the client's mistake) and at ERROR for 5xx.
 *
 * <pre>{@code throw new ProblemError(404, "no item 42");}</pre>
 */
public class ProblemError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @throws IllegalArgumentException {@code problem status must be 400..599}
     */
    public ProblemError(int status, String detail) {
        this(status, detail, null);
    }

    /** With the exception that led to it (logged, never sent). */
    public ProblemError(int status, String detail, Throwable cause) {
        super(Objects.requireNonNull(detail, "detail"), cause);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("problem status must be 400..599");
        }
        this.status = status;
    }

    /** The response status (400..599). */
    public int status() {
        return status;
    }
}
