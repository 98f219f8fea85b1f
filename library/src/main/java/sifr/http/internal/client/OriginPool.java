package sifr.http.internal.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.HttpClientOptions;
import sifr.http.HttpError;
import sifr.http.PoolExhaustedError;
import sifr.http.Proxy;
import sifr.task.Task;
import sifr.task.TimeoutError;

/**
 * The connections of one origin. HTTP/1.1: up to {@code maxConnectionsPerOrigin} connections, one
 * exchange each at a time; idle ones are kept most-recent-first (a warm connection is reused before a
 * cold one, and the cold ones age out) and checked for a peer that closed while they were idle before
 * reuse. HTTP/2: exchanges share a connection up to the server's concurrent-stream limit; when every
 * connection is full another is opened. While an {@code https} origin's protocol is unknown (ALPN may
 * pick {@code h2}) or known to be HTTP/2, only one connect runs at a time and the other callers wait
 * for it, so a burst of callers opens one multiplexed connection, not one each. Another origin may
 * share an HTTP/2 connection of this one through {@link #share} ({@link ConnectionPool} decides when:
 * RFC 9113 §9.1.1); its exchanges count here and come back here.
 *
 * <p>Locking: one {@link ReentrantLock} guards the lists and counters here and in
 * {@link PooledConnection}; it is never held across I/O (connecting, the idle check, closing), only
 * while taking an HTTP/2 connection's own lock to read its stream limit (order: this lock, then the
 * connection's). Callers that find no connection wait in a FIFO queue, each on its own condition (a
 * released HTTP/1.1 connection is handed straight to the oldest, so a caller that loops cannot take
 * it back ahead of them; other changes wake them all to try again), at most
 * {@code maxWaitingPerOrigin} of them, each at most the wait timeout or its deadline.
 */
final class OriginPool {
    private enum Protocol { UNKNOWN, HTTP1, HTTP2 }

    /**
     * An idle HTTP/1.1 connection taken for a request that may be sent again (idempotent, body
     * replayable) skips the idle check when it was idle for less than this: servers close idle
     * keep-alive connections after seconds (nginx 75 s, Jetty 30 s, Node 5 s), and should one have
     * closed anyway, {@link RetryRule} sends such a request again on a fresh connection. The check
     * costs a system call and three channel locks on every reuse, which at one caller was a fifth
     * of the client's time per request. A request that must not be sent twice is always checked.
     */
    static final long QUIET_CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Origin origin;
    private final HttpClientOptions options;
    private final PoolLimits limits;
    private final Proxy proxy; // null: direct
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>(); // oldest first
    // guarded by lock
    private final List<PooledConnection> http2 = new ArrayList<>();
    private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>(); // HTTP/1.1, most recent first
    private int open;        // connections counted against the limit: open ones and those being opened
    private int connecting;
    private Protocol protocol;
    private boolean closed;
    private boolean retired; // left the client's map: callers look the origin up again

    OriginPool(Origin origin, HttpClientOptions options, PoolLimits limits, Proxy proxy) {
        this.origin = origin;
        this.options = options;
        this.limits = limits;
        this.proxy = proxy;
        boolean h2Possible = origin.https() ? options.offerH2() : options.h2cPriorKnowledge() && proxy == null;
        boolean h2Certain = !origin.https() && options.h2cPriorKnowledge() && proxy == null;
        this.protocol = !h2Possible ? Protocol.HTTP1 : h2Certain ? Protocol.HTTP2 : Protocol.UNKNOWN;
    }

    /**
     * A connection with room for one exchange: give it back with {@link ConnectionPool#release} when
     * the exchange ends.
     *
     * @param reused the connection carried an exchange before this one
     * @param coalesced the connection belongs to another origin whose certificate covers this one's
     *     host at the same address (RFC 9113 §9.1.1): a 421 answer means "ask on your own connection"
     */
    public record Lease(OriginPool pool, PooledConnection connection, boolean reused, boolean coalesced) {
        Lease(OriginPool pool, PooledConnection connection, boolean reused) {
            this(pool, connection, reused, false);
        }

        public sifr.http.HttpConnection http() {
            return connection.connection;
        }

        public sifr.net.SocketAddr remote() {
            return connection.remote;
        }

        public sifr.http.Version version() {
            return connection.version();
        }

        /** The watched stream under an HTTP/1.1 connection, null under HTTP/2. */
        WatchedStream watch() {
            return connection.opened.watch();
        }
    }

    /** What {@link #next} decided under the lock; acted on outside it. */
    private record Step(Lease lease, PooledConnection toCheck, long idleSince, boolean connect) {
    }

