package sifr.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;

import org.junit.jupiter.api.Timeout;

@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskTest {

    @AfterEach
    void noTaskLeaks() {
        assertThat(TaskScope.liveTasks()).isZero();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void spawnedChildrenReturnResults() throws Exception {
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Integer> a = scope.spawn(() -> 1);
            TaskHandle<String> b = scope.spawn(() -> "two");
            assertThat(a.join()).isEqualTo(1);
            assertThat(b.join()).isEqualTo("two");
            assertThat(a.isDone()).isTrue();
        }
    }

    @Test
    void childrenRunOnVirtualThreads() throws Exception {
        try (TaskScope scope = Task.scope()) {
            assertThat(scope.spawn(() -> Thread.currentThread().isVirtual()).join()).isTrue();
        }
    }

    @Test
    void failingChildCancelsSiblingsAndScopeRethrows() throws Exception {
        AtomicBoolean siblingCleanedUp = new AtomicBoolean();
        IOException boom = new IOException("boom");
        TaskHandle<Object> sibling;
        TaskScope scope = Task.scope();
        sibling = scope.spawn(() -> {
            try {
                Task.sleep(Duration.ofSeconds(30));
                return null;
            } finally {
                siblingCleanedUp.set(true);
            }
        });
        TaskHandle<Object> failing = scope.spawn(() -> {
            throw boom;
        });
        for (int i = 0; i < 5_000 && !failing.isDone(); i++) {
            Thread.sleep(1); // close() would cancel a child that has not failed yet
        }
        assertThatThrownBy(scope::close).isSameAs(boom);
        assertThat(sibling.isCancelled()).isTrue();
        assertThat(siblingCleanedUp).isTrue();
    }

    @Test
    void joiningACancelledSiblingThrowsTheScopeFailureOnce() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable seen = null;
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Object> sleeper = scope.spawn(() -> {
                Task.sleep(Duration.ofSeconds(30));
                return null;
            });
            scope.spawn(() -> {
                throw boom;
            });
            sleeper.join();
        } catch (IllegalStateException e) {
            seen = e;
        }
        assertThat(seen).isSameAs(boom);
        assertThat(seen.getSuppressed()).isEmpty(); // close did not throw it a second time
    }

    @Test
    void closingCancelsUnfinishedChildrenAndWaits() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        TaskHandle<Object> child;
        try (TaskScope scope = Task.scope()) {
            child = scope.spawn(() -> {
                started.countDown();
                try {
                    Task.sleep(Duration.ofSeconds(30));
                } finally {
                    finished.set(true);
                }
                return null;
            });
            started.await();
        }
        assertThat(finished).isTrue();
        assertThat(child.isCancelled()).isTrue();
        assertThatThrownBy(child::join).isInstanceOf(CancelledError.class);
    }

    @Test
    void spawnAfterCloseFails() throws Exception {
        TaskScope scope = Task.scope();
        scope.close();
        assertThatThrownBy(() -> scope.spawn(() -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("task scope is closed");
    }

    @Test
    void cancelledSleepEndsWithCancelledError() throws Exception {
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Object> h = scope.spawn(() -> {
                Task.sleep(Duration.ofSeconds(30));
                return null;
            });
            Thread.sleep(20);
            long t0 = System.nanoTime();
            h.cancel();
            assertThatThrownBy(h::join).isInstanceOf(CancelledError.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(250));
        }
    }

    @Test
    void cancellationReachesGrandchildren() throws Exception {
        CountDownLatch grandchildStarted = new CountDownLatch(1);
        AtomicBoolean grandchildCancelled = new AtomicBoolean();
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Object> child = scope.spawn(() -> {
                try (TaskScope inner = Task.scope()) {
                    inner.spawn(() -> {
                        grandchildStarted.countDown();
                        try {
                            Task.sleep(Duration.ofSeconds(30));
                        } catch (CancelledError e) {
                            grandchildCancelled.set(true);
                            throw e;
                        }
                        return null;
                    }).join();
                }
                return null;
            });
            grandchildStarted.await();
            child.cancel();
            assertThatThrownBy(child::join).isInstanceOf(CancelledError.class);
        }
        assertThat(grandchildCancelled).isTrue();
    }

    @Test
    void gatherReturnsResultsInOrder() throws Exception {
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
    void raceReturnsTheFirstResultAndCancelsTheRest() throws Exception {
        AtomicBoolean loserCancelled = new AtomicBoolean();
        String winner = Task.race(List.of(
                () -> {
                    try {
                        Task.sleep(Duration.ofSeconds(30));
                    } catch (CancelledError e) {
                        loserCancelled.set(true);
                        throw e;
                    }
                    return "slow";
                },
                () -> "fast"));
        assertThat(winner).isEqualTo("fast");
        assertThat(loserCancelled).isTrue(); // race waited for the loser's cleanup
    }

    @Test
    void raceRethrowsWhenAllFail() {
        assertThatThrownBy(() -> Task.race(List.<java.util.concurrent.Callable<String>>of(
                () -> {
                    throw new IOException("first");
                },
                () -> {
                    Task.sleep(Duration.ofMillis(20));
                    throw new IOException("second");
                })))
                .isInstanceOf(IOException.class).hasMessage("first");
    }

    @Test
    void sleepUnderADeadlineTimesOut() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(50), () -> {
            Task.sleep(Duration.ofSeconds(30));
            return null;
        })).isInstanceOf(TimeoutError.class).hasMessage("sleep timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void deadlineIsEmptyOutsideATimeout() throws Exception {
        assertThat(Task.deadline()).isEmpty();
        Task.timeout(Duration.ofSeconds(10), () -> {
            assertThat(Task.deadline()).isPresent();
            return null;
        });
        assertThat(Task.deadline()).isEmpty();
    }

    @Test
    void innerDeadlineCanOnlyShorten() throws Exception {
        Task.timeout(Duration.ofSeconds(1), () -> {
            Instant outer = Task.deadline().orElseThrow();
            Task.timeout(Duration.ofSeconds(100), () -> {
                assertThat(Task.deadline().orElseThrow()).isBeforeOrEqualTo(outer.plusMillis(5));
                return null;
            });
            Task.timeout(Duration.ofMillis(100), () -> {
                assertThat(Task.deadline().orElseThrow()).isBefore(outer.minusMillis(500));
                return null;
            });
            assertThat(Task.deadline().orElseThrow()).isCloseTo(outer, org.assertj.core.api.Assertions.within(5,
                    java.time.temporal.ChronoUnit.MILLIS));
            return null;
        });
    }

    @Test
    void spawnedChildrenInheritTheDeadline() throws Exception {
        Task.timeout(Duration.ofMillis(80), () -> {
            Instant parent = Task.deadline().orElseThrow();
            try (TaskScope scope = Task.scope()) {
                TaskHandle<Instant> child = scope.spawn(() -> Task.deadline().orElseThrow());
                assertThat(child.join()).isCloseTo(parent, org.assertj.core.api.Assertions.within(5,
                        java.time.temporal.ChronoUnit.MILLIS));
                TaskHandle<Object> sleeper = scope.spawn(() -> {
                    Task.sleep(Duration.ofSeconds(30));
                    return null;
                });
                assertThatThrownBy(sleeper::join).isInstanceOf(TimeoutError.class).hasMessage("sleep timed out");
            }
            return null;
        });
    }

    @Test
    void joinObeysTheDeadline() throws Exception {
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Object> forever = scope.spawn(() -> {
                new CountDownLatch(1).await();
                return null;
            });
            assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(30), forever::join))
                    .isInstanceOf(TimeoutError.class).hasMessage("task join timed out");
        }
    }

    @Test
    void taskTimeoutIsValidated() {
        assertThatThrownBy(() -> Task.timeout(Duration.ZERO, () -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task timeout must be finite and positive");
        assertThatThrownBy(() -> Task.timeout(Duration.ofSeconds(86_401), () -> null))
                .hasMessage("task timeout is too large");
    }
}
