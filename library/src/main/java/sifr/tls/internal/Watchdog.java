package sifr.tls.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