    /**
     * A connection for one exchange: a free HTTP/2 stream slot, an idle HTTP/1.1 connection that is
     * still quiet, or a new connection.
     *
     * @throws PoolExhaustedError when every connection is busy and too many callers wait already
     * @throws TimeoutError {@code HTTP connection pool wait timed out} past the wait timeout
     * @throws HttpError {@code HTTP client is closed}
     * @param retrySafe the request may be sent again on another connection should this one turn out
     *     stale (see {@link #QUIET_CHECK_AFTER_NANOS})
     */
    Lease acquireUnlessRetired(ConnectEvents events, boolean retrySafe) throws IOException {
        long waitEnd = System.nanoTime() + limits.waitTimeout().toNanos();
        List<PooledConnection> dead = new ArrayList<>(0);
        while (true) {
            Step step;
            try {
                step = next(waitEnd, dead);
            } finally {
                for (PooledConnection c : dead) {
                    c.closeQuietly();
                }
                dead.clear();
            }
            if (step == null) {
                return null;
            }
            if (step.lease() != null) {
                return step.lease();
            }
            if (step.toCheck() != null) {
                PooledConnection c = step.toCheck();
                boolean recentlyUsed = System.nanoTime() - step.idleSince() < QUIET_CHECK_AFTER_NANOS;
                if (retrySafe && recentlyUsed || c.opened.tcp().isPeerQuiet()) {
                    return new Lease(this, c, true);
                }
                c.closeQuietly(); // the server closed it (or spoke) while it was idle: a request would fail on it
                dropBusy(c);
                continue;
            }
            return new Lease(this, connect(events), false);
        }
    }

    Origin origin() {
        return origin;
    }

    /** Whether this origin has a connection, open or being opened (then it needs no other's). */
    boolean hasConnections() {
        lock.lock();
        try {
            return open > 0;
        } finally {
            lock.unlock();
        }
    }

