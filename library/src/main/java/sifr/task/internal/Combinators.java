package sifr.task.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import sifr.task.ScopeFailure;

/**
 * {@code gather}, {@code race}/{@code select} and {@code firstSuccess} over child cells. Each watches
 * all of its children at once: every cell reports its index into one queue when it finishes, so the
 * first outcome is seen when it happens, whatever the input order.
 */
public final class Combinators {
    private Combinators() {
    }

    private static LinkedBlockingQueue<Integer> watch(List<? extends TaskCell<?>> cells) {
        LinkedBlockingQueue<Integer> done = new LinkedBlockingQueue<>();
        for (int i = 0; i < cells.size(); i++) {
            int index = i;
            cells.get(i).whenDone(() -> done.add(index));
        }
        return done;
    }

    /** The latest deadline among the children (for the caller's grace, as in {@code join}). */
    private static long latestDeadline(List<? extends TaskCell<?>> cells) {
        long latest = Long.MIN_VALUE;
        for (TaskCell<?> c : cells) {
            long d = c.deadline();
            if (d == TaskContext.NO_DEADLINE) {
                return d;
            }
            latest = latest == Long.MIN_VALUE || d - latest > 0 ? d : latest;
        }
        return latest;
    }

    private static void cancelOthers(List<? extends TaskCell<?>> cells, int keep) {
        for (int i = 0; i < cells.size(); i++) {
            if (i != keep && !cells.get(i).isDone()) {
                cells.get(i).cancel();
            }
        }
    }

    /**
     * Sifr's {@code task.gather}: results in input order. The first failure seen cancels the rest,
     * waits for them, and is thrown (of failures already finished when it is seen, the earliest
     * input index wins); other failures of their own are suppressed onto it, cancellations that
     * gather caused are not reported.
     */
    public static <T> List<T> gather(List<TaskCell<T>> cells) throws Exception {
        int n = cells.size();
        LinkedBlockingQueue<Integer> done = watch(cells);
        long childDeadline = latestDeadline(cells);
        int failed = -1;
        for (int received = 0; received < n; received++) {
            int i = failed < 0 ? Waits.take(done, "task gather", childDeadline) : Waits.takeUninterruptibly(done);
            if (failed < 0 && cells.get(i).endedBadly()) {
                failed = i;
                for (int j = 0; j < i; j++) {
                    if (cells.get(j).endedBadly()) { // finished together with i, not yet taken: a tie
                        failed = j;
                        break;
                    }
                }
                cancelOthers(cells, failed);
            }
        }
        for (TaskCell<T> c : cells) {
            c.observe();
        }
        if (failed < 0) {
            List<T> results = new ArrayList<>(n);
            for (TaskCell<T> c : cells) {
                results.add(c.value());
            }
            return Collections.unmodifiableList(results);
        }
        Throwable primary = cells.get(failed).failure();
        for (int i = 0; i < n; i++) {
            Throwable e = cells.get(i).error();
            if (i != failed && cells.get(i).state() == TaskCell.State.FAILED && e != primary) {
                primary.addSuppressed(e);
            }
        }
        throw TaskCell.rethrowable(primary);
    }

    /**
     * Sifr's {@code task.race} / {@code task.select}: the first child to complete wins, even when it
     * failed (of those already finished, the earliest index). The losers are cancelled and waited
     * for before this returns. If the winner failed, its failure is thrown with each loser that
     * failed by itself suppressed as {@code <what> loser task failed}; if it succeeded, such a loser
     * stays unobserved and its scope reports it at close, as in Sifr.
     *
     * @return the winner's index
     */
    public static int race(List<? extends TaskCell<?>> cells, String what) throws Exception {
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("task " + what + " needs at least one task");
        }
        LinkedBlockingQueue<Integer> done = watch(cells);
        int winner = Waits.take(done, "task " + what, latestDeadline(cells));
        for (int j = 0; j < winner; j++) {
            if (cells.get(j).isDone()) {
                winner = j;
                break;
            }
        }
        cancelOthers(cells, winner);
        for (TaskCell<?> c : cells) {
            c.awaitUninterruptibly();
        }
        TaskCell<?> w = cells.get(winner);
        w.observe();
        boolean won = w.state() == TaskCell.State.SUCCEEDED;
        Throwable primary = won ? null : w.failure();
        for (int i = 0; i < cells.size(); i++) {
            TaskCell<?> loser = cells.get(i);
            if (i == winner) {
                continue;
            }
            boolean failedByItself = loser.state() == TaskCell.State.FAILED;
            if (!won && failedByItself && loser.error() != primary) {
                primary.addSuppressed(new ScopeFailure(what + " loser task failed", loser.error()));
            }
            if (!won || !failedByItself) {
                loser.observe();
            }
        }
        if (!won) {
            throw TaskCell.rethrowable(primary);
        }
        return winner;
    }

    /**
     * Runs every callable as a child; the first to <em>succeed</em> wins, the rest are cancelled and
     * waited for before this returns. A loser that succeeded anyway (at the same moment) hands its
     * result to {@code discard} (e.g. to close a connection). If all fail, the first failure is
     * thrown with the others suppressed.
     */
    public static <T> T firstSuccess(List<? extends Callable<T>> callables, Consumer<? super T> discard) throws Exception {
        if (callables.isEmpty()) {
            throw new IllegalArgumentException("task firstSuccess needs at least one task");
        }
        Objects.requireNonNull(discard, "discard");
        ChildSet children = new ChildSet(false);
        List<TaskCell<T>> cells = new ArrayList<>(callables.size());
        int winner = -1;
        Throwable firstFailure = null;
        try {
            for (Callable<T> c : callables) {
                cells.add(children.spawn(Objects.requireNonNull(c, "callable"), "task firstSuccess"));
            }
            LinkedBlockingQueue<Integer> done = watch(cells);
            long childDeadline = latestDeadline(cells);
            for (int received = 0; received < cells.size() && winner < 0; received++) {
                int i = Waits.take(done, "task firstSuccess", childDeadline);
                if (cells.get(i).state() == TaskCell.State.SUCCEEDED) {
                    winner = i;
                } else if (firstFailure == null) {
                    firstFailure = cells.get(i).failure();
                } else if (cells.get(i).state() == TaskCell.State.FAILED) {
                    firstFailure.addSuppressed(cells.get(i).error());
                }
            }
        } finally {
            children.cancel();
            children.awaitAll();
            for (int i = 0; i < cells.size(); i++) {
                TaskCell<T> c = cells.get(i);
                c.observe(); // firstSuccess reports failures itself, or they do not matter
                if (i != winner && c.state() == TaskCell.State.SUCCEEDED) {
                    discardQuietly(discard, c.value());
                }
            }
        }
        if (winner >= 0) {
            return cells.get(winner).value();
        }
        throw TaskCell.rethrowable(firstFailure);
    }

    private static <T> void discardQuietly(Consumer<? super T> discard, T value) {
        try {
            discard.accept(value);
        } catch (RuntimeException ignored) {
            // disposing of a loser's result must not replace the winner's
        }
    }
}
