package sifr.net.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;

/**
 * The monotonic clock the engines read for their own timeouts (HTTP/2 zero-window stall, write and
 * body-read inactivity, idle, linger; HTTP/1.1 read and write timeouts) and the waits that depend on
 * it. Production code uses {@link #SYSTEM}, which is {@link System#nanoTime()} and the plain JDK
 * waits; tests pass a manual clock to a connection or server so that a timeout passes when the test
 * advances the clock, not after real sleeping.
 *
 * <p>A class rather than an interface: with no subclass loaded (production), the JIT devirtualizes
 * and inlines {@link #nanoTime()} on class-hierarchy analysis, so the engines pay nothing for it.
 * Deadlines of {@code sifr.task} (the caller's own) stay on {@link System#nanoTime()}: they are the
 * application's clock, not the engine's.
 */
public class NanoClock {
    /** {@link System#nanoTime()}, {@link Condition#awaitNanos}, {@link LockSupport#parkNanos(long)}. */
    public static final NanoClock SYSTEM = new NanoClock();

    /** Only {@link #SYSTEM} and test clocks. */
    protected NanoClock() {
    }

    /** The current time in nanoseconds; like {@link System#nanoTime()}, only differences mean anything. */
    public long nanoTime() {
        return System.nanoTime();
    }

    /**
     * Waits on {@code condition} (its lock held) until signalled or about {@code nanos} of this
     * clock have passed; may return early (a spurious wake-up), so callers re-read {@link #nanoTime()}
     * and loop, as with {@link Condition#awaitNanos}.
     */
    public void await(Condition condition, long nanos) throws InterruptedException {
        condition.awaitNanos(nanos);
    }

    /**
     * A sweeper's pause between two looks at what it watches: about {@code nanos} of this clock, or
     * less (an unpark or interrupt ends it early; callers check why they woke).
     */
    public void pause(long nanos) {
        LockSupport.parkNanos(nanos);
    }
}
