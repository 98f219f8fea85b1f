package sifr.task.internal;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread ({@code sifr-deadline-timer}) that fires the deadlines of blocked operations
 * ({@link BlockingOp}) and rings {@link Alarm}s, built so that arming and disarming a deadline costs no
 * wake-up of that thread.
 *
 * <p>Why not a {@code ScheduledThreadPoolExecutor}: almost every TCP read and write runs under a
 * deadline that is never reached (a read timeout of seconds around a read that takes microseconds).
 * Scheduling a task makes it the head of the executor's queue whenever the queue is otherwise empty,
 * and a new head signals the timer thread; cancelling removes it again. So each read woke a platform
 * thread and took the queue's lock twice, and a timer thread descheduled while holding that lock (a
 * busy machine) stalled the next read for a scheduler quantum. Here an armed operation is linked
 * into one of {@link #STRIPES} lists under that list's lock; the thread is woken only when the new
 * deadline is earlier than the one it sleeps until. Ending an operation unlinks it; nothing wakes.
 *
 * <p>The thread scans all lists when it wakes, fires what is due and sleeps until the earliest
 * deadline left: a deadline fires when it is reached, not on a tick. A wake-up for an operation that
 * ended meanwhile finds nothing due and sleeps again, so wake-ups are bounded by deadlines reached
 * plus one per scan of the earliest live deadline, independent of the rate of operations. A scan
 * visits every armed entry: the threads blocked under a deadline, and the alarms set (about one per
 * open WebSocket); that is the price of O(1) arming. Alarms ring on a coarse grid
 * ({@link Alarm#GRANULE_NANOS}) so that however many are set, they cost at most about 30 wake-ups
 * (scans) a second.
 *
 * <p>Locks: each stripe's {@link ReentrantLock} guards its list links; it is held for a link, an
 * unlink or one stripe's part of a scan, never while firing (firing interrupts a thread or rings an
 * alarm, which must not block).
 * Missed wake-up: the thread publishes {@link #SCANNING} before it scans; an operation armed
 * after its stripe was scanned sees either that (and unparks: the next park returns at once and
 * scans again) or the new planned wake-up, which it compares against.
 */
final class DeadlineTimer {
    private static final int STRIPES = 16;
    /** {@link #plannedWake} while the thread scans: every arming unparks it. */
    private static final long SCANNING = Long.MIN_VALUE;
    /** {@link #plannedWake} while nothing is armed: the thread parks without a bound. */
    private static final long IDLE = Long.MAX_VALUE;

    static final DeadlineTimer SHARED = new DeadlineTimer();

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final Thread thread;
    private volatile long plannedWake = SCANNING;

    private DeadlineTimer() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
        thread = Thread.ofPlatform().name("sifr-deadline-timer").daemon(true).unstarted(this::loop);
        thread.start();
    }

    /** One list of armed operations and its lock (a doubly linked list through the operations). */
    private static final class Stripe {
        final ReentrantLock lock = new ReentrantLock();
        TimerEntry head;
    }

    /** Links {@code op} (its {@code deadline} set); wakes the thread only if it sleeps past that deadline. */
    void arm(BlockingOp op) {
        Stripe s = stripes[(int) (op.thread.threadId() & (STRIPES - 1))];
        op.stripe = s;
        s.lock.lock();
        try {
            link(s, op);
        } finally {
            s.lock.unlock();
        }
        wakeIfEarlier(op.deadline);
    }

    /** (Re)links {@code alarm} at {@code deadline}, first unlinking it if it is linked. */
    void set(Alarm alarm, long deadline) {
        Stripe s = stripes[alarm.stripeHint & (STRIPES - 1)];
        alarm.stripe = s;
        s.lock.lock();
        try {
            unlink(s, alarm);
            alarm.deadline = deadline;
            link(s, alarm);
        } finally {
            s.lock.unlock();
        }
        wakeIfEarlier(deadline);
    }

    private void wakeIfEarlier(long deadline) {
        long planned = plannedWake;
        if (planned == SCANNING || planned == IDLE || deadline - planned < 0) {
            LockSupport.unpark(thread);
        }
    }

    /** Unlinks {@code op} if the thread has not taken it to fire (nothing for one never armed). */
    void disarm(TimerEntry op) {
        Stripe s = (Stripe) op.stripe;
        if (s == null) {
            return;
        }
        s.lock.lock();
        try {
            unlink(s, op);
        } finally {
            s.lock.unlock();
        }
    }

    private static void link(Stripe s, TimerEntry op) {
        op.next = s.head;
        if (s.head != null) {
            s.head.prev = op;
        }
        s.head = op;
        op.linked = true;
    }

    private static void unlink(Stripe s, TimerEntry op) {
        if (!op.linked) {
            return;
        }
        if (op.prev != null) {
            op.prev.next = op.next;
        } else {
            s.head = op.next;
        }
        if (op.next != null) {
            op.next.prev = op.prev;
        }
        op.prev = null;
        op.next = null;
        op.linked = false;
    }

    private void loop() {
        while (true) {
            plannedWake = SCANNING;
            long now = System.nanoTime();
            long earliest = IDLE;
            boolean any = false;
            TimerEntry due = null; // a list through {@code nextDue} of the entries to fire
            for (Stripe s : stripes) {
                s.lock.lock();
                try {
                    TimerEntry op = s.head;
                    while (op != null) {
                        TimerEntry next = op.next;
                        if (op.deadline - now <= 0) {
                            unlink(s, op);
                            op.nextDue = due;
                            due = op;
                        } else if (!any || op.deadline - earliest < 0) {
                            earliest = op.deadline;
                            any = true;
                        }
                        op = next;
                    }
                } finally {
                    s.lock.unlock();
                }
            }
            while (due != null) {
                TimerEntry next = due.nextDue;
                due.nextDue = null;
                due.fire();
                due = next;
            }
            plannedWake = any ? earliest : IDLE;
            if (any) {
                LockSupport.parkNanos(this, earliest - System.nanoTime());
            } else {
                LockSupport.park(this);
            }
        }
    }
}
