package sifr.http.internal.h1;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import sifr.net.internal.NanoClock;
import sifr.task.TimeoutError;

/**
 * The HTTP/1.1 timeouts of a server's connections (idle, header read, request body read inactivity,
 * response write inactivity), enforced by one sweeper thread per server instead of one timer per
 * read or write.
 *
 * <p>Why: a {@code sifr.task} deadline around every read schedules and cancels a task on the shared
 * deadline timer (a {@code ScheduledThreadPoolExecutor}: a lock, a heap insertion and removal, two
 * allocations) for every request. Under {@code wrk -c64} that was about 15 % of the server's Java
 * time. Here arming a timeout is one clock read ({@link NanoClock}) and a volatile write per read; the
 * sweeper looks at every connection each {@link #tickFor tick} and closes those whose deadline passed,
 * which fails the blocked read. A timeout therefore fires up to one tick late (a tick is an eighth of
 * the shorter timeout, between 5 and 250 ms), and a request that completes at the very moment its
 * deadline passes may still lose its connection; both are acceptable for timeouts that exist to shed
 * idle and slowloris connections.
 *
 * <p>The sweeper is a platform daemon thread, so busy virtual-thread carriers cannot starve it.
 * Thread safety: {@link Watch#within} runs on the connection's thread; the sweeper only reads the
 * volatile deadline and closes the stream.
 */
public final class ReadTimeouts implements AutoCloseable {
    private static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final long MIN_TICK_NANOS = 5_000_000L;
    private static final long MAX_TICK_NANOS = 250_000_000L;

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final long tickNanos;
    private final NanoClock clock;
    private final Thread sweeper;
    private volatile boolean closed;

    private ReadTimeouts(String name, long tickNanos, NanoClock clock) {
        this.tickNanos = tickNanos;
        this.clock = clock;
        this.sweeper = Thread.ofPlatform().daemon().name(name).unstarted(this::sweep);
    }

    /** Starts the sweeper for timeouts no shorter than the shortest of {@code timeouts}. */
    public static ReadTimeouts start(String threadName, Duration... timeouts) {
        return start(threadName, NanoClock.SYSTEM, timeouts);
    }

    /** {@link #start(String, Duration...)} with deadlines on {@code clock} (a manual one in tests). */
    public static ReadTimeouts start(String threadName, NanoClock clock, Duration... timeouts) {
        Duration shortest = timeouts[0];
        for (Duration d : timeouts) {
            shortest = d.compareTo(shortest) < 0 ? d : shortest;
        }
        ReadTimeouts t = new ReadTimeouts(threadName, tickFor(shortest, shortest), clock);
        t.sweeper.start();
        return t;
    }

    /** An eighth of the shorter timeout, clamped to [5 ms, 250 ms]. */
    static long tickFor(Duration a, Duration b) {
        long shorter = Math.min(saturatedNanos(a), saturatedNanos(b));
        return Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, shorter / 8));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Watches one connection: the returned timer bounds its reads; at a deadline the sweeper closes
     * {@code connection}. Close the watch when the connection ends.
     */
    public Watch watch(Closeable connection) {
        Watch w = new Watch(connection);
        watches.add(w);
        return w;
    }

    private void sweep() {
        while (!closed) {
            clock.pause(tickNanos);
            long now = clock.nanoTime();
            for (Watch w : watches) {
                w.expireIfDue(now);
            }
        }
    }

    /** Stops the sweeper (pending deadlines no longer fire). Idempotent. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sweeper);
    }

    /** The timer of one connection. */
    public final class Watch implements H1ServerConfig.Timer, AutoCloseable {
        private final Closeable connection;
        private volatile long deadline = NO_DEADLINE;
        private volatile boolean expired;

        private Watch(Closeable connection) {
            this.connection = connection;
        }

        @Override
        public <T> T within(Duration timeout, String operation, H1ServerConfig.Read<T> body) throws IOException {
            long outer = deadline;
            long now = clock.nanoTime();
            long d = now + saturatedNanos(timeout);
            if (d - now < 0 || d == NO_DEADLINE) {
                d = NO_DEADLINE - 1; // overflow: as far away as representable
            }
            deadline = outer != NO_DEADLINE && outer - d < 0 ? outer : d; // nested timeouts only shorten
            try {
                return body.run();
            } catch (IOException | RuntimeException e) {
                if (expired) {
                    throw new TimeoutError(operation + " timed out", e);
                }
                throw e;
            } finally {
                deadline = outer;
            }
        }

        void expireIfDue(long now) {
            long d = deadline;
            if (d != NO_DEADLINE && now - d >= 0 && !expired) {
                expired = true;
                try {
                    connection.close();
                } catch (IOException ignored) {
                    // closing an expired connection; the blocked read fails either way
                }
            }
        }

        /** Stops watching (the connection ended). */
        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
