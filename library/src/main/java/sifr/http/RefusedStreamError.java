package sifr.http;

/**
 * The server did not process a request: it refused the stream (RST_STREAM REFUSED_STREAM, RFC 9113
 * §8.7), or the connection has used all its stream ids and the request was not sent. Such a request is
 * safe to send again, on this connection if it is still open or on a new one: {@link #isRetryable()} is
 * always true and the message says so. A server that went away is a {@link GoawayError}.
 */
public final class RefusedStreamError extends HttpError {
    private static final long serialVersionUID = 1L;

    public RefusedStreamError(String why) {
        super("HTTP/2 request refused (" + why + "): the server did not process it and it can be retried");
    }

    /** Always true: the server did not process the request. */
    @Override
    public boolean isRetryable() {
        return true;
    }
}
