package sifr.http;

/**
 * The server did not process a request: it refused the stream (RST_STREAM REFUSED_STREAM, RFC 9113
 * §8.7) or went away below it (GOAWAY with a lower last-stream-id, §6.8). Such a request is safe to
 * send again, on this connection if it is still open or on a new one; the message says so. Public so
 * that a caller can tell a retryable refusal from other failures.
 */
public final class RefusedStreamError extends HttpError {
    private static final long serialVersionUID = 1L;

    public RefusedStreamError(String why) {
        super("HTTP/2 request refused (" + why + "): the server did not process it and it can be retried");
    }
}
