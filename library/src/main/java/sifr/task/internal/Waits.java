package sifr.task.internal;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sifr.task.CancelledError;
import sifr.task.TimeoutError;

/**
 * Waiting on JDK synchronizers under the current task's deadline and cancellation. These waits are
 * interruptible and take a timeout, so no timer is needed: cancellation arrives as an interrupt,
 * the deadline as the wait's own timeout.
 */
public final class Waits {
    private Waits() {
    }

    /** Grace given to a child that runs under the caller's own deadline to report its own timeout first. */
    static final long CHILD_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Waits for {@code latch}; {@code <name> timed out} at the deadline, {@code <name> cancelled} on cancel. */
    public static void await(CountDownLatch latch, String name) throws TimeoutError {
        await(latch, name, TaskContext.NO_DEADLINE);
    }

    /**
     * Waits for a child's {@code latch}. If the child's deadline ({@code childDeadline}) is not later
     * than the caller's, the child ends by itself at that deadline with its own error, so the caller
     * waits {@link #CHILD_GRACE_NANOS} longer before reporting {@code <name> timed out}.
     */
    public static void await(CountDownLatch latch, String name, long childDeadline) throws TimeoutError {
        if (latch.getCount() == 0) {
            return;
        }
        TaskContext ctx = TaskContext.peek();
        checkCancelled(ctx, name);
        long deadline = withGrace(ctx, childDeadline);
        try {
            if (deadline == TaskContext.NO_DEADLINE) {
                latch.await();
            } else if (!latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutError(name + " timed out");
            }
        } catch (InterruptedException e) {
            throw cancelled(name, e);
        }
    }

    /** The caller's deadline, {@link #CHILD_GRACE_NANOS} later if the awaited children end by themselves at it. */
    private static long withGrace(TaskContext ctx, long childDeadline) {
        long deadline = ctx == null ? TaskContext.NO_DEADLINE : ctx.deadline();
        if (deadline != TaskContext.NO_DEADLINE && childDeadline != TaskContext.NO_DEADLINE
                && childDeadline - deadline <= 0) {
            long later = deadline + CHILD_GRACE_NANOS;
            deadline = later - deadline > 0 && later != TaskContext.NO_DEADLINE ? later : TaskContext.NO_DEADLINE - 1;
        }
        return deadline;
    }

    /** Takes the next element of {@code queue} under the deadline and cancellation. */
    public static <T> T take(BlockingQueue<T> queue, String name) throws TimeoutError {
        return take(queue, name, TaskContext.NO_DEADLINE);
    }

    /**
     * Takes the next element of {@code queue}, which children running under {@code childDeadline}
     * fill: with the same grace as {@link #await(CountDownLatch, String, long)}.
     */
    public static <T> T take(BlockingQueue<T> queue, String name, long childDeadline) throws TimeoutError {
        TaskContext ctx = TaskContext.peek();
        checkCancelled(ctx, name);
        long deadline = withGrace(ctx, childDeadline);
        try {
            if (deadline == TaskContext.NO_DEADLINE) {
                return queue.take();
            }
            T item = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (item == null) {
                throw new TimeoutError(name + " timed out");
            }
            return item;
        } catch (InterruptedException e) {
            throw cancelled(name, e);
        }
    }

    /** Takes the next element of {@code queue} ignoring interrupts (cleanup after cancelling the producers). */
    public static <T> T takeUninterruptibly(BlockingQueue<T> queue) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for {@code latch} ignoring interrupts (structured cleanup: children must finish). */
    public static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Throws {@code <name> cancelled} if the current task is cancelled. */
    public static void checkCancelled(TaskContext ctx, String name) {
        if (ctx != null && ctx.isCancelled()) {
            throw cancelled(name, null);
        }
    }

    /** {@code <name> cancelled}, restoring the interrupt status that an {@code InterruptedException} cleared. */
    public static CancelledError cancelled(String name, Exception cause) {
        Thread.currentThread().interrupt();
        CancelledError e = new CancelledError(name + " cancelled");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
