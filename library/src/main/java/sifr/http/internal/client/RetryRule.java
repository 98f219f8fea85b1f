package sifr.http.internal.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import sifr.http.BodyError;
import sifr.http.Method;
import sifr.http.RefusedStreamError;
import sifr.task.TimeoutError;

/**
 * Whether a failed attempt is sent again: only when that is safe (RFC 9110 §9.2.2), as a pure
 * function of what is known about the attempt.
 * <ul>
 *   <li>a request the server did not process: HTTP/2 REFUSED_STREAM or a GOAWAY below its stream
 *       ({@link RefusedStreamError}), any method;
 *   <li>a stale connection found on write: a reused HTTP/1.1 connection whose write failed before any
 *       response byte (the server had closed it while it was idle), any method;
 *   <li>an idempotent method (GET, HEAD, PUT, DELETE, OPTIONS, TRACE, QUERY) on a connection failure
 *       before any response byte;
 * </ul>
 * and never: after a timeout or cancellation (the caller's bound), when the request body failed at
 * its source or cannot be sent again, on a body error (it would fail again), once a response byte arrived, or past the retry budget. So a
 * POST that may have reached the server is never sent twice.
 */
public final class RetryRule {
    private RetryRule() {
    }

    /**
     * What is known about a failed attempt.
     *
     * @param method the request's method
     * @param failure what the attempt threw
     * @param reusedConnection the connection had carried an exchange before
     * @param responseStarted a byte of the response (HTTP/1.1) or its head (HTTP/2) had arrived
     * @param writeFailed writing the request failed at the transport (HTTP/1.1)
     * @param bodySourceFailed the caller's request body failed while being read
     * @param bodyReplayable the request body can be sent again (none, or buffered)
     */
    public record Attempt(Method method, IOException failure, boolean reusedConnection, boolean responseStarted,
            boolean writeFailed, boolean bodySourceFailed, boolean bodyReplayable) {
    }

    /** Why the attempt may be sent again, or null when it must not be. */
    public static String retryReason(Attempt a, int retriesSoFar, int maxRetries) {
        if (retriesSoFar >= maxRetries || a.bodySourceFailed() || !a.bodyReplayable() || isCallerBound(a.failure())
                || a.failure() instanceof BodyError) { // about the body, not the connection: it would fail again
            return null;
        }
        if (a.failure() instanceof RefusedStreamError) {
            return "the server refused the stream before processing it";
        }
        if (a.responseStarted()) {
            return null;
        }
        if (a.reusedConnection() && a.writeFailed()) {
            return "stale connection: the write failed before any response";
        }
        if (a.method().isIdempotent()) {
            return "connection failed before any response to an idempotent request";
        }
        return null;
    }

    /** Timeouts and interrupts are the caller's bounds: repeating the attempt would overrun them. */
    private static boolean isCallerBound(Throwable e) {
        for (int depth = 0; e != null && depth < 8; depth++, e = e.getCause()) {
            if (e instanceof TimeoutError || e instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }
}
