package sifr.http.internal.h2;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.HttpError;
import sifr.net.internal.ReadSliceElapsed;
import sifr.task.internal.CancelShield;
import sifr.task.internal.TaskContext;

/**
 * Who reads the socket of a client connection: the reader thread, or a lone caller that reads its own
 * response. Why: with the reader thread reading, one caller's response costs two virtual-thread
 * hand-offs (poller to reader, reader to caller) where HTTP/1.1 costs one; a caller that reads itself
 * is woken by the poller directly.
 *
 * <p>States (guarded by the connection's lock): {@code READING}, the reader thread reads (or is about
 * to); {@code OFFERED}, the reader thread, having found no stream open after a read, parks instead of
 * reading, for at most {@link #PARK_NANOS} after the last caller gave the role back; {@code CALLER}, a
 * caller reads. A caller takes an offered role only for a lone stream whose request is already
 * written whole ({@link #takeIfOffered}); anyone else who needs the input while it is offered (another
 * stream opens, a PING, close, a failure) makes it {@code READING} again ({@link #ensureReading}). So
 * while a stream is open someone reads, except between a lone caller's open and its wait for the
 * response, which the park's bound also covers.
 *
 * <p>The caller reads in a {@link CancelShield}: an interrupt in a socket read closes the socket under
 * every stream, so the caller's cancellation and deadline are deferred, and its reads time out instead
 * at its deadline, and for a task that can be cancelled after a slice ({@link #SLICE_MILLIS}), without
 * closing anything. Then, or once its response head is in, or when the input ends, it gives the role back: {@code OFFERED} again
 * when no stream is left open, else {@code READING} with the reader thread woken. It dispatches every
 * frame it reads, other streams', SETTINGS, PING, GOAWAY and WINDOW_UPDATE alike, with the same
 * {@link Http2Inbound} and read buffer as the reader thread.
 */
final class ReaderRole {
    private static final int READING = 0;
    private static final int OFFERED = 1;
    private static final int CALLER = 2;
    /** How long the reader thread leaves an idle connection's socket unread after the last caller's turn. */
    static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * How long a caller that can be cancelled reads before it gives the role back: its cancellation's
     * longest delay. Longer than {@link #PARK_NANOS} so that the timer of its timed read is mostly not
     * the earliest in the JDK's timer queue (the parked reader thread's is): a new earliest timer
     * wakes the timer thread, a context switch.
     */
    static final int SLICE_MILLIS = 25;

    private final Http2Connection c;
    private final Http2Inbound in;
    private final ReentrantLock lock;
    /** The reader thread parks here while the role is offered or held by a caller. */
    private final Condition turn;

    /**
     * Callers may read: a client connection on a stream whose reads honour slices. Set before the
     * reader thread starts (its start publishes it) and never changed: a server's reader pays no lock for it.
     */
    private boolean enabled;

    // ---- guarded by lock ----
    private int state = READING;
    /** When the role was last offered or given back (System.nanoTime). */
    private long offeredAt;
    /** A caller holding the role saw the input end (EOF or a failed read): the reader thread finishes. */
    private boolean inputOver;
    /** Turns callers took (tests). */
    private long callerTurns;
    /** The reader thread waits without a timer (a caller held the role when it looked). */
    private boolean untimed;
    /** {@link #PARK_NANOS}, but in tests. */
    private long parkNanos = PARK_NANOS;

    ReaderRole(Http2Connection c, Http2Inbound in) {
        this.c = c;
        this.in = in;
        this.lock = c.lock;
        this.turn = lock.newCondition();
    }

    /**
     * Lets callers read this client connection's socket; only for a stream whose reads honour read
     * slices, and only before the reader thread starts.
     */
    void enableCallers() {
        enabled = true;
    }

    /**
     * Reader thread, after each read: offers the role when no stream is open, then parks while it is
     * offered (up to {@link #PARK_NANOS} after the last turn) or a caller holds it (until it gives
     * the role back). False when a caller saw the input end: the reader thread is to finish.
     */
    boolean readerTurn() {
        if (!enabled) {
            return true;
        }
        lock.lock();
        try {
            if (state == READING && idle()) {
                state = OFFERED;
                offeredAt = System.nanoTime();
            }
            while (state != READING) {
                if (state == CALLER) {
                    // No timer while a caller reads (it may wait minutes for a long poll's answer): the
                    // caller signals when it gives the role back, offered or not.
                    untimed = true;
                    try {
                        turn.await();
                    } finally {
                        untimed = false;
                    }
                    continue;
                }
                long left = offeredAt + parkNanos - System.nanoTime();
                if (left <= 0) {
                    state = READING; // no caller came: read again (PING, GOAWAY, the peer's close)
                    break;
                }
                turn.awaitNanos(left);
            }
            return !inputOver;
        } catch (InterruptedException e) {
            state = READING;
            Thread.currentThread().interrupt(); // nobody interrupts the reader; if someone did, its read ends it
            return !inputOver;
        } finally {
            lock.unlock();
        }
    }

