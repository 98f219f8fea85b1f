package sifr.task;

import java.util.concurrent.Callable;
import sifr.task.internal.ChildSet;
import sifr.task.internal.TaskStats;

/**
 * A plain scope for child tasks, Sifr's {@code task.scope()}: "The scope owns the children and
 * waits for them before the block exits." Every child runs on its own virtual thread and inherits
 * the spawner's deadline and {@link ContextKey} bindings.
 *
 * <ul>
 *   <li>{@link #close()} <b>waits for every child</b>; it cancels nothing.
 *   <li>A child's failure does not cancel its siblings and does not poison the scope: later
 *       {@link #spawn}s run normally (an accept loop keeps serving after a connection failed). A
 *       failure nobody observed through {@link TaskHandle#join()} is thrown by {@code close()} as
 *       {@link ScopeFailure} {@code unobserved child task failed}.
 *   <li>{@link #cancel()} cancels the children still running, explicitly.
 * </ul>
 *
 * <p><b>Two forms.</b> Java's try-with-resources cannot tell {@code close()} that the block threw,
 * so in this form a block that fails still waits for its children; cancel them first if they
 * should not finish ({@code catch (...) { scope.cancel(); throw e; }}). The lambda form
 * {@link Task#scope(ScopeBody)} knows: when its body throws, the unfinished children are cancelled,
 * waited for, and the body's exception propagates (children's failures suppressed onto it), which
 * is what Sifr's {@code async with task.scope()} does when its block fails.
 *
 * <pre>{@code
 * try (TaskScope scope = Task.scope()) {
 *     scope.spawn(() -> copy(a, b));
 *     scope.spawn(() -> copy(b, a));
 * }   // returns when both copies have finished
 * }</pre>
 *
 * For all-or-cancel work (the first failure cancels the siblings) use {@link TaskGroup}.
 */
public final class TaskScope implements AutoCloseable {
    private final ChildSet children = new ChildSet(false);

    TaskScope() {
    }

    /**
     * Starts {@code body} as a child task on a new virtual thread.
     *
     * @throws IllegalStateException {@code task scope is closed}
     */
    public <T> TaskHandle<T> spawn(Callable<T> body) {
        return new TaskHandle<>(children.spawn(body, "task scope"));
    }

    /** Cancels every child still running (they end with {@link CancelledError}); does not wait. */
    public void cancel() {
        children.cancel();
    }

    /** True once {@link #cancel()} was called or the owner's task was cancelled. */
    public boolean isCancelled() {
        return children.isCancelled();
    }

    /**
     * Waits, uninterruptibly, until every child has finished (cancelling none), then throws a
     * {@link ScopeFailure} for the child failures nobody observed. A second close does nothing.
     *
     * @throws ScopeFailure {@code unobserved child task failed} / {@code unobserved child task was cancelled}
     */
    @Override
    public void close() {
        if (!children.awaitAll()) {
            return;
        }
        Throwable f = children.closingFailure();
        if (f != null) {
            throw (ScopeFailure) f;
        }
    }

    /** The lambda form: cancel, wait, and put the unobserved failures onto the body's exception. */
    void abort(Throwable bodyFailure) {
        children.cancel();
        if (children.awaitAll()) {
            children.suppressOnto(bodyFailure);
        }
    }

    /** Child tasks started and not yet finished, in all scopes (tests check that none leak). */
    static int liveTasks() {
        return TaskStats.liveTasks();
    }
}
