package sifr.http.internal.h1;

import sifr.http.HttpError;
import sifr.http.internal.AnsweredStatus;

/**
 * A malformed or oversized HTTP/1.1 message. {@link #status()} is what a server answers before
 * closing: 400, 414 (request line too long), 431 (header section too large), 501 (unsupported
 * transfer coding) or 505 (unsupported version).
 */
public final class H1ParseError extends HttpError implements AnsweredStatus {
    private static final long serialVersionUID = 1L;

    private final int status;

    public H1ParseError(int status, String message) {
        super(message);
        this.status = status;
    }

    static H1ParseError bad(String message) {
        return new H1ParseError(400, message);
    }

    @Override
    public int status() {
        return status;
    }
}
