package sifr.tls.internal;

import java.util.function.LongSupplier;

/**
 * TLS dynamic record sizing: the first records of a burst of writes are small enough to fit one
 * TCP segment each, so the peer can decrypt (and a browser start parsing) the start of a response
 * as soon as its first segment arrives instead of waiting for a whole 16 KiB record spread over a
 * dozen segments. The records then grow by one segment's worth each, and after
 * {@value #BOOST_BYTES} bytes every record is as large as the engine makes it (16 KiB), so bulk
 * transfers pay for the small records only at their start. A write after {@code IDLE} of
 * silence starts a new burst (TCP's congestion window may have shrunk meanwhile, RFC 5681 §4.1).
 *
 * <p>The same idea as Go's {@code crypto/tls} (arithmetic growth from one segment) and the
 * nginx/Cloudflare "dynamic TLS records" patch (reset after one second idle); the numbers are ours:
 * {@value #FIRST_RECORD} plaintext bytes fit one segment on an IPv6 path at the minimum MTU of
 * 1,280 bytes: 40 IPv6 + 32 TCP with timestamps + 38 bytes of record framing (a 5-byte header and
 * the 33 bytes the JDK's TLS 1.3 AES-GCM records add, measured by {@code TlsDynamicRecordSizingTest};
 * TLS 1.2 GCM adds 24).
 * Used under the connection's write lock only.
 */
final class RecordSizer {
    static final int FIRST_RECORD = 1_170;
    static final long BOOST_BYTES = 128 * 1024;
    static final long IDLE_NANOS = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private long lastWrite;
    private long burstBytes;
    private int burstRecords;

    RecordSizer(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastWrite = nanoClock.getAsLong();
    }

    /** Called once per application write: a write after a silence of {@code IDLE} starts a new burst. */
    void beforeWrite() {
        long now = nanoClock.getAsLong();
        if (now - lastWrite > IDLE_NANOS) {
            burstBytes = 0;
            burstRecords = 0;
        }
        lastWrite = now;
    }

    /** The most plaintext the next record may carry; {@link Integer#MAX_VALUE} once the burst is past its start. */
    int nextRecordLimit() {
        return burstBytes >= BOOST_BYTES ? Integer.MAX_VALUE : FIRST_RECORD * (burstRecords + 1);
    }

    /** Counts a record of {@code plaintextBytes} that the engine produced (none on an overflow). */
    void recorded(int plaintextBytes) {
        if (plaintextBytes > 0 && burstBytes < BOOST_BYTES) {
            burstBytes += plaintextBytes;
            burstRecords++;
        }
    }
}
