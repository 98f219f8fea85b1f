package sifr.tls.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import sifr.task.Task;

/**
 * Runs an action (closing a transport) if an operation is still going when its time is up. One
 * daemon platform thread for the whole process only keeps the clock; each action runs on its own
 * virtual thread so that a slow {@code close()} never delays another connection's timer.
 */
public final class Watchdog {
    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private Watchdog() {
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "sifr-tls-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * The handshake timeout, shortened to the calling task's deadline ({@code sifr.task}) when that
     * comes first: the watchdog then bounds any transport, and a TCP transport also stops by itself.
     */
    static Duration withinTaskDeadline(Duration timeout) {
        Optional<Instant> deadline = Task.deadline();
        if (deadline.isEmpty()) {
            return timeout;
        }
        Duration left = Duration.between(Instant.now(), deadline.get());
        if (left.compareTo(timeout) >= 0) {
            return timeout;
        }
        return left.isNegative() || left.isZero() ? Duration.ofNanos(1) : left;
    }

    /** A pending action; {@link #cancel()} before it fires stops it. */
    public interface Timer extends AutoCloseable {
        /** True once the action has started (the operation ran out of time). */
        boolean fired();

        void cancel();

        @Override
        default void close() {
            cancel();
        }
    }

    public static Timer after(Duration delay, Runnable action) {
        final class Pending implements Timer {
            private volatile boolean fired;
            private ScheduledFuture<?> future;

            @Override
            public boolean fired() {
                return fired;
            }

            @Override
            public void cancel() {
                future.cancel(false);
            }
        }
        Pending pending = new Pending();
        pending.future = TIMER.schedule(() -> {
            pending.fired = true;
            Thread.ofVirtual().name("sifr-tls-timeout").start(action);
        }, Math.max(1, delay.toNanos()), TimeUnit.NANOSECONDS);
        return pending;
    }
}
