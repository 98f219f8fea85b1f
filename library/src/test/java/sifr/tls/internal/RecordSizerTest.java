package sifr.tls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Dynamic record sizing's rules, on a clock the test moves. */
class RecordSizerTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final RecordSizer sizer = new RecordSizer(now::get);

    @Test
    void aBurstStartsWithOneSegmentAndGrowsByOneSegmentPerRecord() {
        sizer.beforeWrite();
        for (int record = 1; record <= 5; record++) {
            int limit = sizer.nextRecordLimit();
            assertThat(limit).isEqualTo(RecordSizer.FIRST_RECORD * record);
            sizer.recorded(limit);
        }
    }

    @Test
    void anOverflowThatProducedNoRecordDoesNotGrowTheLimit() {
        sizer.beforeWrite();
        sizer.recorded(0);
        assertThat(sizer.nextRecordLimit()).isEqualTo(RecordSizer.FIRST_RECORD);
    }

    @Test
    void afterTheBoostBytesRecordsAreUnlimitedUntilTheConnectionIdles() {
        sizer.beforeWrite();
        sendBurst();
        assertThat(sizer.nextRecordLimit()).isEqualTo(Integer.MAX_VALUE);
        now.addAndGet(RecordSizer.IDLE_NANOS); // exactly the idle time: still the same burst
        sizer.beforeWrite();
        assertThat(sizer.nextRecordLimit()).isEqualTo(Integer.MAX_VALUE);
        now.addAndGet(RecordSizer.IDLE_NANOS + 1);
        sizer.beforeWrite();
        assertThat(sizer.nextRecordLimit()).isEqualTo(RecordSizer.FIRST_RECORD);
    }

    @Test
    void writesCloserThanTheIdleTimeKeepTheBurstGoing() {
        for (int i = 0; i < 10; i++) {
            now.addAndGet(RecordSizer.IDLE_NANOS / 2);
            sizer.beforeWrite();
            sizer.recorded(sizer.nextRecordLimit());
        }
        assertThat(sizer.nextRecordLimit()).isEqualTo(RecordSizer.FIRST_RECORD * 11);
    }

    private void sendBurst() {
        for (int i = 0; i < 1_000 && sizer.nextRecordLimit() != Integer.MAX_VALUE; i++) {
            sizer.recorded(Math.min(sizer.nextRecordLimit(), 16_384));
        }
    }
}
