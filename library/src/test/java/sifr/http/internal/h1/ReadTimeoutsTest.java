package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.task.TimeoutError;
import sifr.testing.ManualClock;

/** The per-server sweeper behind HttpServer's idle and header-read timeouts. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadTimeoutsTest {
    @Test
    void tickIsAnEighthOfTheShorterTimeoutWithinBounds() {
        assertThat(ReadTimeouts.tickFor(Duration.ofSeconds(60), Duration.ofSeconds(10))).isEqualTo(250_000_000L);
        assertThat(ReadTimeouts.tickFor(Duration.ofMillis(400), Duration.ofSeconds(10))).isEqualTo(50_000_000L);
        assertThat(ReadTimeouts.tickFor(Duration.ofMillis(1), Duration.ofMillis(1))).isEqualTo(5_000_000L);
    }

    /** The sweeper's clock: a deadline passes when the test advances it. */
    private final ManualClock clock = new ManualClock();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PAST_IT = Duration.ofSeconds(31);

    @Test
    void readStillBlockedAtItsDeadlineClosesTheConnectionAndTimesOut() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (ReadTimeouts timeouts = ReadTimeouts.start("test-timeouts", clock, TIMEOUT, TIMEOUT);
             ReadTimeouts.Watch watch = timeouts.watch(closed::countDown)) {
            Future<String> read = reader.submit(() -> watch.within(TIMEOUT, () -> {
                // a blocked read ends when its connection is closed
                awaitQuietly(closed);
                throw new IOException("TCP stream is closed");
            }));
            clock.advanceUntil(PAST_IT, 5, () -> closed.getCount() == 0, "the connection closed at its deadline");
            assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(TimeoutError.class).hasMessage("TCP read timed out");
        }
    }

    @Test
    void readThatFinishesInTimeLeavesTheConnectionOpen() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        Closeable connection = closes::incrementAndGet;
        try (ReadTimeouts timeouts = ReadTimeouts.start("test-timeouts", clock, TIMEOUT, TIMEOUT);
             ReadTimeouts.Watch watch = timeouts.watch(connection)) {
            for (int i = 0; i < 5; i++) {
                assertThat(watch.within(TIMEOUT, () -> "read")).isEqualTo("read");
                clock.advance(Duration.ofSeconds(20)); // between reads: nothing armed
            }
            clock.advance(Duration.ofHours(1)); // a whole sweep an hour later, no read in progress: nothing to expire
            assertThat(closes.get()).isZero();
        }
    }

    @Test
    void nestedTimeoutOnlyShortensTheDeadline() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (ReadTimeouts timeouts = ReadTimeouts.start("test-timeouts", clock, TIMEOUT, TIMEOUT);
             ReadTimeouts.Watch watch = timeouts.watch(closed::countDown)) {
            Future<String> read = reader.submit(() -> watch.within(TIMEOUT, () -> watch.within(Duration.ofDays(1), () -> {
                awaitQuietly(closed); // the outer 30 s still applies inside the longer inner timeout
                throw new IOException("TCP stream is closed");
            })));
            clock.advanceUntil(PAST_IT, 5, () -> closed.getCount() == 0, "the outer deadline closing the connection");
            assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutError.class);
        }
    }

    private final ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopReader() {
        reader.shutdownNow();
    }

    private static void awaitQuietly(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }
}
