package sifr.http;

import java.time.Duration;
import java.util.Objects;
import sifr.task.Task;
import sifr.task.TimeoutError;

/**
 * A deadline for the handlers it wraps, as a {@code Task.timeout} block around the call: every
 * blocking Sifr operation inside (socket and body reads, {@code Task.sleep}, joins, child tasks of a
 * {@code TaskScope}) ends with its {@link TimeoutError} once the deadline passes, and the client gets
 * {@code 503 Service Unavailable} as a problem response ({@link Problems}) instead of waiting.
 *
 * <p>Why 503 and not 504: 504 says an upstream server did not answer in time, which is for gateways;
 * here the server itself gave up on its own work, as Go's {@code http.TimeoutHandler} answers too. A
 * handler that calls an upstream and wants 504 can catch the {@code TimeoutError} and throw
 * {@code new ProblemError(504, ...)}.
 *
 * <p>Limits of a cooperative deadline: code that blocks outside Sifr ({@code Thread.sleep}, JDBC, a
 * CPU loop) does not see it, so the 503 comes when such code returns to a Sifr operation or ends.
 * The deadline covers the handler's call, not the streaming of a body it returned (the server's write
 * timeout covers that). An inner, shorter timeout still wins; a longer one cannot extend an outer
 * deadline.
 *
 * <pre>{@code router.handle("GET /report", Handlers.chain(report, RouteTimeout.of(Duration.ofSeconds(2))));}</pre>
 */
public final class RouteTimeout {
    private RouteTimeout() {
    }

    /**
     * The middleware with this deadline.
     *
     * @throws IllegalArgumentException {@code task timeout must not be negative} / {@code task timeout
     *     is too large} (over 86,400 s), as {@link Task#timeout}
     */
    public static Middleware of(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        // the bounds of Task.timeout, checked now (at configuration) instead of on every request
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("task timeout must not be negative");
        }
        if (timeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("task timeout is too large");
        }
        return next -> request -> {
            try {
                return Task.timeout(timeout, () -> next.handle(request));
            } catch (TimeoutError e) {
                if (!"task timeout expired".equals(e.getMessage())) {
                    throw e; // an inner block's or an operation's own timeout: not this deadline
                }
                return Problems.response(503, "the request took longer than " + timeout.toMillis() + " ms");
            }
        };
    }
}
