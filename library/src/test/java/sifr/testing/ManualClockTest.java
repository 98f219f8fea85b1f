package sifr.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test clock the engines' timeout tests rely on: what {@code advance} promises about sweepers and waiters. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ManualClockTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void timeMovesOnlyWhenAdvanced() {
        long t0 = clock.nanoTime();
        assertThat(clock.nanoTime()).isEqualTo(t0);
        clock.advance(Duration.ofSeconds(5));
        assertThat(clock.nanoTime() - t0).isEqualTo(5_000_000_000L);
    }

    @Test
    void advanceReturnsOnlyOnceEverySweeperSweptAtTheNewTime() throws Exception {
        AtomicLong lastSweep = new AtomicLong();
        Thread sweeper = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                clock.pause(TimeUnit.SECONDS.toNanos(1)); // at most a slice of real time
                lastSweep.set(clock.nanoTime()); // what a sweep looks at
            }
        });
        try {
            for (int i = 0; i < 5_000 && lastSweep.get() == 0; i++) {
                Thread.sleep(1); // until it has paused once: the clock knows it as a sweeper from then on
            }
            assertThat(lastSweep.get()).as("the sweeper's first sweep").isEqualTo(clock.nanoTime());
            for (int i = 0; i < 20; i++) {
                clock.advance(Duration.ofSeconds(1));
                assertThat(lastSweep.get()).as("sweep %d saw the advanced clock", i).isEqualTo(clock.nanoTime());
            }
        } finally {
            sweeper.interrupt();
            sweeper.join(10_000);
        }
    }

    @Test
    void aThreadWaitingForADeadlineSeesItPassWhenTheClockIsAdvanced() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Condition never = lock.newCondition(); // nobody signals: only the clock can end the wait
        long deadline = clock.nanoTime() + TimeUnit.HOURS.toNanos(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            lock.lock();
            try {
                for (long left = deadline - clock.nanoTime(); left > 0; left = deadline - clock.nanoTime()) {
                    clock.await(never, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        clock.advance(Duration.ofMinutes(59));
        assertThat(waiter.isAlive()).as("still waiting a minute before its deadline").isTrue();
        clock.advanceUntil(Duration.ofMinutes(2), 5, () -> !waiter.isAlive(), "the waiter's deadline passing");
    }

    @Test
    void advanceUntilNamesWhatDidNotHappen() {
        assertThatThrownBy(() -> clock.advanceUntil(Duration.ofSeconds(1), 3, () -> false, "the impossible"))
                .isInstanceOf(AssertionError.class).hasMessage("the impossible did not happen within 3 steps of PT1S");
    }
}
