package sifr.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;

/** Handles, cancellation and deadlines: what every form of scope shares. */
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
    void spawnAfterCloseFails() throws Exception {
        TaskScope scope = Task.scope();
        scope.close();
        assertThatThrownBy(() -> scope.spawn(() -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("task scope is closed");
        TaskGroup group = Task.group();
        group.close();
        assertThatThrownBy(() -> group.spawn(() -> 1)).hasMessage("task group is closed");
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
            assertThatThrownBy(h::join).isInstanceOf(CancelledError.class).hasMessage("task was cancelled");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(h.isCancelled()).isTrue();
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
    void cancelAndJoinReturnsAfterTheChildsCleanupRan() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Object> h = scope.spawn(() -> {
                started.countDown();
                try {
                    Task.sleep(Duration.ofSeconds(60));
                } finally {
                    cleanedUp.set(true);
                }
                return null;
            });
            started.await();
            h.cancelAndJoin();
            assertThat(cleanedUp).isTrue();
            assertThat(h.isCancelled()).isTrue();
        }
    }

    @Test
    void cancelAndJoinRethrowsAFailureTheChildHadOfItsOwn() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Object> h = scope.spawn(() -> {
                throw boom;
            });
            while (!h.isDone()) {
                Thread.onSpinWait();
            }
            assertThatThrownBy(h::cancelAndJoin).isSameAs(boom);
        } // observed by cancelAndJoin: close reports nothing
    }

    @Test
    void sleepUnderADeadlineTimesOut() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(50), () -> {
            Task.sleep(Duration.ofSeconds(30));
            return null;
        })).isInstanceOf(TimeoutError.class).hasMessage("task timeout expired")
                .cause().isInstanceOf(TimeoutError.class).hasMessage("sleep timed out");
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
        // the value: generous, so a loaded machine cannot turn the join itself into a timeout
        Task.timeout(Duration.ofSeconds(30), () -> {
            Instant parent = Task.deadline().orElseThrow();
            try (TaskScope scope = Task.scope()) {
                TaskHandle<Instant> child = scope.spawn(() -> Task.deadline().orElseThrow());
                assertThat(child.join()).isCloseTo(parent, org.assertj.core.api.Assertions.within(5,
                        java.time.temporal.ChronoUnit.MILLIS));
            }
            return null;
        });
        // the effect: a child sleeping past the inherited deadline ends with its own timeout; read after
        // the parent's deadline is gone, so the parent's join cannot race it into "task join timed out"
        java.util.concurrent.atomic.AtomicReference<TaskHandle<Object>> sleeper = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            Task.timeout(Duration.ofMillis(80), () -> {
                try (TaskScope scope = Task.scope()) {
                    sleeper.set(scope.spawn(() -> {
                        Task.sleep(Duration.ofSeconds(30));
                        return null;
                    }));
                }
                return null;
            });
        } catch (Exception expected) {
            // the parent's own deadline passed too: not what this test checks
        }
        assertThat(sleeper.get().isDone()).isTrue();
        assertThatThrownBy(sleeper.get()::join).isInstanceOf(TimeoutError.class).hasMessage("sleep timed out");
    }

    @Test
    void joinObeysTheDeadline() throws Exception {
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Object> forever = scope.spawn(() -> {
                new CountDownLatch(1).await();
                return null;
            });
            assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(30), forever::join))
                    .isInstanceOf(TimeoutError.class).hasMessage("task timeout expired")
                    .cause().hasMessage("task join timed out");
            scope.cancel(); // a plain scope waits for its children: this one never ends by itself
        }
    }
}
