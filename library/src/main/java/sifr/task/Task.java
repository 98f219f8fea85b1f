package sifr.task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import sifr.task.internal.TaskContext;
import sifr.task.internal.Timeouts;
import sifr.task.internal.Waits;

/**
 * Sifr's {@code task} module: structured concurrency on virtual threads. Deadlines live in the
 * current task's context, so a {@link #timeout} set by a caller bounds every network operation,
 * {@link #sleep} and {@link TaskHandle#join()} underneath it, and children spawned inside inherit it.
 */
public final class Task {
    private Task() {
    }

    /** Opens a scope for child tasks; use it in try-with-resources. */
    public static TaskScope scope() {
        return new TaskScope();
    }

    /**
     * Joins every handle in order and returns their results. If one fails, the others are cancelled
     * and its exception is rethrown.
     */
    public static <T> List<T> gather(List<TaskHandle<T>> handles) throws Exception {
        List<T> results = new ArrayList<>(handles.size());
        for (int i = 0; i < handles.size(); i++) {
            try {
                results.add(handles.get(i).join());
            } catch (Throwable e) {
                for (int j = i + 1; j < handles.size(); j++) {
                    handles.get(j).cancel();
                }
                throw TaskHandle.rethrowable(e);
            }
        }
        return Collections.unmodifiableList(results);
    }

    /**
     * Runs every callable as a child task; the first to return a result wins and the rest are
     * cancelled (and waited for) before this returns. If all fail, the first failure is rethrown.
     */
    public static <T> T race(List<Callable<T>> callables) throws Exception {
        if (callables.isEmpty()) {
            throw new IllegalArgumentException("task race needs at least one task");
        }
        LinkedBlockingQueue<Outcome<T>> outcomes = new LinkedBlockingQueue<>();
        try (TaskScope scope = scope()) {
            for (Callable<T> c : callables) {
                Objects.requireNonNull(c, "callable");
                scope.spawn(() -> {
                    try {
                        outcomes.add(new Outcome<>(c.call(), null));
                    } catch (Throwable e) {
                        outcomes.add(new Outcome<>(null, e));
                    }
                    return null;
                });
            }
            Throwable firstFailure = null;
            for (int i = 0; i < callables.size(); i++) {
                Outcome<T> o = Waits.take(outcomes, "task race");
                if (o.error == null) {
                    return o.value;
                }
                if (firstFailure == null) {
                    firstFailure = o.error;
                }
            }
            throw TaskHandle.rethrowable(firstFailure);
        }
    }

    private record Outcome<T>(T value, Throwable error) {
    }

    /**
     * Sleeps for {@code duration}. Ends early with {@link CancelledError} ({@code sleep cancelled})
     * when the task is cancelled, or with {@link TimeoutError} ({@code sleep timed out}) at the
     * deadline if that comes first.
     */
    public static void sleep(Duration duration) throws TimeoutError {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("sleep duration must not be negative");
        }
        TaskContext ctx = TaskContext.current();
        Waits.checkCancelled(ctx, "sleep");
        long end = TaskContext.after(saturatedNanos(duration));
        long deadline = ctx.deadline();
        boolean deadlineFirst = deadline != TaskContext.NO_DEADLINE && deadline - end < 0;
        long wakeAt = deadlineFirst ? deadline : end;
        try {
            for (long left = wakeAt - System.nanoTime(); left > 0; left = wakeAt - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } catch (InterruptedException e) {
            throw Waits.cancelled("sleep", e);
        }
        if (deadlineFirst) {
            throw new TimeoutError("sleep timed out");
        }
    }

    /**
     * Runs {@code body} on the current thread with a deadline {@code timeout} from now (or the
     * enclosing deadline if that is earlier: an inner timeout can only shorten). Blocking Sifr
     * operations inside end with {@link TimeoutError} ({@code TCP read timed out}, ...) when it passes.
     *
     * @throws IllegalArgumentException {@code task timeout must be finite and positive} /
     *     {@code task timeout is too large}
     */
    public static <T> T timeout(Duration timeout, Callable<T> body) throws Exception {
        Timeouts.validate(timeout, "task");
        TaskContext ctx = TaskContext.current();
        long outer = ctx.deadline();
        ctx.setDeadline(TaskContext.earlier(outer, TaskContext.after(timeout.toNanos())));
        try {
            return body.call();
        } finally {
            ctx.setDeadline(outer);
        }
    }

    /** The current task's deadline, if any. */
    public static Optional<Instant> deadline() {
        TaskContext ctx = TaskContext.peek();
        if (ctx == null || ctx.deadline() == TaskContext.NO_DEADLINE) {
            return Optional.empty();
        }
        long left = ctx.deadline() - System.nanoTime();
        return Optional.of(Instant.now().plusNanos(left));
    }

    /** True if the current task was cancelled. */
    public static boolean isCancelled() {
        TaskContext ctx = TaskContext.peek();
        return ctx != null && ctx.isCancelled();
    }

    /** Throws {@link CancelledError} ({@code task cancelled}) if the current task was cancelled. */
    public static void checkCancelled() {
        Waits.checkCancelled(TaskContext.peek(), "task");
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
