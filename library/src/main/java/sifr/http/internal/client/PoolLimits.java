package sifr.http.internal.client;

import java.time.Duration;

/**
 * The pool's bounds, from the client's options.
 *
 * @param maxConnectionsPerOrigin connections open or being opened to one origin
 * @param maxWaitingPerOrigin callers waiting for a connection of one origin
 * @param waitTimeout the longest wait for a connection (the request's deadline may end it sooner)
 * @param idleTimeout how long a connection without exchanges stays open
 */
public record PoolLimits(int maxConnectionsPerOrigin, int maxWaitingPerOrigin, Duration waitTimeout, Duration idleTimeout) {
}
