package sifr.http.internal.h2;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;

/** How the connection's waiting threads wait: bounded by the calling task's deadline, cancellable. */
final class Http2Waits {
    private Http2Waits() {
    }

    /**
     * What an interrupted wait throws: {@code <what> cancelled} ({@link sifr.task.CancelledError}) when
     * the waiting task was cancelled (a server cancels the handler of a reset stream), else
     * {@code message} as an {@link InterruptedIOException} with the interrupt status restored.
     */
    static IOException interrupted(InterruptedException e, String what, String message) {
        if (sifr.task.Task.isCancelled()) {
            throw sifr.task.internal.Waits.cancelled(what, e);
        }
        Thread.currentThread().interrupt();
        return new InterruptedIOException(message);
    }

    /**
     * Waits on {@code c} (under the lock) until signalled, bounded by the calling task's deadline
     * ({@code sifr.task}): past it, {@link sifr.task.TimeoutError} ({@code <what> timed out}).
     */
    static void awaitWithinDeadline(Condition c, String what) throws IOException, InterruptedException {
        var deadline = sifr.task.Task.deadline();
        if (deadline.isEmpty()) {
            c.await();
            return;
        }
        long left = java.time.Duration.between(java.time.Instant.now(), deadline.get()).toNanos();
        if (left <= 0) {
            throw new sifr.task.TimeoutError(what + " timed out");
        }
        c.awaitNanos(left);
    }
}
