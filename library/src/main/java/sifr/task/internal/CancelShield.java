package sifr.task.internal;

/**
 * A short section of a task that neither its cancellation nor its deadline may interrupt: a socket
 * write into a connection other tasks share (an HTTP/2 frame batch). NIO closes a channel whose
 * blocked thread is interrupted, so an interrupt in the middle of such a write would end the
 * connection for everyone on it, and a write cut short would leave a frame half sent.
 *
 * <p>While shielded: the thread's {@link CancelToken} is masked (a cancellation is recorded and its
 * interrupt delivered at {@link #exit}), and the thread runs under a context without token or deadline
 * (so {@link BlockingOp}s inside neither throw for the cancellation nor arm the deadline timer). The
 * task's deadline is kept in {@link #deadline} for an {@link Alarm} that bounds the section without an
 * interrupt. Interrupts from outside {@code sifr.task} cannot be masked: {@link #enter}
 * refuses a thread already interrupted, nothing more.
 *
 * <p>Usage: {@code CancelShield s = CancelShield.enter(); if (s != null) try { ... } finally { s.exit(); }}
 */
public final class CancelShield {
    /** The shield of a thread that runs no task: there is nothing to mask or restore. */
    private static final CancelShield NO_TASK = new CancelShield(null, null);

    private final TaskContext saved;
    private final CancelToken token;

    private CancelShield(TaskContext saved, CancelToken token) {
        this.saved = saved;
        this.token = token;
    }

    /**
     * Enters the shield on the calling thread, or returns null if it cannot: the task is already
     * cancelled, its deadline has passed, the thread is interrupted, or its token is bound to another
     * thread. Then the caller takes its unshielded path (for a shared connection: the writer thread).
     */
    public static CancelShield enter() {
        TaskContext ctx = TaskContext.peek();
        if (ctx == null) {
            return Thread.currentThread().isInterrupted() ? null : NO_TASK;
        }
        CancelToken token = ctx.token();
        if (token != null && !token.mask()) {
            return null;
        }
        long deadline = ctx.deadline();
        if (Thread.currentThread().isInterrupted()
                || (deadline != TaskContext.NO_DEADLINE && deadline - System.nanoTime() <= 0)) {
            if (token != null) {
                token.unmask();
            }
            return null;
        }
        TaskContext.set(new TaskContext(TaskContext.NO_DEADLINE, null, ctx.values()));
        return new CancelShield(ctx, token);
    }

    /** The shielded task's deadline ({@link TaskContext#NO_DEADLINE} if none). */
    public long deadline() {
        return saved == null ? TaskContext.NO_DEADLINE : saved.deadline();
    }

    /**
     * From now until {@link #exit}, a blocking read on this thread that waits {@code millis} (at least 1)
     * gives up without closing its stream ({@code sifr.net.internal.ReadSliceElapsed}): the bound of a
     * shielded section that reads a shared socket (an HTTP/2 caller reading its own response), where
     * neither the task's cancellation nor its deadline may interrupt the read. Streams that do not
     * support it ignore it, so only a caller that knows its stream does may rely on it; call it again
     * to change the slice.
     */
    public void sliceReads(int millis) {
        TaskContext.current().setReadSliceMillis(Math.max(0, millis));
    }

    /** Whether the shielded task can be cancelled at all (it has a token): else only its deadline bounds it. */
    public boolean cancellable() {
        return token != null;
    }

    /** Leaves the shield: the task's context is back, and a cancellation that came meanwhile interrupts now. */
    public void exit() {
        if (saved == null) {
            TaskContext plain = TaskContext.peek(); // a thread without a task: its lazy context stays
            if (plain != null) {
                plain.setReadSliceMillis(0);
            }
            return;
        }
        TaskContext.set(saved);
        if (token != null) {
            token.unmask();
        }
    }
}
