package sifr.task.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import sifr.task.CancelledError;
import sifr.task.ScopeFailure;

/**
 * The children of one {@code TaskScope} or {@code TaskGroup}: spawning, waiting for all of them, and
 * the record of failures nobody observed. The two owners differ in one rule, {@link #allOrCancel}:
 * a group's first child failure cancels the unfinished siblings; a plain scope's does not.
 *
 * <p>Memory stays bounded for a long-lived scope (an accept loop that spawns a child per connection
 * and never joins them): finished children leave {@link #running}; of the failures nobody observed,
 * the first {@link #RETAINED_FAILURES} are kept to be reported and the rest only counted.
 *
 * <p>Lock: {@link #lock} guards {@link #closed} against concurrent {@link #spawn} (no child starts
 * after {@link #awaitAll} took its snapshot), {@link #firstFailed} and {@link #unobserved}. It is
 * never held while waiting or while cancelling.
 */
public final class ChildSet {
    /** Unobserved failures kept for the report (cause and suppressed); later ones are only counted. */
    static final int RETAINED_FAILURES = 16;

    private final ReentrantLock lock = new ReentrantLock();
    private final Set<TaskCell<?>> running = ConcurrentHashMap.newKeySet();
    private final CancelToken token;
    private final boolean allOrCancel;
    private final List<TaskCell<?>> unobserved = new ArrayList<>();
    private final AtomicInteger unobservedCount = new AtomicInteger();
    private boolean closed;
    private TaskCell<?> firstFailed;

    public ChildSet(boolean allOrCancel) {
        this.allOrCancel = allOrCancel;
        this.token = CancelToken.childOf(TaskContext.current().token());
    }

    /**
     * Starts {@code body} as a child on a new virtual thread, with the spawner's deadline and
     * context-key bindings.
     *
     * @throws IllegalStateException {@code <what> is closed}
     */
    public <T> TaskCell<T> spawn(Callable<T> body, String what) {
        TaskContext ctx = TaskContext.current();
        TaskCell<T> cell;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(what + " is closed");
            }
            cell = new TaskCell<>(this, CancelToken.childOf(token), ctx.deadline(), ctx.values());
            running.add(cell);
            TaskStats.started();
        } finally {
            lock.unlock();
        }
        TaskCell<T> c = cell;
        Thread.ofVirtual().name("sifr-task").start(() -> c.run(body));
        return cell;
    }

    /** Cancels every child still running (and any spawned later); does not wait. */
    public void cancel() {
        token.cancel();
    }

    public boolean isCancelled() {
        return token.isCancelled();
    }

    /**
     * Closes the set to new children and waits, uninterruptibly, until every child has finished:
     * structured cleanup. A second call returns at once.
     *
     * @return false if the set was already closed
     */
    public boolean awaitAll() {
        TaskCell<?>[] snapshot;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            snapshot = running.toArray(new TaskCell<?>[0]);
        } finally {
            lock.unlock();
        }
        for (TaskCell<?> c : snapshot) {
            c.awaitUninterruptibly();
        }
        token.detach();
        return true;
    }

    void childDone(TaskCell<?> cell) {
        TaskStats.finished();
        if (cell.rawState() != TaskCell.State.FAILED) {
            running.remove(cell);
            return; // successes and requested cancellations are nothing to report
        }
        boolean cancelSiblings = false;
        lock.lock();
        try {
            if (firstFailed == null) {
                firstFailed = cell;
                cancelSiblings = allOrCancel;
            }
            // nobody can have observed it yet: observation happens only after the child is done
            cell.pending = true;
            unobservedCount.incrementAndGet();
            if (unobserved.size() < RETAINED_FAILURES) {
                unobserved.add(cell);
            }
            // only now, under the lock: awaitAll's snapshot (taken under it) either still holds
            // this child and waits for its latch, or finds its failure recorded - never neither
            running.remove(cell);
        } finally {
            lock.unlock();
        }
        if (cancelSiblings) {
            token.cancel();
        }
    }

    void observed(TaskCell<?> cell) {
        lock.lock();
        try {
            if (cell.pending) {
                cell.pending = false;
                unobservedCount.decrementAndGet();
                unobserved.remove(cell);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A group's first child failure (what cancelled the siblings), or null; always null for a plain scope. */
    Throwable policyFailure() {
        if (!allOrCancel) {
            return null;
        }
        lock.lock();
        try {
            return firstFailed == null ? null : firstFailed.error();
        } finally {
            lock.unlock();
        }
    }

    void observePolicyFailure() {
        TaskCell<?> f;
        lock.lock();
        try {
            f = firstFailed;
        } finally {
            lock.unlock();
        }
        if (f != null) {
            f.observe();
        }
    }

    /**
     * What closing reports, after {@link #awaitAll}: for a group whose first failure nobody
     * observed, that failure itself; else a {@link ScopeFailure} for the failures nobody observed
     * ({@code unobserved child task failed}, or {@code unobserved child task was cancelled} when the
     * first was a {@link CancelledError} nobody requested), the first as cause, the rest suppressed.
     * Null when there is nothing to report. Reporting marks them observed: it happens once.
     */
    public Throwable closingFailure() {
        List<TaskCell<?>> failed;
        int count;
        lock.lock();
        try {
            failed = new ArrayList<>(unobserved);
            count = unobservedCount.get();
        } finally {
            lock.unlock();
        }
        if (count == 0) {
            return null;
        }
        for (TaskCell<?> c : failed) {
            c.observe();
        }
        if (failed.isEmpty()) { // only counted ones are left (more than RETAINED_FAILURES failed)
            unobservedCount.set(0);
            return new ScopeFailure("unobserved child task failed", null);
        }
        Throwable first = failed.get(0).error();
        Throwable report;
        if (allOrCancel && failed.get(0) == firstFailedCell()) {
            report = first;
        } else {
            String message = first instanceof CancelledError ? "unobserved child task was cancelled"
                    : "unobserved child task failed";
            report = new ScopeFailure(message, first);
        }
        for (int i = 1; i < failed.size(); i++) {
            Throwable e = failed.get(i).error();
            if (e != report && e != null) {
                report.addSuppressed(e);
            }
        }
        int omitted = count - failed.size();
        if (omitted > 0) {
            report.addSuppressed(new ScopeFailure(omitted + " more unobserved child failures not kept", null));
        }
        unobservedCount.set(0);
        return report;
    }

    /**
     * After the owner's body threw {@code primary}: the failures nobody observed go onto it as
     * suppressed exceptions (they are not lost, and they do not replace the body's own exception).
     */
    public void suppressOnto(Throwable primary) {
        Throwable report = closingFailure();
        if (report == null || report == primary) {
            return;
        }
        if (report instanceof ScopeFailure && report.getCause() != null) {
            if (report.getCause() != primary) {
                primary.addSuppressed(report.getCause());
            }
            for (Throwable s : report.getSuppressed()) {
                if (s != primary) {
                    primary.addSuppressed(s);
                }
            }
        } else {
            primary.addSuppressed(report);
        }
    }

    private TaskCell<?> firstFailedCell() {
        lock.lock();
        try {
            return firstFailed;
        } finally {
            lock.unlock();
        }
    }
}