    /** The HTTP/2 connections open now (a copy: candidates for another origin to share). */
    List<PooledConnection> http2Connections() {
        lock.lock();
        try {
            return List.copyOf(http2);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A stream slot on {@code c}, one of this origin's HTTP/2 connections, for another origin's request
     * (coalescing); null when {@code c} is gone, going away or full: that request then uses its own.
     */
    Lease share(PooledConnection c) {
        lock.lock();
        try {
            if (closed || retired || !http2.contains(c) || !c.hasStreamRoom()) {
                return null;
            }
            c.exchanges++;
            c.active++;
            return new Lease(this, c, true, true);
        } finally {
            lock.unlock();
        }
    }

    private Step next(long waitEnd, List<PooledConnection> dead) throws IOException {
        lock.lock();
        try {
            boolean waited = false; // a caller that waited has its turn; a new one queues behind waiters
            while (true) {
                if (closed) {
                    throw new HttpError("HTTP client is closed");
                }
                if (retired) {
                    return null;
                }
                for (int i = 0; i < http2.size(); i++) {
                    PooledConnection c = http2.get(i);
                    if (c.active == 0 && !c.http2.acceptsNewStreams()) {
                        dead.add(http2.remove(i--)); // gone away: closed after the lock is released
                        open--;
                        continue;
                    }
                    if (c.hasStreamRoom()) {
                        boolean reused = c.exchanges++ > 0;
                        c.active++;
                        return new Step(new Lease(this, c, reused), null, 0, false);
                    }
                }
                boolean myTurn = waited || waiters.isEmpty();
                PooledConnection idleOne = myTurn || !idle.isEmpty() ? idle.pollFirst() : null;
                if (idleOne != null) {
                    idleOne.active = 1;
                    idleOne.exchanges++;
                    return new Step(null, idleOne, idleOne.idleSince, false);
                }
                // one connect at a time while HTTP/2 is possible: its streams may serve everyone waiting
                boolean oneAtATime = protocol != Protocol.HTTP1 && connecting > 0;
                if (myTurn && open < limits.maxConnectionsPerOrigin() && !oneAtATime) {
                    open++;
                    connecting++;
                    return new Step(null, null, 0, true);
                }
                PooledConnection handed = awaitTurn(waitEnd);
                if (handed != null) {
                    return new Step(new Lease(this, handed, true), null, 0, false); // just released: no idle check
                }
                waited = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /** A caller waiting for a connection; a released HTTP/1.1 connection is handed to the oldest. */
    private static final class Waiter {
        final Condition turn;
        PooledConnection handed;
        boolean queued = true;

        Waiter(Condition turn) {
            this.turn = turn;
        }
    }

    /**
     * Queues the caller (FIFO) until a connection is handed to it (returned) or something changed
     * that may let it take or open one (null: it tries again, ahead of callers that did not wait).
     */
    private PooledConnection awaitTurn(long waitEnd) throws IOException {
        if (waiters.size() >= limits.maxWaitingPerOrigin()) {
            throw new PoolExhaustedError(origin.toString(), open, waiters.size());
        }
        long left = waitEnd - System.nanoTime();
        var deadline = Task.deadline();
        if (deadline.isPresent()) {
            left = Math.min(left, TimeUnit.MILLISECONDS.toNanos(deadline.get().toEpochMilli() - System.currentTimeMillis()));
        }
        if (left <= 0) {
            throw new TimeoutError("HTTP connection pool wait timed out (" + open + " connections to " + origin
                    + " busy)");
        }
        Waiter w = new Waiter(lock.newCondition());
        waiters.addLast(w);
        try {
            w.turn.awaitNanos(left);
        } catch (InterruptedException e) {
            if (w.handed != null) {
                giveBack(w.handed); // handed over while we were being cancelled: the next waiter gets it
                w.handed = null;
            }
            Task.checkCancelled();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an HTTP connection");
        } finally {
            if (w.queued) {
                waiters.remove(w);
            }
        }
        return w.handed;
    }

    /** Wakes every waiter to try again (a connect ended, a slot or stream room appeared, eviction). */
    private void wakeAll() {
        for (Waiter w : waiters) {
            w.turn.signal();
        }
    }

    /** An open HTTP/1.1 connection with no exchange: to the oldest waiter, else to the idle list. */
    private void giveBack(PooledConnection c) {
        Waiter w = waiters.pollFirst();
        if (w == null) {
            c.active = 0;
            c.idleSince = System.nanoTime();
            idle.addFirst(c);
            return;
        }
        w.queued = false;
        w.handed = c;
        c.active = 1;
        c.exchanges++;
        w.turn.signal();
    }

    private PooledConnection connect(ConnectEvents events) throws IOException {
        ConnectionOpener.Opened opened;
        try {
            opened = ConnectionOpener.open(origin, options, proxy, events);
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                open--;
                connecting--;
                wakeAll(); // a waiter may try a connect of its own
            } finally {
                lock.unlock();
            }
            throw e;
        }
        PooledConnection c = new PooledConnection(opened, System.nanoTime());
        lock.lock();
        try {
            connecting--;
            c.active = 1;
            c.exchanges = 1;
            if (c.isHttp2()) {
                protocol = Protocol.HTTP2;
                http2.add(c);
            } else {
                protocol = Protocol.HTTP1;
            }
            if (closed) {
                open--;
                c.closeQuietly();
                throw new HttpError("HTTP client is closed");
            }
            wakeAll(); // HTTP/2: the waiters share it; HTTP/1.1: they may now connect too
            return c;
        } finally {
            lock.unlock();
        }
    }

    /**
     * An exchange on {@code c} ended (its response body read or closed, or it failed). An HTTP/1.1
     * connection still open goes back to the idle list; a closed one leaves the pool.
     */
    void release(PooledConnection c) {
        PooledConnection toClose = null;
        lock.lock();
        try {
            c.active--;
            if (c.active == 0) {
                c.idleSince = System.nanoTime();
            }
            if (c.isHttp2()) {
                if (!c.connection.isOpen() || (c.active == 0 && !c.http2.acceptsNewStreams())) {
                    if (http2.remove(c)) {
                        open--;
                    }
                    toClose = c;
                }
            } else if (c.connection.isOpen() && !closed) {
                giveBack(c);
                return;
            } else {
                open--;
                toClose = c;
            }
            wakeAll();
        } finally {
            lock.unlock();
        }
        if (toClose != null) {
            toClose.closeQuietly();
        }
    }

    /** A connection taken for an exchange was found unusable before the exchange began. */
    private void dropBusy(PooledConnection c) {
        lock.lock();
        try {
            open--;
            wakeAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes connections idle past the idle timeout (and HTTP/2 ones that went away); returns true when
     * the pool is empty and unused, so that it can be dropped.
     */
    boolean evictIdle(long now) {
        long limit = limits.idleTimeout().toNanos();
        List<PooledConnection> toClose = new ArrayList<>();
        boolean empty;
        lock.lock();
        try {
            while (!idle.isEmpty() && (now - idle.peekLast().idleSince >= limit || !idle.peekLast().connection.isOpen())) {
                toClose.add(idle.pollLast());
                open--;
            }
            for (int i = http2.size() - 1; i >= 0; i--) {
                PooledConnection c = http2.get(i);
                if (c.active == 0 && (now - c.idleSince >= limit || !c.connection.isOpen())) {
                    toClose.add(http2.remove(i));
                    open--;
                }
            }
            empty = open == 0 && waiters.isEmpty() && connecting == 0;
            if (!toClose.isEmpty()) {
                wakeAll();
            }
        } finally {
            lock.unlock();
        }
        for (PooledConnection c : toClose) {
            c.closeQuietly();
        }
        return empty;
    }

    /** Marks the pool retired if it is still empty and unused: callers will create a new one. */
    boolean retireIfEmpty() {
        lock.lock();
        try {
            retired = open == 0 && waiters.isEmpty() && connecting == 0;
            return retired;
        } finally {
            lock.unlock();
        }
    }

    /** Closes every connection; waiting and later callers fail with {@code HTTP client is closed}. */
    void close() {
        List<PooledConnection> toClose;
        lock.lock();
        try {
            closed = true;
            toClose = new ArrayList<>(idle);
            toClose.addAll(http2);
            open -= idle.size();
            idle.clear();
            wakeAll();
        } finally {
            lock.unlock();
        }
        for (PooledConnection c : toClose) {
            c.closeQuietly();
        }
    }

    /** Connections open or being opened, for tests and the pool's own accounting. */
    int openConnections() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** HTTP/1.1 connections idle in the pool. */
    int idleConnections() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }
}
