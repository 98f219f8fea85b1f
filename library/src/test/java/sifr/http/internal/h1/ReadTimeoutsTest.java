package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.task.TimeoutError;

/** The per-server sweeper behind HttpServer's idle and header-read timeouts. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadTimeoutsTest {
    @Test
    void tickIsAnEighthOfTheShorterTimeoutWithinBounds() {
        assertThat(ReadTimeouts.tickFor(Duration.ofSeconds(60), Duration.ofSeconds(10))).isEqualTo(250_000_000L);
        assertThat(ReadTimeouts.tickFor(Duration.ofMillis(400), Duration.ofSeconds(10))).isEqualTo(50_000_000L);
        assertThat(ReadTimeouts.tickFor(Duration.ofMillis(1), Duration.ofMillis(1))).isEqualTo(5_000_000L);
    }

    @Test
    void readStillBlockedAtItsDeadlineClosesTheConnectionAndTimesOut() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (ReadTimeouts timeouts = ReadTimeouts.start("test-timeouts", Duration.ofMillis(100), Duration.ofMillis(100));
             ReadTimeouts.Watch watch = timeouts.watch(closed::countDown)) {
            assertThatThrownBy(() -> watch.within(Duration.ofMillis(100), () -> {
                // a blocked read ends when its connection is closed
                awaitQuietly(closed);
                throw new IOException("TCP stream is closed");
            })).isInstanceOf(TimeoutError.class).hasMessage("TCP read timed out");
        }
    }

    @Test
    void readThatFinishesInTimeLeavesTheConnectionOpen() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        Closeable connection = closes::incrementAndGet;
        try (ReadTimeouts timeouts = ReadTimeouts.start("test-timeouts", Duration.ofMillis(40), Duration.ofMillis(40));
             ReadTimeouts.Watch watch = timeouts.watch(connection)) {
            for (int i = 0; i < 5; i++) {
                assertThat(watch.within(Duration.ofMillis(40), () -> "read")).isEqualTo("read");
            }
            Thread.sleep(200); // several ticks with no read in progress: nothing to expire
            assertThat(closes.get()).isZero();
        }
    }

    @Test
    void nestedTimeoutOnlyShortensTheDeadline() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (ReadTimeouts timeouts = ReadTimeouts.start("test-timeouts", Duration.ofMillis(80), Duration.ofMillis(80));
             ReadTimeouts.Watch watch = timeouts.watch(closed::countDown)) {
            assertThatThrownBy(() -> watch.within(Duration.ofMillis(80), () -> watch.within(Duration.ofDays(1), () -> {
                awaitQuietly(closed); // the outer 80 ms still applies inside the longer inner timeout
                throw new IOException("TCP stream is closed");
            }))).isInstanceOf(TimeoutError.class);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }
}
