package sifr.http;

/**
 * {@link HttpClient} found every connection to an origin busy and as many callers already waiting as
 * it allows ({@code HttpClient.Builder#maxWaitingRequests}); the request was not sent. Raise the
 * limits, or send fewer requests at once.
 */
public final class PoolExhaustedError extends HttpError {
    private static final long serialVersionUID = 1L;

    /** For the pool, which names the origin and its counts (never a URL's path or credentials). */
    public PoolExhaustedError(String origin, int connections, int waiting) {
        super("HTTP connection pool for " + origin + " is exhausted: " + connections + " connections busy and "
                + waiting + " requests waiting already; the request was not sent");
    }
}
