package sifr.task.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import sifr.task.CancelledError;
import sifr.task.TimeoutError;

/**
 * One child task: its token, its outcome and whether anyone observed that outcome. The public
 * {@code TaskHandle} is a thin view of it; scopes, groups and the combinators ({@code gather},
 * {@code race}, {@code select}) read it directly.
 *
 * <p>The outcome fields are written by the child thread before {@link #done} counts down, and read
 * only after waiting on it (the latch gives the happens-before edge), so they need no lock.
 * {@link #lock} guards {@link #listeners} against the child finishing while one is added; it is
 * held only for those few instructions, never while running a listener.
 */
public final class TaskCell<T> {
    /** How a child ended. {@code CANCELLED} means cancellation was requested and the child stopped. */
    public enum State { RUNNING, SUCCEEDED, FAILED, CANCELLED }

    private final ChildSet owner;
    private final CancelToken token;
    private final long deadline;
    private final ContextValues values;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean observed = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private List<Runnable> listeners;
    private boolean finished;
    private volatile State state = State.RUNNING;
    private T value;
    private Throwable error;
    /** A failure counted by the owner as not yet observed; guarded by the owner's lock. */
    boolean pending;

    TaskCell(ChildSet owner, CancelToken token, long deadline, ContextValues values) {
        this.owner = owner;
        this.token = token;
        this.deadline = deadline;
        this.values = values;
    }

    void run(Callable<T> body) {
        token.bind(Thread.currentThread());
        TaskContext.install(deadline, token, values);
        try {
            value = body.call();
            state = State.SUCCEEDED;
        } catch (Throwable e) {
            error = e;
            // whatever a task throws after its cancellation was requested is the consequence of it;
            // a CancelledError nobody requested (the child met someone else's cancellation) is a failure
            state = token.isCancelled() ? State.CANCELLED : State.FAILED;
        } finally {
            token.unbind();
            token.detach();
            TaskContext.uninstall();
            owner.childDone(this); // before the latch: whoever waited on it sees the owner's bookkeeping done
            done.countDown();
            runListeners();
        }
    }

    private void runListeners() {
        List<Runnable> toRun;
        lock.lock();
        try {
            finished = true;
            toRun = listeners;
            listeners = null;
        } finally {
            lock.unlock();
        }
        if (toRun != null) {
            for (Runnable r : toRun) {
                r.run();
            }
        }
    }

    /** Runs {@code listener} once the child has finished (at once, on this thread, if it already has). */
    public void whenDone(Runnable listener) {
        lock.lock();
        try {
            if (!finished) {
                if (listeners == null) {
                    listeners = new ArrayList<>(2);
                }
                listeners.add(listener);
                return;
            }
        } finally {
            lock.unlock();
        }
        listener.run();
    }

    /** Waits for the child under the caller's deadline and cancellation ({@code <name> timed out}). */
    public void await(String name) throws TimeoutError {
        Waits.await(done, name, deadline);
    }

    /** Waits for the child ignoring interrupts (structured cleanup: children must finish). */
    public void awaitUninterruptibly() {
        Waits.awaitUninterruptibly(done);
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** The state; {@link State#RUNNING} until {@link #isDone()}. */
    public State state() {
        return isDone() ? state : State.RUNNING;
    }

    /** The state as the child's own thread last set it (for the owner's bookkeeping before the latch). */
    State rawState() {
        return state;
    }

    /** True if the child finished with a failure or a cancellation (what {@code join} would throw for). */
    public boolean endedBadly() {
        State s = state();
        return s == State.FAILED || s == State.CANCELLED;
    }

    /** The result; only after {@link State#SUCCEEDED}. */
    public T value() {
        return value;
    }

    /** What the child threw; only after {@link State#FAILED} or {@link State#CANCELLED} (may be null then). */
    public Throwable error() {
        return error;
    }

    /**
     * What {@code join} throws for a finished child that did not succeed: its own exception if it
     * failed; if it was cancelled, the all-or-cancel failure that cancelled it when its owner is a
     * {@code TaskGroup}, else {@code task was cancelled}.
     */
    public Throwable failure() {
        if (state() == State.FAILED) {
            return error;
        }
        Throwable groupFailure = owner.policyFailure();
        if (groupFailure != null && groupFailure != error) {
            owner.observePolicyFailure();
            return groupFailure;
        }
        return new CancelledError("task was cancelled");
    }

    /** Marks the outcome as observed (joined, gathered, raced): the owner will not report it again. */
    public void observe() {
        if (observed.compareAndSet(false, true)) {
            owner.observed(this);
        }
    }

    public boolean isObserved() {
        return observed.get();
    }

    public void cancel() {
        token.cancel();
    }

    /** The deadline the child inherited ({@link TaskContext#NO_DEADLINE} if none). */
    public long deadline() {
        return deadline;
    }

    /** Rethrows an Error; turns anything else into an Exception a {@code throws Exception} method can throw. */
    public static Exception rethrowable(Throwable t) {
        if (t instanceof Error err) {
            throw err;
        }
        return t instanceof Exception e ? e : new RuntimeException(t);
    }
}
