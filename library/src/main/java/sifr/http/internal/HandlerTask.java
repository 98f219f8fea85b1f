package sifr.http.internal;

import sifr.task.internal.CancelToken;
import sifr.task.internal.TaskContext;

/**
 * The {@code sifr.task} task a server runs a connection or a handler as, so that the server can
 * cancel it: a handler whose HTTP/2 stream the client reset, or every handler still running when
 * {@code HttpServer.close()}'s grace period is over. Cancelling interrupts the thread; every blocking
 * Sifr operation inside (TCP and TLS I/O, HTTP body reads and writes, {@code Task.sleep}, joins, child
 * scopes) then ends with {@code CancelledError}, exactly as in a cancelled child of a {@code TaskScope}.
 *
 * <p>Why not {@code TaskScope.spawn}: a server's handlers are not children a caller joins; their count
 * would show up in {@code TaskScope}'s leak accounting, and a scope would hold every one in a set. A
 * task here is one cancellation token, child of the task that created it (a connection's handlers are
 * cancelled with their connection).
 */
public final class HandlerTask {
    private final CancelToken token;

    private HandlerTask(CancelToken token) {
        this.token = token;
    }

    /** A task cancelled with the calling thread's task, if it runs in one. */
    public static HandlerTask childOfCurrent() {
        TaskContext ctx = TaskContext.peek();
        return new HandlerTask(CancelToken.childOf(ctx == null ? null : ctx.token()));
    }

    /** A task cancelled with this one (a connection's handlers are children of its task). */
    public HandlerTask child() {
        return new HandlerTask(CancelToken.childOf(token));
    }

    /** Runs {@code body} on the calling thread as this task (the thread must not already run a task). */
    public void run(Runnable body) {
        token.bind(Thread.currentThread());
        TaskContext.install(TaskContext.NO_DEADLINE, token);
        try {
            body.run();
        } finally {
            token.unbind();
            token.detach();
            TaskContext.uninstall();
        }
    }

    /** Cancels the task (idempotent; before {@link #run}, the task starts cancelled). */
    public void cancel() {
        token.cancel();
    }

    public boolean isCancelled() {
        return token.isCancelled();
    }
}
