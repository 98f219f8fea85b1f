package sifr.net.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sifr.task.TimeoutError;
import sifr.task.internal.TaskContext;
import sifr.task.internal.Waits;

/**
 * When each Happy Eyeballs attempt may start (RFC 8305 §5): in order, the next one the attempt
 * delay ({@link Connector#ATTEMPT_DELAY_NANOS} outside tests) after the previous started, or at once
 * when an attempt failed. Every attempt is a child task of {@code Task.firstSuccess}, waiting here for its turn;
 * the wait obeys the task's deadline ({@code TCP connect timed out}) and cancellation (a loser
 * still waiting just ends).
 *
 * <p>Lock: {@link #lock} guards {@link #started} and {@link #nextStart}; waiters hold it only
 * inside {@link Condition#awaitNanos}, which releases it.
 */
final class AttemptStagger {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final String op;
    private final long attemptDelayNanos;
    private int started;
    private long nextStart = System.nanoTime();

    AttemptStagger(String op, long attemptDelayNanos) {
        this.op = op;
        this.attemptDelayNanos = attemptDelayNanos;
    }

    /** Waits until attempt {@code index} may start, then records that it did. */
    void awaitTurn(int index) throws TimeoutError {
        TaskContext ctx = TaskContext.peek();
        Waits.checkCancelled(ctx, op);
        long deadline = ctx == null ? TaskContext.NO_DEADLINE : ctx.deadline();
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                if (started == index && now - nextStart >= 0) {
                    started++;
                    nextStart = now + attemptDelayNanos;
                    changed.signalAll();
                    return;
                }
                if (deadline != TaskContext.NO_DEADLINE && deadline - now <= 0) {
                    throw new TimeoutError(op + " timed out");
                }
                long wait = started == index ? nextStart - now : Long.MAX_VALUE;
                if (deadline != TaskContext.NO_DEADLINE) {
                    wait = Math.min(wait, deadline - now);
                }
                if (wait == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(wait);
                }
            }
        } catch (InterruptedException e) {
            throw Waits.cancelled(op, e);
        } finally {
            lock.unlock();
        }
    }

    /** An attempt failed: the next one starts at once. */
    void failed() {
        lock.lock();
        try {
            nextStart = System.nanoTime();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
