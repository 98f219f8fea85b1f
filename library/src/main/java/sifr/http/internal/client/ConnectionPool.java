package sifr.http.internal.client;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.HttpClientOptions;
import sifr.http.HttpError;
import sifr.http.Proxy;

/**
 * A client's connections, one {@link OriginPool} per origin, and the virtual thread that closes idle
 * ones. The map is concurrent (lookups take no lock); an origin's pool leaves the map once it has no
 * connection, no connect and no waiter left, so the map holds only origins in use.
 *
 * <p>Locking: {@link #lock} guards only {@link #closed} and the evictor's sleep; it is never held
 * while an origin's lock is (the evictor collects, then visits the pools one by one).
 */
public final class ConnectionPool implements AutoCloseable {
    private final HttpClientOptions options;
    private final PoolLimits limits;
    private final Proxy proxy; // null: direct
    private final ConcurrentHashMap<Origin, OriginPool> origins = new ConcurrentHashMap<>();
    private final Coalescing coalescing;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closing = lock.newCondition();
    private volatile boolean closed;
    private final Thread evictor;

    /** A pool opening connections directly, or through {@code proxy} when it is not null. */
    public ConnectionPool(HttpClientOptions options, PoolLimits limits, Proxy proxy) {
        this.options = options;
        this.limits = limits;
        this.proxy = proxy;
        this.coalescing = new Coalescing(options.connectTimeout().toNanos());
        this.evictor = Thread.ofVirtual().name("sifr-http-client-evictor").start(this::evictLoop);
    }

    /**
     * A lease on a connection to {@code origin}, for one exchange. See {@link OriginPool#acquireUnlessRetired}.
     *
     * @param retrySafe the request may be sent again should the connection turn out stale
     * @param mayCoalesce the request may go over another origin's HTTP/2 connection ({@link Coalescing};
     *     never through a proxy or with HTTP/2 off): the caller can send it again after a 421
     */
    public OriginPool.Lease acquire(Origin origin, ConnectEvents events, boolean retrySafe, boolean mayCoalesce)
            throws IOException {
        while (true) {
            if (closed) {
                throw new HttpError("HTTP client is closed");
            }
            OriginPool pool = origins.computeIfAbsent(origin, o -> new OriginPool(o, options, limits, proxy));
            if (mayCoalesce && proxy == null && options.offerH2()) {
                OriginPool.Lease shared = coalescing.lease(origin, pool, origins.values(), events);
                if (shared != null) {
                    return shared;
                }
            }
            OriginPool.Lease lease = pool.acquireUnlessRetired(events, retrySafe);
            if (lease != null) {
                return lease;
            }
            // the evictor retired that pool between our lookup and our acquire: look it up again
        }
    }

    /** A 421 came on a connection {@code origin} shared: it uses its own connections from now on. */
    public void misdirected(Origin origin) {
        coalescing.refuse(origin);
    }

    /** The exchange on a lease ended; its connection goes back (or away, if it closed). */
    public void release(OriginPool.Lease lease) {
        lease.pool().release(lease.connection());
    }

    /** The proxy every connection goes through, or null. */
    public Proxy proxy() {
        return proxy;
    }

    /** Connections open or being opened to {@code origin} (0 if none): for tests. */
    public int openConnections(Origin origin) {
        OriginPool p = origins.get(origin);
        return p == null ? 0 : p.openConnections();
    }

    /** Idle HTTP/1.1 connections to {@code origin}: for tests. */
    public int idleConnections(Origin origin) {
        OriginPool p = origins.get(origin);
        return p == null ? 0 : p.idleConnections();
    }

    private void evictLoop() {
        // wake often enough that a connection overstays its idle timeout by at most a quarter of it
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(limits.idleTimeout().toNanos() / 4, TimeUnit.SECONDS.toNanos(30)));
        while (true) {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closing.awaitNanos(period);
                if (closed) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            evictIdle();
        }
    }

    /** Closes idle connections past the idle timeout; drops origins left empty. */
    void evictIdle() {
        long now = System.nanoTime();
        for (var entry : origins.entrySet()) {
            if (entry.getValue().evictIdle(now) && entry.getValue().retireIfEmpty()) {
                origins.remove(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Closes every connection and stops the evictor; calls in progress and later ones fail. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closing.signalAll();
        } finally {
            lock.unlock();
        }
        for (OriginPool p : origins.values()) {
            p.close();
        }
        origins.clear();
    }
}
