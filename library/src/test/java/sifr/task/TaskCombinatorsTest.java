package sifr.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;

/** Sifr's {@code task.gather}, {@code task.race}, {@code task.select}, and {@code firstSuccess}. */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskCombinatorsTest {

    @AfterEach
    void noTaskLeaks() {
        assertThat(TaskScope.liveTasks()).isZero();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private static <T> TaskHandle<T> slow(TaskScope scope, T value, AtomicBoolean cleanedUp) {
        return scope.spawn(() -> {
            try {
                Task.sleep(Duration.ofSeconds(60));
            } finally {
                cleanedUp.set(true);
            }
            return value;
        });
    }

    private static void awaitDone(TaskHandle<?>... handles) throws InterruptedException {
        for (TaskHandle<?> h : handles) {
            for (int i = 0; i < 10_000 && !h.isDone(); i++) {
                Thread.sleep(1);
            }
            assertThat(h.isDone()).isTrue();
        }
    }

    @Test
    void gatherReturnsResultsInInputOrder() throws Exception {
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Integer> slow = scope.spawn(() -> {
                Task.sleep(Duration.ofMillis(30));
                return 1;
            });
            TaskHandle<Integer> fast = scope.spawn(() -> 2);
            assertThat(Task.gather(List.of(slow, fast))).containsExactly(1, 2);
        }
    }

    @Test
    void gatherFirstFailureCancelsTheRestBeforeItIsThrown() throws Exception {
        AtomicBoolean cleanedUp = new AtomicBoolean();
        IOException boom = new IOException("boom");
        try (TaskScope scope = Task.scope()) {
            TaskHandle<String> first = slow(scope, "slow", cleanedUp); // index 0 would only end in 60 s
            TaskHandle<String> failing = scope.spawn(() -> {
                Task.sleep(Duration.ofMillis(20));
                throw boom;
            });
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> Task.gather(List.of(first, failing))).isSameAs(boom);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(first.isCancelled()).as("cancelled before gather returned").isTrue();
            assertThat(cleanedUp).isTrue();
        }
    }

    @Test
    void gatherTieGoesToTheEarliestInputIndex() throws Exception {
        IOException zero = new IOException("index 0");
        IOException one = new IOException("index 1");
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Object> a = scope.spawn(() -> {
                throw zero;
            });
            TaskHandle<Object> b = scope.spawn(() -> {
                throw one;
            });
            awaitDone(a, b); // both failed before gather looks: a tie
            assertThatThrownBy(() -> Task.gather(List.of(b, a))).isSameAs(one);
            assertThat(one.getSuppressed()).containsExactly(zero);
        }
    }

    @Test
    void raceReturnsTheFirstToCompleteAndCancelsTheLoserBeforeReturning() throws Exception {
        AtomicBoolean loserCleanedUp = new AtomicBoolean();
        try (TaskScope scope = Task.scope()) {
            TaskHandle<String> loser = slow(scope, "slow", loserCleanedUp);
            TaskHandle<String> winner = scope.spawn(() -> "fast");
            assertThat(Task.race(List.of(loser, winner))).isEqualTo("fast");
            assertThat(loser.isDone()).isTrue();
            assertThat(loser.isCancelled()).isTrue();
            assertThat(loserCleanedUp).isTrue();
        }
    }

    @Test
    void raceWinnerThatFailedIsThrown() throws Exception {
        IOException boom = new IOException("boom");
        AtomicBoolean cleanedUp = new AtomicBoolean();
        try (TaskScope scope = Task.scope()) {
            TaskHandle<String> wouldSucceed = slow(scope, "slow", cleanedUp);
            TaskHandle<String> failsFirst = scope.spawn(() -> {
                throw boom;
            });
            assertThatThrownBy(() -> Task.race(List.of(wouldSucceed, failsFirst))).isSameAs(boom);
            assertThat(wouldSucceed.isCancelled()).isTrue();
            assertThat(boom.getSuppressed()).isEmpty(); // the loser's cancellation is not a failure
        }
    }

    @Test
    void raceLoserThatFailedIsSuppressedAsRaceLoserTaskFailed() throws Exception {
        IOException winner = new IOException("winner");
        IOException loser = new IOException("loser");
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Object> a = scope.spawn(() -> {
                throw winner;
            });
            TaskHandle<Object> b = scope.spawn(() -> {
                throw loser;
            });
            awaitDone(a, b);
            assertThatThrownBy(() -> Task.race(List.of(a, b))).isSameAs(winner);
            assertThat(winner.getSuppressed()).hasSize(1);
            assertThat(winner.getSuppressed()[0]).isInstanceOf(ScopeFailure.class)
                    .hasMessage("race loser task failed").hasCause(loser);
        }
    }

    @Test
    void raceNeedsAtLeastOneTask() {
        assertThatThrownBy(() -> Task.race(List.<TaskHandle<String>>of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("task race needs at least one task");
    }

    @Test
    void selectSaysWhichWonAndCancelsTheLoserBeforeReturning() throws Exception {
        AtomicBoolean cleanedUp = new AtomicBoolean();
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Integer> slow = slow(scope, 20, cleanedUp);
            TaskHandle<String> fast = scope.spawn(() -> "ten");
            Select2<Integer, String> selected = Task.select(slow, fast);
            assertThat(selected.isSecond()).isTrue();
            assertThat(selected.index()).isEqualTo(1);
            assertThat(selected.second()).isEqualTo("ten");
            assertThat(selected.value()).isEqualTo("ten");
            assertThatThrownBy(selected::first).isInstanceOf(IllegalStateException.class);
            assertThat(slow.isCancelled()).isTrue();
            assertThat(cleanedUp).isTrue();
        }
    }

    @Test
    void selectLoserThatFailedIsSuppressedAsSelectLoserTaskFailed() throws Exception {
        IllegalStateException winner = new IllegalStateException("winner");
        IOException loser = new IOException("loser");
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Integer> a = scope.spawn(() -> {
                throw winner;
            });
            TaskHandle<String> b = scope.spawn(() -> {
                throw loser;
            });
            awaitDone(a, b);
            assertThatThrownBy(() -> Task.select(a, b)).isSameAs(winner);
            assertThat(winner.getSuppressed()).hasSize(1);
            assertThat(winner.getSuppressed()[0]).isInstanceOf(ScopeFailure.class)
                    .hasMessage("select loser task failed").hasCause(loser);
        }
    }

    @Test
    void firstSuccessReturnsTheFirstResultAndCancelsTheRest() throws Exception {
        AtomicBoolean loserCancelled = new AtomicBoolean();
        String winner = Task.firstSuccess(List.of(
                () -> {
                    try {
                        Task.sleep(Duration.ofSeconds(30));
                    } catch (CancelledError e) {
                        loserCancelled.set(true);
                        throw e;
                    }
                    return "slow";
                },
                () -> {
                    throw new IOException("refused"); // a failure does not end firstSuccess
                },
                () -> {
                    Task.sleep(Duration.ofMillis(20));
                    return "fast";
                }));
        assertThat(winner).isEqualTo("fast");
        assertThat(loserCancelled).isTrue(); // firstSuccess waited for the loser's cleanup
    }

    @Test
    void firstSuccessRethrowsTheFirstFailureWhenAllFail() {
        IOException second = new IOException("second");
        assertThatThrownBy(() -> Task.firstSuccess(List.<Callable<String>>of(
                () -> {
                    throw new IOException("first");
                },
                () -> {
                    Task.sleep(Duration.ofMillis(20));
                    throw second;
                })))
                .isInstanceOf(IOException.class).hasMessage("first")
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(second));
    }

    @Test
    void firstSuccessHandsALoserThatSucceededAnywayToDiscard() throws Exception {
        List<String> discarded = new CopyOnWriteArrayList<>();
        String winner = Task.firstSuccess(List.<Callable<String>>of(
                () -> "a",
                () -> {
                    while (!Thread.currentThread().isInterrupted()) { // ignores its cancellation and succeeds
                        Thread.onSpinWait();
                    }
                    Thread.interrupted();
                    return "b";
                }), discarded::add);
        assertThat(winner).isEqualTo("a");
        assertThat(discarded).containsExactly("b");
    }
}
