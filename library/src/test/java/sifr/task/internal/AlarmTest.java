package sifr.task.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Alarms on the shared deadline timer: ring not before the deadline, move, cancel, survive a faulty callback. */
@Timeout(20)
class AlarmTest {
    /** Counts rings and records when the first one came. */
    private static class Counting extends Alarm {
        final AtomicInteger rings = new AtomicInteger();
        final AtomicLong firstRingAt = new AtomicLong();
        final CountDownLatch rang = new CountDownLatch(1);

        @Override
        protected void ring() {
            if (rings.incrementAndGet() == 1) {
                firstRingAt.set(System.nanoTime());
            }
            rang.countDown();
        }
    }

    @Test
    void ringsOnceNotBeforeItsDeadline() throws Exception {
        Counting a = new Counting();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        a.set(deadline);
        assertThat(a.rang.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(a.firstRingAt.get() - deadline).isGreaterThanOrEqualTo(0);
        Thread.sleep(200);
        assertThat(a.rings.get()).isEqualTo(1); // unlinked when it rang: no second ring
    }

    @Test
    void setAgainMovesTheDeadlineAndCancelStopsIt() throws Exception {
        Counting moved = new Counting();
        moved.set(System.nanoTime() + TimeUnit.MINUTES.toNanos(10));
        long sooner = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        moved.set(sooner); // earlier than what the timer sleeps until: it must wake for it
        assertThat(moved.rang.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(moved.firstRingAt.get() - sooner).isGreaterThanOrEqualTo(0);

        Counting cancelled = new Counting();
        cancelled.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
        cancelled.cancel();
        cancelled.cancel(); // twice, and on one never set: nothing happens
        new Counting().cancel();
        Counting witness = new Counting(); // due after the cancelled one: once it rang, the other would have
        witness.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(witness.rang.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelled.rings.get()).isZero();
    }

    @Test
    void aThrowingCallbackDoesNotStopTheTimer() throws Exception {
        Alarm faulty = new Alarm() {
            @Override
            protected void ring() {
                throw new IllegalStateException("faulty alarm (expected in this test)");
            }
        };
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        CountDownLatch reported = new CountDownLatch(1);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> reported.countDown());
        try {
            faulty.set(System.nanoTime());
            assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        Counting after = new Counting();
        after.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(after.rang.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void manyAlarmsDueTogetherAllRing() throws Exception {
        Counting[] alarms = new Counting[2000];
        long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
        for (int i = 0; i < alarms.length; i++) {
            alarms[i] = new Counting();
            alarms[i].set(at + i * 10_000L); // spread over 20 ms: a granule or two
        }
        for (Counting a : alarms) {
            assertThat(a.rang.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * An alarm set again while the timer is about to ring it (here: by another alarm's callback in the same
     * scan) must not disturb the timer's lists: the list of entries due used to run through the same link
     * as the stripe's list, so the re-set alarm's new stripe link led the timer into the stripe, where it
     * rang an alarm ten minutes early and cut the entries behind it out of the stripe.
     */
    @Test
    void anAlarmSetAgainWhileDueLeavesTheOthersAlone() throws Exception {
        Counting victim; // the one whose stripe is walked by mistake
        Alarm[] reset = new Alarm[1];
        Counting first; // rings before `reset[0]` in the same scan and sets it again
        // stripes are chosen by creation order (16 of them): victim and reset[0] share one, first takes a
        // higher one, so the scan puts first ahead of reset[0] in the list of entries due
        int hint;
        do {
            victim = new Counting();
            hint = victim.stripeHint;
        } while ((hint & 15) > 13);
        for (int i = 0; i < 15; i++) {
            new Counting(); // skip to victim's stripe again
        }
        Counting resetAlarm = new Counting();
        assertThat(resetAlarm.stripeHint & 15).isEqualTo(hint & 15);
        reset[0] = resetAlarm;
        first = new Counting() {
            @Override
            protected void ring() {
                super.ring();
                reset[0].set(System.nanoTime() + TimeUnit.MINUTES.toNanos(5));
            }
        };
        assertThat(first.stripeHint & 15).isGreaterThan(hint & 15);
        Counting witness = new Counting();
        victim.set(System.nanoTime() + TimeUnit.MINUTES.toNanos(10));
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(40);
        resetAlarm.set(due);
        first.set(due); // the same granule: one scan finds both due
        assertThat(first.rang.await(10, TimeUnit.SECONDS)).isTrue();
        witness.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(witness.rang.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.rings.get()).as("an alarm ten minutes away rang").isZero();
        // and victim is still in its stripe: moved near, it rings
        victim.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(victim.rang.await(10, TimeUnit.SECONDS)).isTrue();
        resetAlarm.cancel();
    }
}
