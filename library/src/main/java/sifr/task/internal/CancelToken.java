package sifr.task.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cancellation state of one task or scope. Cancelling a token marks it, interrupts the thread
 * that runs the task (so a blocked NIO operation or sleep wakes up) and cancels every child token.
 *
 * <p>Lock: {@link #lock} guards {@link #children} only; it is never held while blocking or while
 * cancelling children (they are snapshotted first).
 *
 * <p>Masking ({@link #mask}, {@link #unmask}; used by {@link CancelShield}): while the bound thread
 * has masked its token, a cancellation marks it as usual but leaves the interrupt to {@link #unmask}.
 * The state is one variable changed by compare-and-set only: {@code UNMASKED -> MASKED} and back by
 * the bound thread, {@code MASKED -> DEFERRED} by a canceller. A canceller that finds {@code UNMASKED}
 * interrupts at once; a thread that masks checks {@link #isCancelled} after its CAS, so a
 * cancellation whose CAS came first (its interrupt may still be on its way) is always seen and the
 * masked section is not entered.
 */
public final class CancelToken {
    private static final int UNMASKED = 0;
    private static final int MASKED = 1;
    private static final int DEFERRED = 2;
    private static final VarHandle MASK;

    static {
        try {
            MASK = MethodHandles.lookup().findVarHandle(CancelToken.class, "mask", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final List<CancelToken> children = new ArrayList<>();
    private final CancelToken parent;
    private volatile Thread thread;
    private volatile boolean cancelled;
    @SuppressWarnings("unused") // through MASK
    private volatile int mask;

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
        if (runner != null && !defer()) {
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

    /** Canceller: true if the bound thread is masked (its interrupt is now deferred to {@link #unmask}). */
    private boolean defer() {
        while (true) {
            int m = (int) MASK.getVolatile(this);
            if (m == UNMASKED) {
                return false;
            }
            if (m == DEFERRED || MASK.compareAndSet(this, MASKED, DEFERRED)) {
                return true;
            }
        }
    }

    /**
     * Bound thread: from now on a cancellation does not interrupt this thread until {@link #unmask}.
     * False (nothing masked) if this token is not bound to the calling thread or is already cancelled:
     * then an interrupt may be on its way and the caller must not enter its masked section.
     */
    boolean mask() {
        if (thread != Thread.currentThread() || !MASK.compareAndSet(this, UNMASKED, MASKED)) {
            return false;
        }
        if (isCancelled()) {
            unmask();
            return false;
        }
        return true;
    }

    /** Bound thread: ends {@link #mask}; a cancellation that came meanwhile interrupts the thread now. */
    void unmask() {
        if (!MASK.compareAndSet(this, MASKED, UNMASKED)) {
            MASK.setVolatile(this, UNMASKED); // DEFERRED: only this thread leaves it
            Thread.currentThread().interrupt();
        }
    }
}
