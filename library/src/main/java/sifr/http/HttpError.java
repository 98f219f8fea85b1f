package sifr.http;

import java.io.IOException;

/**
 * An HTTP protocol failure: malformed message, limit exceeded, connection closed mid-exchange. Branch on
 * {@link #isRetryable()} to decide whether sending the request again is safe; the subtypes say why:
 * {@link RefusedStreamError} (the server refused the stream), {@link GoawayError} (the server went away,
 * with its last stream id and error code), {@link BodyError} (a body failed; {@code isLimitExceeded()}).
 */
public class HttpError extends IOException {
    private static final long serialVersionUID = 1L;

    public HttpError(String message) {
        super(message);
    }

    public HttpError(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when the request certainly did not reach application processing on the server, so sending
     * it again (on a new connection, or on this one if it is still open) is safe even for a non-idempotent
     * method: a refused stream ({@link RefusedStreamError}), a stream above a GOAWAY's last stream id or a
     * request the GOAWAY kept from being sent ({@link GoawayError}). False for everything else, including
     * failures after which the server may or may not have acted on the request.
     */
    public boolean isRetryable() {
        return false;
    }
}
