package sifr.task.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import sifr.task.CancelledError;
import sifr.task.TimeoutError;

/**
 * Bounds one blocking operation (e.g. {@code TCP read}) by the current task's deadline and
 * cancellation. Used around an interruptible NIO call:
 *
 * <pre>{@code
 * BlockingOp op = BlockingOp.begin("TCP read", NO_DEADLINE);
 * try { return channel.read(buf); }
 * catch (ClosedByInterruptException e) { throw op.interrupted(e); }
 * finally { op.end(); }
 * }</pre>
 *
 * <p>How a deadline stops a blocked call: a shared timer thread interrupts the blocked thread at the
 * deadline. NIO's interruptible channels then close the channel and throw
 * {@code ClosedByInterruptException}, which {@link #interrupted} turns into {@code <op> timed out}.
 * Cancellation takes the same path: {@link CancelToken#cancel()} interrupts the task's thread.
 *
 * <p>Lock: {@link #lock} guards {@link #armed}/{@link #fired} so that the timer never interrupts a
 * thread whose operation already ended ({@link #end()} disarms under the lock and then clears an
 * interrupt the timer did deliver). It is held only for those few instructions.
 */
public final class BlockingOp implements Runnable {
    private static final ScheduledThreadPoolExecutor TIMER = newTimer();
    private static final AtomicInteger ARMED = new AtomicInteger();

    private final String name;
    private final Thread thread;
    private final CancelToken token;
    private final long deadline;
    private final ReentrantLock lock;
    private ScheduledFuture<?> timer;
    private boolean armed;
    private boolean fired;

    private BlockingOp(String name, CancelToken token, long deadline, boolean timed) {
        this.name = name;
        this.thread = Thread.currentThread();
        this.token = token;
        this.deadline = deadline;
        this.lock = timed ? new ReentrantLock() : null;
    }

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sifr-deadline-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * Starts an operation bounded by the current task's deadline and {@code extraDeadline}
     * (a {@link System#nanoTime()} value or {@link TaskContext#NO_DEADLINE}).
     *
     * @throws CancelledError the task is already cancelled
     * @throws TimeoutError the deadline already passed
     */
    public static BlockingOp begin(String name, long extraDeadline) throws TimeoutError {
        TaskContext ctx = TaskContext.peek();
        CancelToken token = ctx == null ? null : ctx.token();
        long deadline = ctx == null ? extraDeadline : TaskContext.earlier(ctx.deadline(), extraDeadline);
        if (token != null && token.isCancelled()) {
            throw new CancelledError(name + " cancelled");
        }
        if (deadline == TaskContext.NO_DEADLINE) {
            return new BlockingOp(name, token, deadline, false);
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new TimeoutError(name + " timed out");
        }
        BlockingOp op = new BlockingOp(name, token, deadline, true);
        op.armed = true;
        ARMED.incrementAndGet();
        op.timer = TIMER.schedule(op, remaining, TimeUnit.NANOSECONDS);
        return op;
    }

    /** Starts an operation bounded only by the current task. */
    public static BlockingOp begin(String name) throws TimeoutError {
        return begin(name, TaskContext.NO_DEADLINE);
    }

    /** The effective deadline of this operation ({@link TaskContext#NO_DEADLINE} if none). */
    public long deadline() {
        return deadline;
    }

    /** Nanoseconds left until the deadline ({@code Long.MAX_VALUE} without one; may be negative). */
    public long remainingNanos() {
        return deadline == TaskContext.NO_DEADLINE ? Long.MAX_VALUE : deadline - System.nanoTime();
    }

    /** Timer callback: the deadline passed while the operation may still be blocked. */
    @Override
    public void run() {
        lock.lock();
        try {
            if (armed) {
                fired = true;
                thread.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the operation (call in {@code finally}). Clears an interrupt the deadline timer delivered,
     * so code after a timeout (cleanup, the next request) runs normally; an interrupt that came from
     * cancellation stays, so the cancelled task keeps stopping at every blocking point.
     */
    public void end() {
        if (lock == null) {
            return;
        }
        timer.cancel(false);
        boolean wasFired;
        lock.lock();
        try {
            wasFired = fired;
            if (armed) {
                armed = false;
                ARMED.decrementAndGet();
            }
        } finally {
            lock.unlock();
        }
        if (wasFired && (token == null || !token.isCancelled())) {
            Thread.interrupted();
        }
    }

    /** True once the deadline passed (timer fired or clock is past it). */
    public boolean expired() {
        if (deadline == TaskContext.NO_DEADLINE) {
            return false;
        }
        if (lock != null) {
            lock.lock();
            try {
                if (fired) {
                    return true;
                }
            } finally {
                lock.unlock();
            }
        }
        return deadline - System.nanoTime() <= 0;
    }

    /**
     * Translates an interruption of the blocked call ({@code ClosedByInterruptException},
     * {@code InterruptedException}): cancellation wins over the deadline; an interrupt from
     * elsewhere also counts as cancellation. Throws {@link CancelledError}, returns the timeout.
     */
    public TimeoutError interrupted(Exception cause) {
        if ((token == null || !token.isCancelled()) && expired()) {
            return timeout(cause);
        }
        throw cancelled(cause);
    }

    /** {@code <op> timed out}. */
    public TimeoutError timeout(Exception cause) {
        return new TimeoutError(name + " timed out", cause);
    }

    /** {@code <op> cancelled}; keeps the thread's interrupt status set. */
    public CancelledError cancelled(Exception cause) {
        if (!Thread.currentThread().isInterrupted()) {
            Thread.currentThread().interrupt();
        }
        CancelledError e = new CancelledError(name + " cancelled");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    public String name() {
        return name;
    }

    /** Operations whose deadline timer is still armed (tests check that none leak). */
    public static int armedTimers() {
        return ARMED.get();
    }
}
