package sifr.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;

/**
 * Sifr's timeout blocks ({@code docs/concurrency/cancellation-and-timeouts.mdx}): "When the timeout
 * expires, the block is cancelled and the caller handles typed timeout evidence", {@code task
 * timeout expired}, with the operation's own timeout error as cause; cleanup runs first.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskTimeoutTest {

    @AfterEach
    void noTaskLeaks() {
        assertThat(TaskScope.liveTasks()).isZero();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void expiryThrowsTaskTimeoutExpiredWithTheOperationsOwnErrorAsCause() {
        assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(30), () -> {
            Task.sleep(Duration.ofSeconds(30));
            return null;
        })).isExactlyInstanceOf(TimeoutError.class).hasMessage("task timeout expired")
                .cause().isExactlyInstanceOf(TimeoutError.class).hasMessage("sleep timed out");
    }

    /** Sifr's own example: {@code async with task.timeout(0.0): try: sleep(10.0) finally: cleanup}. */
    @Test
    void zeroTimeoutExpiresAtOnceAfterCleanupRan() {
        AtomicBoolean cleanedUp = new AtomicBoolean();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Task.timeout(Duration.ZERO, () -> {
            try {
                Task.sleep(Duration.ofSeconds(10));
            } finally {
                cleanedUp.set(true);
            }
            return null;
        })).isInstanceOf(TimeoutError.class).hasMessage("task timeout expired").cause().hasMessage("sleep timed out");
        assertThat(cleanedUp).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void zeroTimeoutLetsABodyThatNeverBlocksReturn() throws Exception {
        assertThat(Task.timeout(Duration.ZERO, () -> "done")).isEqualTo("done");
    }

    @Test
    void negativeAndTooLargeTimeoutsAreRejected() {
        assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(-1), () -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("task timeout must not be negative");
        assertThatThrownBy(() -> Task.timeout(Duration.ofSeconds(86_401), () -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("task timeout is too large");
    }

    @Test
    void deadlineBlockEndsAtAnInstant() {
        assertThatThrownBy(() -> Task.deadline(Instant.now().plusMillis(30), () -> {
            Task.sleep(Duration.ofSeconds(30));
            return null;
        })).isInstanceOf(TimeoutError.class).hasMessage("task timeout expired").cause().hasMessage("sleep timed out");
        assertThatThrownBy(() -> Task.deadline(Instant.now().minusSeconds(1), () -> {
            Task.sleep(Duration.ofSeconds(30));
            return null;
        })).hasMessage("task timeout expired"); // a deadline in the past expires at once
    }

    @Test
    void theBlockWhoseDeadlineIsInForceReportsTheExpiryOnce() {
        assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(30), () ->
                Task.timeout(Duration.ofSeconds(30), () -> { // the outer deadline is the earlier one
                    Task.sleep(Duration.ofSeconds(30));
                    return null;
                })))
                .hasMessage("task timeout expired")
                .cause().hasMessage("sleep timed out"); // not wrapped twice
    }

    @Test
    void anExceptionUnrelatedToTheDeadlineIsNotWrapped() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Task.timeout(Duration.ZERO, () -> {
            throw boom;
        })).isSameAs(boom);
    }

    @Test
    void childrenInsideTheBlockAreBoundByItToo() {
        AtomicReference<TaskHandle<Object>> child = new AtomicReference<>();
        // The child's sleep and the parent's join share the block's deadline: whichever notices it
        // first is the operation that timed out (on a loaded machine it can be either), and the
        // child ends either by its own timeout or by the lambda scope's cancellation.
        assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(50), () -> Task.scope(scope -> {
            child.set(scope.spawn(() -> {
                Task.sleep(Duration.ofSeconds(30));
                return null;
            }));
            return child.get().join();
        }))).hasMessage("task timeout expired").cause().isInstanceOf(TimeoutError.class)
                .message().isIn("sleep timed out", "task join timed out");
        assertThat(child.get().isDone()).as("the child ended before the block returned").isTrue();
    }
}
