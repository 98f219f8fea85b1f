package sifr.task.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cancellation state of one task or scope. Cancelling a token marks it, interrupts the thread
 * that runs the task (so a blocked NIO operation or sleep wakes up) and cancels every child token.
 *
 * <p>Lock: {@link #lock} guards {@link #children} only; it is never held while blocking or while
 * cancelling children (they are snapshotted first).
 */
public final class CancelToken {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<CancelToken> children = new ArrayList<>();
    private final CancelToken parent;
    private volatile Thread thread;
    private volatile boolean cancelled;

    private CancelToken(CancelToken parent) {
        this.parent = parent;
    }

    /** A token without parent (a scope opened outside any task). */
    public static CancelToken root() {
        return new CancelToken(null);
    }

    /** A token cancelled whenever {@code parent} is; if {@code parent} is already cancelled, so is this. */
    public static CancelToken childOf(CancelToken parent) {
        if (parent == null) {
            return root();
        }
        CancelToken child = new CancelToken(parent);
        parent.lock.lock();
        try {
            parent.children.add(child);
        } finally {
            parent.lock.unlock();
        }
        if (parent.isCancelled()) {
            child.cancel();
        }
        return child;
    }

    /** Binds the thread that runs this task: cancellation interrupts it. */
    public void bind(Thread runner) {
        this.thread = runner;
        if (cancelled) {
            runner.interrupt();
        }
    }

    /** Unbinds the runner (the task finished): later cancellation must not interrupt whatever it runs next. */
    public void unbind() {
        this.thread = null;
    }

    /** Removes this token from its parent (its task or scope is over), so the parent does not keep it alive. */
    public void detach() {
        if (parent != null) {
            parent.lock.lock();
            try {
                parent.children.remove(this);
            } finally {
                parent.lock.unlock();
            }
        }
    }

    public boolean isCancelled() {
        for (CancelToken t = this; t != null; t = t.parent) {
            if (t.cancelled) {
                return true;
            }
        }
        return false;
    }

    /** Cancels this token and its descendants; idempotent. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        Thread runner = thread;
        if (runner != null) {
            runner.interrupt();
        }
        CancelToken[] snapshot;
        lock.lock();
        try {
            snapshot = children.toArray(new CancelToken[0]);
        } finally {
            lock.unlock();
        }
        for (CancelToken child : snapshot) {
            child.cancel();
        }
    }
}
