package sifr.task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import sifr.task.internal.Combinators;
import sifr.task.internal.ContextValues;
import sifr.task.internal.TaskCell;
import sifr.task.internal.TaskContext;
import sifr.task.internal.Timeouts;
import sifr.task.internal.Waits;

/**
 * Sifr's {@code task} module: structured concurrency on virtual threads.
 *
 * <ul>
 *   <li>{@link #scope()} / {@link #scope(ScopeBody)}: a plain scope that waits for its children and
 *       is not poisoned by a child's failure ({@link TaskScope}).
 *   <li>{@link #group()} / {@link #group(GroupBody)}: all-or-cancel ({@link TaskGroup}).
 *   <li>{@link #gather}, {@link #race}, {@link #select} over handles; {@link #firstSuccess} over callables.
 *   <li>{@link #timeout} / {@link #deadline(Instant, Callable)}: timeout blocks. Deadlines live in the
 *       current task's context, so a block bounds every network operation, {@link #sleep} and
 *       {@link TaskHandle#join()} underneath it, and children spawned inside inherit it.
 *   <li>{@link #withContext}: {@link ContextKey} bindings, inherited by children.
 * </ul>
 */
public final class Task {
    private Task() {
    }

    /** Opens a plain scope for child tasks; use it in try-with-resources. See {@link TaskScope} for the two forms. */
    public static TaskScope scope() {
        return new TaskScope();
    }

    /**
     * The lambda form of a plain scope: runs {@code body} with a new scope. When the body returns,
     * its children are waited for (as {@link TaskScope#close()}: unobserved failures →
     * {@link ScopeFailure}) and its result is returned. When the body throws, the unfinished
     * children are cancelled and waited for, and the body's exception propagates with the
     * children's unobserved failures suppressed onto it: Sifr's scope whose block failed.
     */
    public static <T> T scope(ScopeBody<T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        TaskScope scope = new TaskScope();
        T result;
        try {
            result = body.run(scope);
        } catch (Throwable t) {
            scope.abort(t);
            throw TaskCell.rethrowable(t);
        }
        scope.close();
        return result;
    }

    /** Opens an all-or-cancel {@link TaskGroup}; use it in try-with-resources. */
    public static TaskGroup group() {
        return new TaskGroup();
    }

    /**
     * The lambda form of a {@link TaskGroup}: when {@code body} returns, the group is closed
     * (children waited for, the first unobserved failure thrown) and the result returned; when it
     * throws, the unfinished children are cancelled and waited for and the body's exception
     * propagates, children's failures suppressed onto it.
     */
    public static <T> T group(GroupBody<T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        TaskGroup group = new TaskGroup();
        T result;
        try {
            result = body.run(group);
        } catch (Throwable t) {
            group.abort(t);
            throw TaskCell.rethrowable(t);
        }
        group.close();
        return result;
    }

    /**
     * Sifr's {@code task.gather}: waits for all handles at once and returns their results in input
     * order. The first failure seen cancels the rest (waiting for them) and is thrown; of failures
     * that finished together, the earliest input index wins. Other failures are suppressed onto it.
     */
    public static <T> List<T> gather(List<TaskHandle<T>> handles) throws Exception {
        List<TaskCell<T>> cells = new ArrayList<>(handles.size());
        for (TaskHandle<T> h : handles) {
            cells.add(Objects.requireNonNull(h, "handle").cell());
        }
        return Combinators.gather(cells);
    }

    /**
     * Sifr's {@code task.race}: the first handle to <em>complete</em> wins, even when it failed
     * (then its failure is thrown, each loser that failed suppressed as {@code race loser task
     * failed}). The losers are cancelled and waited for before this returns. A loser that failed by
     * itself while the winner succeeded stays unobserved: its scope reports it at close.
     *
     * @throws IllegalArgumentException {@code task race needs at least one task}
     */
    public static <T> T race(List<TaskHandle<T>> handles) throws Exception {
        List<TaskCell<T>> cells = new ArrayList<>(handles.size());
        for (TaskHandle<T> h : handles) {
            cells.add(Objects.requireNonNull(h, "handle").cell());
        }
        return cells.get(Combinators.race(cells, "race")).value();
    }

