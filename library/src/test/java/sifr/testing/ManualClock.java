package sifr.testing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import sifr.net.internal.NanoClock;

/**
 * A clock that moves only when the test says so, for the engines' timeouts (HTTP/2 stalls, server
 * read and write timeouts): a test gives it to a connection or server, then {@link #advance}s past a
 * timeout instead of sleeping through it.
 *
 * <p>How the engine's waits behave on it: a {@link #pause} (a sweeper between two looks) and an
 * {@link #await} (a sender waiting for window until its stall deadline) both wait at most
 * {@link #SLICE} of real time, then return so the caller re-reads this clock; a deadline therefore
 * passes at most one slice after the test advanced past it. {@link #advance} then waits (bounded)
 * until every sweeper has made one whole sweep at the new time, so what a sweep does (a reset, a
 * closed connection) has happened, and what it did not do will not happen at that time either.
 */
public final class ManualClock extends NanoClock {
    /** The longest real wait of one pause or await: how soon a waiting thread sees an advance. */
    static final long SLICE = TimeUnit.MILLISECONDS.toNanos(2);
    /** How long {@link #advance} waits for the sweepers to catch up before it fails. */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    /** How long {@link #advanceUntil} lets an effect of one step show before it takes the next. */
    private static final Duration STEP_GRACE = Duration.ofMillis(100);

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L); // an arbitrary origin, like nanoTime's
    /** Pauses begun per sweeper thread (only sweepers pause). */
    private final Map<Thread, AtomicLong> pauses = new ConcurrentHashMap<>();
    /** Awaits left per waiting thread, and whether it is inside one now. */
    private final Map<Thread, Waiting> awaits = new ConcurrentHashMap<>();

    private static final class Waiting {
        final AtomicLong left = new AtomicLong();
        volatile boolean inside;
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void await(Condition condition, long nanos) throws InterruptedException {
        Waiting w = awaits.computeIfAbsent(Thread.currentThread(), t -> new Waiting());
        w.inside = true;
        try {
            condition.awaitNanos(Math.min(nanos, SLICE));
        } finally {
            w.inside = false;
            w.left.incrementAndGet();
        }
    }

    @Override
    public void pause(long nanos) {
        pauses.computeIfAbsent(Thread.currentThread(), t -> new AtomicLong()).incrementAndGet();
        LockSupport.parkNanos(Math.min(nanos, SLICE));
    }

    /**
     * Moves the clock forward by {@code d}, then waits until each sweeper has begun two more pauses
     * (so one whole sweep ran at the new time) and each thread awaiting on this clock has woken once
     * and re-read it. Fails if they do not within {@link #SETTLE}.
     */
    public void advance(Duration d) {
        now.addAndGet(d.toNanos());
        Map<Thread, Long> sweeps = new java.util.HashMap<>();
        pauses.forEach((t, n) -> sweeps.put(t, n.get()));
        Map<Thread, Long> waiters = new java.util.HashMap<>();
        awaits.forEach((t, w) -> {
            if (w.inside) {
                waiters.put(t, w.left.get());
            }
        });
        await(() -> sweeps.entrySet().stream().allMatch(e -> !e.getKey().isAlive()
                        || pauses.get(e.getKey()).get() >= e.getValue() + 2)
                && waiters.entrySet().stream().allMatch(e -> !e.getKey().isAlive()
                        || awaits.get(e.getKey()).left.get() > e.getValue()),
                "sweepers and waiters to see the clock at +" + d);
        pauses.keySet().removeIf(t -> !t.isAlive());
        awaits.keySet().removeIf(t -> !t.isAlive());
    }

    /**
     * Advances by {@code step} until {@code done} holds, at most {@code maxSteps} times; fails if it
     * never does. For effects that need the engine to have started waiting first (a body reader, a
     * blocked write), which a test cannot observe: each step is a fresh chance once it has. After each
     * step {@code done} gets up to {@link #STEP_GRACE} of real time, for effects that follow a timeout
     * on another thread (a connection's thread ending after its socket was closed), and after the
     * last step up to {@link #SETTLE}.
     */
    public void advanceUntil(Duration step, int maxSteps, BooleanSupplier done, String what) {
        if (done.getAsBoolean()) {
            return;
        }
        for (int i = 0; i < maxSteps; i++) {
            advance(step);
            long graceEnd = System.nanoTime() + STEP_GRACE.toNanos();
            do {
                if (done.getAsBoolean()) {
                    return;
                }
                LockSupport.parkNanos(SLICE / 2);
            } while (System.nanoTime() - graceEnd < 0);
        }
        // All steps taken: what was due is due now; on a loaded machine its effect (a timer thread, then
        // the connection's own thread) may take longer than a step's grace, so give it SETTLE once more.
        long settleEnd = System.nanoTime() + SETTLE.toNanos();
        do {
            if (done.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(SLICE / 2);
        } while (System.nanoTime() - settleEnd < 0);
        throw new AssertionError(what + " did not happen within " + maxSteps + " steps of " + step);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(SLICE / 2);
        }
    }
}
