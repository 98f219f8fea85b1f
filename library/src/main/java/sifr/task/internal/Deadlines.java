package sifr.task.internal;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A deadline for a library operation that has its own timeout option (an HTTP client's connect
 * timeout, a Happy Eyeballs connect): it goes into the task's context, so children and every
 * blocking point below obey it, but unlike a {@code Task.timeout} block nothing is rewrapped: the
 * caller sees the operation's own {@code <op> timed out}, as SPEC says for option timeouts.
 */
public final class Deadlines {
    private Deadlines() {
    }

    /** Runs {@code body} with the current deadline shortened to {@code deadline} (a nanoTime value) if that is earlier. */
    public static <T> T under(long deadline, Callable<T> body) throws Exception {
        TaskContext ctx = TaskContext.current();
        long outer = ctx.deadline();
        ctx.setDeadline(TaskContext.earlier(outer, deadline));
        try {
            return body.call();
        } finally {
            ctx.setDeadline(outer);
        }
    }

    /** {@link #under(long, Callable)} with a deadline {@code timeout} from now. */
    public static <T> T within(Duration timeout, Callable<T> body) throws Exception {
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        return under(TaskContext.after(nanos), body);
    }
}