    /**
     * Sifr's {@code task.select} of two tasks of different types: as {@link #race}, and the result
     * says which one won ({@code select loser task failed} for a failed loser).
     */
    public static <A, B> Select2<A, B> select(TaskHandle<A> first, TaskHandle<B> second) throws Exception {
        TaskCell<A> a = Objects.requireNonNull(first, "first").cell();
        TaskCell<B> b = Objects.requireNonNull(second, "second").cell();
        return Combinators.race(List.of(a, b), "select") == 0 ? Select2.ofFirst(a.value()) : Select2.ofSecond(b.value());
    }

    /**
     * Runs every callable as a child task; the first to return a result wins and the rest are
     * cancelled (and waited for) before this returns. If all fail, the first failure is rethrown
     * with the others suppressed. (This was {@code race} before {@code race} took handles.)
     *
     * @throws IllegalArgumentException {@code task firstSuccess needs at least one task}
     */
    public static <T> T firstSuccess(List<? extends Callable<T>> callables) throws Exception {
        return Combinators.firstSuccess(callables, loser -> { });
    }

    /**
     * As {@link #firstSuccess(List)}; a loser that succeeded at the same moment as the winner hands
     * its result to {@code discardLoser} (close a connection that lost a Happy Eyeballs race).
     */
    public static <T> T firstSuccess(List<? extends Callable<T>> callables, Consumer<? super T> discardLoser)
            throws Exception {
        return Combinators.firstSuccess(callables, discardLoser);
    }

    /**
     * Runs {@code body} with {@code key} bound to {@code value}; {@link ContextKey#get()} returns it
     * inside, in this task and in every child spawned inside. The outer binding is back afterwards.
     */
    public static <T, R> R withContext(ContextKey<T> key, T value, Callable<R> body) throws Exception {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        TaskContext ctx = TaskContext.current();
        ContextValues outer = ctx.values();
        ctx.setValues(outer.with(key, value));
        try {
            return body.call();
        } finally {
            ctx.setValues(outer);
        }
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
     * Sifr's {@code task.timeout} block: runs {@code body} on the current thread with a deadline
     * {@code timeout} from now (or the enclosing deadline if that is earlier: an inner timeout can
     * only shorten). Blocking Sifr operations inside end with their own {@link TimeoutError}
     * ({@code TCP read timed out}, ...) when it passes; the caller then gets {@link TimeoutError}
     * {@code task timeout expired} with the body's exception as its cause. {@link Duration#ZERO}
     * expires at once (the first blocking operation times out). When an enclosing deadline is the
     * earlier one, its own block reports the expiry.
     *
     * @throws IllegalArgumentException {@code task timeout must not be negative} /
     *     {@code task timeout is too large} (over 86,400 s)
     */
    public static <T> T timeout(Duration timeout, Callable<T> body) throws Exception {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("task timeout must not be negative");
        }
        if (timeout.compareTo(Timeouts.MAX) > 0) {
            throw new IllegalArgumentException("task timeout is too large");
        }
        return within(TaskContext.after(timeout.toNanos()), body);
    }

    /**
     * Sifr's {@code task.deadline} block: {@link #timeout} with an absolute end. A deadline in the
     * past expires at once.
     */
    public static <T> T deadline(Instant deadline, Callable<T> body) throws Exception {
        Objects.requireNonNull(deadline, "deadline");
        Duration left = Duration.between(Instant.now(), deadline);
        long nanos = left.isNegative() ? 0 : saturatedNanos(left);
        return within(TaskContext.after(nanos), body);
    }

    private static <T> T within(long blockDeadline, Callable<T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        TaskContext ctx = TaskContext.current();
        long outer = ctx.deadline();
        long effective = TaskContext.earlier(outer, blockDeadline);
        // this block reports the expiry only if its deadline is the one in force
        boolean ours = effective == blockDeadline && (outer == TaskContext.NO_DEADLINE || blockDeadline - outer < 0);
        ctx.setDeadline(effective);
        try {
            return body.call();
        } catch (Exception e) {
            if (ours && blockDeadline - System.nanoTime() <= 0 && causedByTimeout(e)) {
                throw new TimeoutError("task timeout expired", e);
            }
            throw e;
        } finally {
            ctx.setDeadline(outer);
        }
    }

    /** True if {@code e} or one of its causes is a {@link TimeoutError}: the deadline ended the body. */
    private static boolean causedByTimeout(Throwable e) {
        for (int depth = 0; e != null && depth < 16; depth++, e = e.getCause()) {
            if (e instanceof TimeoutError) {
                return true;
            }
        }
        return false;
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
