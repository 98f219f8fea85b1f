package sifr.task;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import sifr.task.internal.CancelToken;
import sifr.task.internal.TaskContext;
import sifr.task.internal.TaskStats;

/**
 * A structured group of child tasks ({@link Task#scope()}). Every child runs on its own virtual
 * thread and inherits the spawner's deadline. A child that fails cancels its siblings, and the
 * scope rethrows that failure (from {@link TaskHandle#join()} or {@link #close()}). Closing the scope
 * cancels the children that are still running and waits until all have finished.
 *
 * <pre>{@code
 * try (TaskScope scope = Task.scope()) {
 *     TaskHandle<byte[]> a = scope.spawn(() -> fetch("a"));
 *     TaskHandle<byte[]> b = scope.spawn(() -> fetch("b"));
 *     use(a.join(), b.join());
 * }
 * }</pre>
 *
 * <p>Lock: {@link #lock} guards {@link #closed} against concurrent {@link #spawn} so that no child
 * starts after {@link #close()} took its snapshot; it is never held while waiting.
 */
public final class TaskScope implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<TaskHandle<?>> running = ConcurrentHashMap.newKeySet();
    private final CancelToken token;
    private boolean closed;
    private volatile Throwable failure;
    private volatile boolean failureDelivered;

    TaskScope() {
        this.token = CancelToken.childOf(TaskContext.current().token());
    }

    /**
     * Starts {@code body} as a child task on a new virtual thread.
     *
     * @throws IllegalStateException {@code task scope is closed}
     */
    public <T> TaskHandle<T> spawn(Callable<T> body) {
        long deadline = TaskContext.current().deadline();
        TaskHandle<T> handle;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("task scope is closed");
            }
            handle = new TaskHandle<>(this, CancelToken.childOf(token));
            handle.inherit(deadline);
            running.add(handle);
            TaskStats.started();
        } finally {
            lock.unlock();
        }
        TaskHandle<T> h = handle;
        Thread.ofVirtual().name("sifr-task").start(() -> h.run(body, deadline));
        return handle;
    }

    /** Cancels every child still running (they end with {@link CancelledError}); does not wait. */
    public void cancel() {
        token.cancel();
    }

    /**
     * Cancels unfinished children, waits for all of them, then rethrows the first child failure
     * unless it was already thrown by a {@link TaskHandle#join()}. A second close does nothing.
     */
    @Override
    public void close() throws Exception {
        TaskHandle<?>[] snapshot;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            snapshot = running.toArray(new TaskHandle<?>[0]);
        } finally {
            lock.unlock();
        }
        for (TaskHandle<?> h : snapshot) {
            if (!h.isDone()) {
                h.cancel();
            }
        }
        for (TaskHandle<?> h : snapshot) {
            h.awaitUninterruptibly();
        }
        token.detach();
        Throwable f = failure;
        if (f != null && !failureDelivered) {
            failureDelivered = true;
            throw TaskHandle.rethrowable(f);
        }
    }

    void childFailed(Throwable e) {
        boolean first = false;
        lock.lock();
        try {
            if (failure == null) {
                failure = e;
                first = true;
            }
        } finally {
            lock.unlock();
        }
        if (first) {
            token.cancel();
        }
    }

    void childDone(TaskHandle<?> handle) {
        running.remove(handle);
        TaskStats.finished();
    }

    Throwable failure() {
        return failure;
    }

    void delivered(Throwable e) {
        if (e == failure) {
            failureDelivered = true;
        }
    }

    /** Child tasks started and not yet finished, in all scopes (tests check that none leak). */
    static int liveTasks() {
        return TaskStats.liveTasks();
    }
}
