package sifr.task.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.task.CancelledError;
import sifr.task.Task;
import sifr.task.TaskHandle;
import sifr.task.TaskScope;

/**
 * {@link CancelShield}: a cancellation that arrives while a task is shielded interrupts it only when it
 * leaves the shield; a task already cancelled or interrupted cannot enter; inside, blocking operations
 * see neither the task's cancellation nor its deadline, which the shield still reports.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CancelShieldTest {

    /** Spins (no blocking call: it would see an interrupt) until {@code flag} is set, at most 10 s. */
    private static void spinUntil(AtomicBoolean flag) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!flag.get() && System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
        assertThat(flag).as("flag set within 10 s").isTrue();
    }

    @Test
    void aCancellationWhileShieldedInterruptsOnlyAtExit() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<String> seen = new AtomicReference<>();
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Void> task = scope.spawn(() -> {
                CancelShield shield = CancelShield.enter();
                assertThat(shield).isNotNull();
                inside.countDown();
                spinUntil(cancelled);
                boolean during = Thread.currentThread().isInterrupted();
                boolean sawCancel = Task.isCancelled();
                shield.exit();
                seen.set(during + " " + sawCancel + " " + Thread.currentThread().isInterrupted() + " " + Task.isCancelled());
                Task.checkCancelled();
                return null;
            });
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            task.cancel();
            cancelled.set(true);
            assertThatThrownBy(task::join).isInstanceOf(CancelledError.class);
        }
        // inside: not interrupted and the context shows no cancellation; after exit: both
        assertThat(seen.get()).isEqualTo("false false true true");
    }

    @Test
    void aCancelledOrInterruptedTaskCannotEnter() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<Boolean> refusedAfterCancel = new AtomicReference<>();
        try (TaskScope scope = Task.scope()) {
            TaskHandle<Boolean> interrupted = scope.spawn(() -> {
                Thread.currentThread().interrupt(); // an interrupt from outside sifr.task
                try {
                    return CancelShield.enter() == null;
                } finally {
                    Thread.interrupted();
                }
            });
            assertThat(interrupted.join()).isTrue();
            CountDownLatch started = new CountDownLatch(1);
            TaskHandle<Void> task = scope.spawn(() -> {
                started.countDown();
                spinUntil(cancelled);
                refusedAfterCancel.set(CancelShield.enter() == null);
                Task.checkCancelled();
                return null;
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            task.cancel();
            cancelled.set(true);
            assertThatThrownBy(task::join).isInstanceOf(CancelledError.class);
        }
        assertThat(refusedAfterCancel.get()).isTrue();
    }

    @Test
    void aThreadOutsideAnyTaskEntersUnlessInterrupted() {
        CancelShield shield = CancelShield.enter();
        assertThat(shield).isNotNull();
        assertThat(shield.deadline()).isEqualTo(TaskContext.NO_DEADLINE);
        shield.exit();
        Thread.currentThread().interrupt();
        try {
            assertThat(CancelShield.enter()).isNull();
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * Cancellations at random moments around entering the shield: whenever {@code enter} succeeded,
     * no interrupt reaches the thread before {@code exit}, and the cancellation (whose {@code cancel()}
     * returned while the task was still inside) is delivered at exit.
     */
    @Test
    void noInterruptEverLandsInsideTheShield() throws Exception {
        int entered = 0;
        for (int i = 0; i < 2_000; i++) {
            AtomicReference<String> outcome = new AtomicReference<>("not run");
            AtomicBoolean cancelReturned = new AtomicBoolean();
            int spin = ThreadLocalRandom.current().nextInt(2_000);
            try (TaskScope scope = Task.scope()) {
                CountDownLatch started = new CountDownLatch(1);
                TaskHandle<Void> task = scope.spawn(() -> {
                    started.countDown();
                    for (int k = 0; k < spin; k++) {
                        Thread.onSpinWait();
                    }
                    CancelShield shield = CancelShield.enter();
                    if (shield == null) {
                        outcome.set("refused");
                        return null;
                    }
                    boolean interrupted = false;
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!cancelReturned.get() && System.nanoTime() - end < 0) { // the cancel lands in here
                        interrupted |= Thread.currentThread().isInterrupted();
                        Thread.onSpinWait();
                    }
                    interrupted |= Thread.currentThread().isInterrupted();
                    shield.exit();
                    outcome.set(interrupted ? "interrupted inside" : "clean, interrupted at exit: " + Thread.currentThread().isInterrupted());
                    return null;
                });
                started.await();
                task.cancel();
                cancelReturned.set(true);
                try {
                    task.join();
                } catch (CancelledError expected) {
                    // the cancellation itself
                }
            }
            if (outcome.get().startsWith("clean")) {
                entered++;
            }
            assertThat(outcome.get()).as("iteration %d", i).isIn("refused", "clean, interrupted at exit: true");
        }
        assertThat(entered).as("iterations that entered the shield").isPositive();
    }

    @Test
    void insideTheShieldTheTasksDeadlineDoesNotApply() throws Exception {
        String result = Task.timeout(Duration.ofMillis(200), () -> {
            long outer = TaskContext.peek().deadline();
            CancelShield shield = CancelShield.enter();
            try {
                BlockingOp inner = BlockingOp.begin("inner"); // no deadline: the shield hides the task's
                long left = inner.remainingNanos();
                inner.end();
                return (left == Long.MAX_VALUE) + " " + (shield.deadline() == outer);
            } finally {
                shield.exit();
            }
        });
        assertThat(result).isEqualTo("true true");
        assertThat(BlockingOp.armedTimers()).isZero();
    }
}
