package sifr.task;

import java.util.concurrent.Callable;
import sifr.task.internal.ChildSet;
import sifr.task.internal.TaskCell;

/**
 * Sifr's all-or-cancel {@code task.TaskGroup()}: "TaskGroup cancels unfinished siblings when any
 * child fails." Open it with {@link Task#group()} (try-with-resources) or {@link Task#group(GroupBody)}.
 *
 * <ul>
 *   <li>The first child failure cancels the unfinished siblings (and any child spawned later).
 *   <li>{@link #close()} waits for every child, then throws that first failure itself, unless a
 *       {@link TaskHandle#join()} already threw it. Joining a sibling the group cancelled throws
 *       the same first failure.
 *   <li>Cancellations the group caused itself are not reported as failures.
 * </ul>
 *
 * <pre>{@code
 * try (TaskGroup group = Task.group()) {
 *     TaskHandle<byte[]> a = group.spawn(() -> fetch("a"));
 *     TaskHandle<byte[]> b = group.spawn(() -> fetch("b"));
 *     use(a.join(), b.join());     // if b fails, a is cancelled and a.join() throws b's failure
 * }
 * }</pre>
 */
public final class TaskGroup implements AutoCloseable {
    private final ChildSet children = new ChildSet(true);

    TaskGroup() {
    }

    /**
     * Starts {@code body} as a child task on a new virtual thread.
     *
     * @throws IllegalStateException {@code task group is closed}
     */
    public <T> TaskHandle<T> spawn(Callable<T> body) {
        return new TaskHandle<>(children.spawn(body, "task group"));
    }

    /** Cancels every child still running; does not wait. Not reported as a failure. */
    public void cancel() {
        children.cancel();
    }

    /** True once a child failed, {@link #cancel()} was called or the owner's task was cancelled. */
    public boolean isCancelled() {
        return children.isCancelled();
    }

    /**
     * Waits, uninterruptibly, until every child has finished, then throws the first child failure
     * (later ones suppressed) unless a {@code join} already threw it. A second close does nothing.
     */
    @Override
    public void close() throws Exception {
        if (!children.awaitAll()) {
            return;
        }
        Throwable f = children.closingFailure();
        if (f != null) {
            throw TaskCell.rethrowable(f);
        }
    }

    void abort(Throwable bodyFailure) {
        children.cancel();
        if (children.awaitAll()) {
            children.suppressOnto(bodyFailure);
        }
    }
}
