package sifr.task.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A callback at a deadline on the library's one timer thread ({@link DeadlineTimer}), for state that
 * must act on time without a thread of its own waiting for it (an idle WebSocket's keep-alive and idle
 * timeout): setting, moving and cancelling cost a list link under a striped lock, no wake-up of the timer
 * unless the new deadline is its earliest.
 *
 * <p>Ringing is coarse on purpose: a deadline is rounded up to the next multiple of
 * {@link #GRANULE_NANOS} (about 34 ms), so alarms of many connections due close together share one
 * wake-up of the timer, whose every wake-up scans all armed entries. An alarm therefore rings up to a
 * granule late; it may also ring once more after a {@link #set} or {@link #cancel} raced with its
 * firing, so {@link #ring} must check what is actually due.
 */
public abstract class Alarm extends TimerEntry {
    /** The grid alarms ring on: 2^25 ns, about 34 ms. */
    public static final long GRANULE_NANOS = 1L << 25;
    private static final AtomicInteger NEXT = new AtomicInteger();

    final int stripeHint = NEXT.getAndIncrement();

    protected Alarm() {
    }

    /** Rings at {@code deadlineNanos} (a {@link System#nanoTime()} value) or up to a granule after, replacing any earlier setting. */
    public final void set(long deadlineNanos) {
        DeadlineTimer.SHARED.set(this, (deadlineNanos + GRANULE_NANOS - 1) & -GRANULE_NANOS);
    }

    /** Does not ring (unless it is ringing already). */
    public final void cancel() {
        DeadlineTimer.SHARED.disarm(this);
    }

    /**
     * On the timer thread, at (or after) the deadline: must not block nor take long (every other deadline
     * in the process waits for it) — hand real work to a thread of its own.
     */
    protected abstract void ring();

    @Override
    final void fire() {
        try {
            ring();
        } catch (RuntimeException | Error e) {
            // the timer thread must survive a faulty callback: every deadline in the process depends on it
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }
}
