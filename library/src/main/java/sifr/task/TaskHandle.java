package sifr.task;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import sifr.task.internal.CancelToken;
import sifr.task.internal.TaskContext;
import sifr.task.internal.Waits;

/**
 * A child task spawned by {@link TaskScope#spawn}: runs on its own virtual thread.
 *
 * <p>Its result fields are written by the child thread before {@link #done} counts down, and read
 * only after waiting on it (the latch gives the happens-before edge), so they need no lock.
 */
public final class TaskHandle<T> {
    private enum State { RUNNING, SUCCEEDED, FAILED, CANCELLED }

    private final TaskScope scope;
    private final CancelToken token;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile State state = State.RUNNING;
    private T value;
    private Throwable error;

    TaskHandle(TaskScope scope, CancelToken token) {
        this.scope = scope;
        this.token = token;
    }

    /**
     * Waits for the task and returns its result. Rethrows the task's own exception as is; a
     * cancelled task throws {@link CancelledError}, or the scope's failure if a sibling's failure
     * cancelled it. The wait obeys the caller's deadline ({@code task join timed out}); when the
     * child runs under the same (or an earlier) deadline, it gets a short grace so that its own, more
     * precise error ({@code TCP read timed out}) reaches the caller instead.
     */
    public T join() throws Exception {
        Waits.await(done, "task join", deadline);
        switch (state) {
            case SUCCEEDED:
                return value;
            case FAILED:
                scope.delivered(error);
                throw rethrowable(error);
            default:
                Throwable scopeFailure = scope.failure();
                if (scopeFailure != null) {
                    scope.delivered(scopeFailure);
                    throw rethrowable(scopeFailure);
                }
                throw new CancelledError("task was cancelled");
        }
    }

    /** Cancels the task: its pending blocking operation ends with {@link CancelledError}. Idempotent. */
    public void cancel() {
        token.cancel();
    }

    /** True once the task finished (with a result, an error, or by cancellation). */
    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** True if the task was cancelled before it could finish normally. */
    public boolean isCancelled() {
        return isDone() && state == State.CANCELLED;
    }

    /** The deadline the child inherited; set before its thread starts. */
    private long deadline = TaskContext.NO_DEADLINE;

    void inherit(long deadline) {
        this.deadline = deadline;
    }

    void run(Callable<T> body, long deadline) {
        token.bind(Thread.currentThread());
        TaskContext.install(deadline, token);
        try {
            value = body.call();
            state = State.SUCCEEDED;
        } catch (Throwable e) {
            error = e;
            if (token.isCancelled()) {
                // whatever a cancelled task throws is the consequence of its cancellation
                state = State.CANCELLED;
            } else {
                state = State.FAILED;
                scope.childFailed(e);
            }
        } finally {
            token.unbind();
            token.detach();
            TaskContext.uninstall();
            scope.childDone(this); // before the latch: whoever waited on it sees the scope's bookkeeping done
            done.countDown();
        }
    }

    void awaitUninterruptibly() {
        Waits.awaitUninterruptibly(done);
    }

    static Exception rethrowable(Throwable t) {
        if (t instanceof Error err) {
            throw err;
        }
        return t instanceof Exception e ? e : new RuntimeException(t);
    }
}
