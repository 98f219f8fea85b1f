package sifr.task;

import sifr.task.internal.TaskCell;

/**
 * A child task spawned by {@link TaskScope#spawn} or {@link TaskGroup#spawn}: runs on its own
 * virtual thread. Observing its outcome ({@link #join()}, {@link #cancelAndJoin()}, or passing it to
 * {@link Task#gather}, {@link Task#race}, {@link Task#select}) keeps its owner from reporting a
 * failure a second time.
 */
public final class TaskHandle<T> {
    private final TaskCell<T> cell;

    TaskHandle(TaskCell<T> cell) {
        this.cell = cell;
    }

    /**
     * Waits for the task and returns its result. Rethrows the task's own exception as is; a
     * cancelled task throws {@link CancelledError} {@code task was cancelled}, or, in a
     * {@link TaskGroup}, the sibling failure that cancelled it. The wait obeys the caller's deadline
     * ({@code task join timed out}); when the child runs under the same (or an earlier) deadline, it
     * gets a short grace so that its own, more precise error ({@code TCP read timed out}) reaches
     * the caller instead.
     */
    public T join() throws Exception {
        cell.await("task join");
        cell.observe();
        if (cell.state() == TaskCell.State.SUCCEEDED) {
            return cell.value();
        }
        throw TaskCell.rethrowable(cell.failure());
    }

    /** Cancels the task: its pending blocking operation ends with {@link CancelledError}. Idempotent. */
    public void cancel() {
        cell.cancel();
    }

    /**
     * Cancels the task and waits until it has finished (uninterruptibly: its cleanup has run when
     * this returns). A task that had already failed by itself rethrows that failure; a success or
     * the cancellation itself returns normally.
     */
    public void cancelAndJoin() throws Exception {
        cell.cancel();
        cell.awaitUninterruptibly();
        cell.observe();
        if (cell.state() == TaskCell.State.FAILED) {
            throw TaskCell.rethrowable(cell.error());
        }
    }

    /** True once the task finished (with a result, an error, or by cancellation). */
    public boolean isDone() {
        return cell.isDone();
    }

    /** True if the task was cancelled (by request) before it could finish normally. */
    public boolean isCancelled() {
        return cell.state() == TaskCell.State.CANCELLED;
    }

    TaskCell<T> cell() {
        return cell;
    }
}
