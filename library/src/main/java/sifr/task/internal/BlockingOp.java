package sifr.task.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import sifr.task.CancelledError;
import sifr.task.TimeoutError;

/**
 * Bounds one blocking operation (e.g. {@code TCP read}) by the current task's deadline and
 * cancellation. Used around an interruptible NIO call:
 *
 * <pre>{@code
 * BlockingOp op = BlockingOp.begin("TCP read", NO_DEADLINE);
 * try { return channel.read(buf); }
 * catch (ClosedByInterruptException e) { throw op.interrupted(e); }
 * finally { op.end(); }
 * }</pre>
 *
 * <p>How a deadline stops a blocked call: the shared {@link DeadlineTimer} thread interrupts the
 * blocked thread at the deadline. NIO's interruptible channels then close the channel and throw
 * {@code ClosedByInterruptException}, which {@link #interrupted} turns into {@code <op> timed out}.
 * Cancellation takes the same path: {@link CancelToken#cancel()} interrupts the task's thread.
 *
 * <p>State ({@link #state}, compare-and-set, no lock): {@code ARMED} until either {@link #end()}
 * makes it {@code ENDED} (the timer then never interrupts) or the timer makes it {@code FIRING},
 * interrupts and sets {@code FIRED}. An {@code end()} that loses that race waits the few
 * instructions until {@code FIRED} and then clears the interrupt, so it never leaks into the
 * thread's next operation.
 */
public final class BlockingOp extends TimerEntry {
    private static final int ARMED = 0;
    private static final int ENDED = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;
    private static final VarHandle STATE;
    private static final AtomicInteger ARMED_COUNT = new AtomicInteger();

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(BlockingOp.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    final Thread thread;
    private final CancelToken token;
    private final boolean timed;
    /** {@link TaskContext#readSliceMillis()} when the operation began. */
    private final int readSliceMillis;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;

    private BlockingOp(String name, CancelToken token, long deadline, boolean timed, int readSliceMillis) {
        this.name = name;
        this.readSliceMillis = readSliceMillis;
        this.thread = Thread.currentThread();
        this.token = token;
        this.deadline = deadline;
        this.timed = timed;
    }

    /**
     * Starts an operation bounded by the current task's deadline and {@code extraDeadline}
     * (a {@link System#nanoTime()} value or {@link TaskContext#NO_DEADLINE}).
     *
     * @throws CancelledError the task is already cancelled
     * @throws TimeoutError the deadline already passed
     */
    public static BlockingOp begin(String name, long extraDeadline) throws TimeoutError {
        TaskContext ctx = TaskContext.peek();
        CancelToken token = ctx == null ? null : ctx.token();
        long deadline = ctx == null ? extraDeadline : TaskContext.earlier(ctx.deadline(), extraDeadline);
        if (token != null && token.isCancelled()) {
            throw new CancelledError(name + " cancelled");
        }
        int slice = ctx == null ? 0 : ctx.readSliceMillis();
        if (deadline == TaskContext.NO_DEADLINE) {
            return new BlockingOp(name, token, deadline, false, slice);
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new TimeoutError(name + " timed out");
        }
        BlockingOp op = new BlockingOp(name, token, deadline, true, slice);
        ARMED_COUNT.incrementAndGet();
        DeadlineTimer.SHARED.arm(op);
        return op;
    }

    /** Starts an operation bounded only by the current task. */
    public static BlockingOp begin(String name) throws TimeoutError {
        return begin(name, TaskContext.NO_DEADLINE);
    }

    /**
     * Milliseconds after which a read of this operation is to give up without closing anything
     * (the stream then throws {@code sifr.net.internal.ReadSliceElapsed}), or 0: set by a
     * {@link CancelShield} section that reads ({@link CancelShield#sliceReads}).
     */
    public int readSliceMillis() {
        return readSliceMillis;
    }

    /** The effective deadline of this operation ({@link TaskContext#NO_DEADLINE} if none). */
    public long deadline() {
        return deadline;
    }

    /** Nanoseconds left until the deadline ({@code Long.MAX_VALUE} without one; may be negative). */
    public long remainingNanos() {
        return deadline == TaskContext.NO_DEADLINE ? Long.MAX_VALUE : deadline - System.nanoTime();
    }

    /** Timer callback: the deadline passed while the operation may still be blocked. */
    @Override
    void fire() {
        if (STATE.compareAndSet(this, ARMED, FIRING)) {
            ARMED_COUNT.decrementAndGet();
            thread.interrupt();
            state = FIRED;
        }
    }

    /**
     * Ends the operation (call in {@code finally}). Clears an interrupt the deadline timer delivered,
     * so code after a timeout (cleanup, the next request) runs normally; an interrupt that came from
     * cancellation stays, so the cancelled task keeps stopping at every blocking point.
     */
    public void end() {
        if (!timed) {
            return;
        }
        if (STATE.compareAndSet(this, ARMED, ENDED)) {
            ARMED_COUNT.decrementAndGet();
            DeadlineTimer.SHARED.disarm(this);
            return;
        }
        // the timer took it: wait until its interrupt is delivered (a few instructions), then clear it
        while (state != FIRED) {
            Thread.yield();
        }
        if (token == null || !token.isCancelled()) {
            Thread.interrupted();
        }
    }

    /** True once the deadline passed (timer fired or clock is past it). */
    public boolean expired() {
        if (deadline == TaskContext.NO_DEADLINE) {
            return false;
        }
        int st = state;
        return st == FIRING || st == FIRED || deadline - System.nanoTime() <= 0;
    }

    /**
     * Translates an interruption of the blocked call ({@code ClosedByInterruptException},
     * {@code InterruptedException}): cancellation wins over the deadline; an interrupt from
     * elsewhere also counts as cancellation. Throws {@link CancelledError}, returns the timeout.
     */
    public TimeoutError interrupted(Exception cause) {
        if ((token == null || !token.isCancelled()) && expired()) {
            return timeout(cause);
        }
        throw cancelled(cause);
    }

    /** {@code <op> timed out}. */
    public TimeoutError timeout(Exception cause) {
        return new TimeoutError(name + " timed out", cause);
    }

    /** {@code <op> cancelled}; keeps the thread's interrupt status set. */
    public CancelledError cancelled(Exception cause) {
        if (!Thread.currentThread().isInterrupted()) {
            Thread.currentThread().interrupt();
        }
        CancelledError e = new CancelledError(name + " cancelled");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    public String name() {
        return name;
    }

    /** Operations whose deadline timer is still armed (tests check that none leak). */
    public static int armedTimers() {
        return ARMED_COUNT.get();
    }
}
