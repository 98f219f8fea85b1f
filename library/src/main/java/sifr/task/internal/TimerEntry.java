package sifr.task.internal;

/**
 * What {@link DeadlineTimer} keeps in its lists: a deadline and the links of one stripe's doubly linked
 * list. Two kinds: a {@link BlockingOp} (its thread is interrupted at the deadline) and an {@link Alarm}
 * (a callback). One base so that both share the timer's one thread and its O(1) arming.
 */
abstract class TimerEntry {
    // A System.nanoTime() value. A BlockingOp's is fixed before it is armed; an Alarm's changes only
    // under its stripe's lock (DeadlineTimer#set), which the timer's scan also holds while reading it.
    long deadline;
    // DeadlineTimer's links, guarded by the lock of the stripe this entry is in
    Object stripe;
    TimerEntry prev;
    TimerEntry next;
    boolean linked;
    // The timer thread's own list of entries due in one scan: a separate link, because an Alarm may be set
    // again (linked into a stripe through prev/next) between the scan that took it and its ring.
    TimerEntry nextDue;

    /** Called by the timer thread once the deadline passed, after unlinking; must not block. */
    abstract void fire();
}
