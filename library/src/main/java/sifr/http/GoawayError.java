package sifr.http;

/**
 * The server sent GOAWAY (RFC 9113 §6.8) and this request failed because of it. {@link #lastStreamId()}
 * is the highest stream the server said it may have processed, {@link #errorCode()} the GOAWAY's error
 * code (0 NO_ERROR for a graceful shutdown, RFC 9113 §7). {@link #isRetryable()} is true when the
 * request's stream was above the last stream id, or the request was never sent because the GOAWAY came
 * first: the server certainly did not process it, so sending it again on a new connection is safe even
 * for a non-idempotent method. It is false for a stream the server may have processed that then lost
 * its connection. Either way the connection takes no new requests: open a new one.
 */
public final class GoawayError extends HttpError {
    private static final long serialVersionUID = 1L;

    private final int lastStreamId;
    private final long errorCode;
    private final boolean retryable;

    /**
     * @param message what happened, in full
     * @param lastStreamId the GOAWAY's last-stream-id (0..2^31-1)
     * @param errorCode the GOAWAY's error code (0..2^32-1)
     * @param retryable whether the server certainly did not process the request
     */
    public GoawayError(String message, int lastStreamId, long errorCode, boolean retryable) {
        super(message);
        this.lastStreamId = lastStreamId;
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    /** The last stream id the server's GOAWAY named: streams above it were not processed. */
    public int lastStreamId() {
        return lastStreamId;
    }

    /** The GOAWAY's error code (RFC 9113 §7): 0 NO_ERROR for a graceful shutdown. */
    public long errorCode() {
        return errorCode;
    }

    /** True when the request was above {@link #lastStreamId()} or never sent: safe to send again elsewhere. */
    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