    /** No stream open, nothing ending: the socket may be left to a caller. */
    private boolean idle() {
        assert lock.isHeldByCurrentThread();
        return c.streams.isEmpty() && c.failure() == null && !c.closing() && in.dispatching();
    }

    /** Someone needs the input read while it may be offered: the reader thread reads again. */
    void ensureReading() {
        assert lock.isHeldByCurrentThread();
        if (state == OFFERED) {
            state = READING;
            turn.signal();
        }
    }

    /**
     * A stream was opened: unless {@code mayTake} (a lone stream whose caller will take the role when it
     * waits for the response), the reader thread reads again if it left the socket.
     */
    void streamOpened(boolean mayTake) {
        assert lock.isHeldByCurrentThread();
        if (!mayTake) {
            ensureReading();
        }
    }

    /** Whether a caller of a lone stream may take the role at all (then {@link #takeIfOffered} may succeed). */
    boolean callersMayRead() {
        assert lock.isHeldByCurrentThread();
        return enabled && Thread.currentThread().isVirtual();
    }

    /**
     * The caller of {@code s}, about to wait for its response: takes the role if it is offered and
     * {@code s} is the only stream open. Then it must call {@link #readFor}.
     */
    boolean takeIfOffered(H2Stream s) {
        assert lock.isHeldByCurrentThread();
        if (state != OFFERED || !enabled || c.streams.size() != 1 || !c.streams.isTracked(s) || !idleButFor()) {
            return false;
        }
        state = CALLER;
        callerTurns++;
        return true;
    }

    /** Tests: how long the reader thread leaves an idle connection's socket unread. */
    void parkFor(long nanos) {
        lock.lock();
        try {
            parkNanos = nanos;
        } finally {
            lock.unlock();
        }
    }

    /** How many times a caller took the role (tests). */
    long callerTurns() {
        lock.lock();
        try {
            return callerTurns;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the reader thread has left the socket to callers right now (tests). */
    boolean offered() {
        lock.lock();
        try {
            return state == OFFERED;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a caller reads right now (tests). */
    boolean callerReads() {
        lock.lock();
        try {
            return state == CALLER;
        } finally {
            lock.unlock();
        }
    }

    private boolean idleButFor() {
        return c.failure() == null && !c.closing() && in.dispatching();
    }

    /**
     * The caller holding the role (it took it with {@link #takeIfOffered}) reads and dispatches until
     * {@code s} has its response head or has failed, its slice has passed, or the input has ended;
     * then it gives the role back. Never throws: what it read is dispatched, and its failures are the
     * connection's (the caller then finds them on its stream).
     */
    void readFor(H2Stream s) {
        boolean over = false;
        CancelShield shield = CancelShield.enter();
        try {
            if (shield == null) {
                return; // cancelled or past its deadline already: the reader thread reads
            }
            // Bounded by the deadline, and for a task that can be cancelled by a slice as well (its
            // cancellation waits at most that long). A caller without either reads until its answer,
            // like the reader thread: nothing could stop it sooner anyway but an interrupt.
            long until = shield.deadline();
            if (shield.cancellable()) {
                until = TaskContext.earlier(until, TaskContext.after(TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS)));
            }
            while (!answered(s)) {
                if (until != TaskContext.NO_DEADLINE) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    shield.sliceReads((int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
                }
                if (!in.readOnce()) {
                    over = true; // end of stream: the reader thread finishes the connection
                    break;
                }
            }
        } catch (ReadSliceElapsed e) {
            // nothing came within the slice: the reader thread reads on, the caller waits as usual
        } catch (IOException e) {
            over = true;
            c.readFailed(e);
        } catch (RuntimeException e) {
            over = true;
            c.fail(new HttpError("HTTP/2 connection failed: " + e, e));
        } finally {
            if (shield != null) {
                shield.exit();
            }
            giveBack(over);
        }
    }

    /** {@code s} has its response head or has failed, or frames are no longer dispatched. */
    private boolean answered(H2Stream s) {
        lock.lock();
        try {
            return s.responseHead != null || s.inboundError != null || !idleButFor();
        } finally {
            lock.unlock();
        }
    }

    private void giveBack(boolean over) {
        lock.lock();
        try {
            if (state != CALLER) {
                return;
            }
            inputOver |= over;
            if (!over && idle()) {
                state = OFFERED; // the reader thread stays parked: the next lone caller reads again
                offeredAt = System.nanoTime();
                if (untimed) {
                    turn.signal(); // it is to wait with the park's bound again (at most once per park)
                }
            } else {
                state = READING;
                turn.signal();
            }
        } finally {
            lock.unlock();
        }
    }
}
