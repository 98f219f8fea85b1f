package sifr.websocket.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Incremental UTF-8 validation (RFC 3629) for text messages that arrive in pieces: fragments, partial
 * frames, inflated chunks. Fails at the first byte that cannot continue a valid sequence, so a text
 * message is rejected as soon as it is invalid (RFC 6455 §8.1), not when it ends. Overlong forms,
 * surrogates (U+D800..U+DFFF) and code points above U+10FFFF are invalid; noncharacters are valid.
 *
 * <p>The state is the number of continuation bytes still expected and the range the next one must be
 * in (only the first continuation byte after E0, ED, F0 and F4 has a narrower range).
 */
public final class Utf8Validator {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private int need;
    private int sequence; // length of the sequence in progress (2..4), meaningful while need > 0
    private int lo = 0x80;
    private int hi = 0xBF;
    private boolean failed;

    /**
     * Validates the next {@code len} bytes.
     *
     * @return false once the bytes seen so far cannot be the start of valid UTF-8 (and from then on)
     */
    public boolean feed(byte[] b, int off, int len) {
        if (failed) {
            return false;
        }
        int i = off;
        int end = off + len;
        int need = this.need;
        int sequence = this.sequence;
        int lo = this.lo;
        int hi = this.hi;
        while (i < end) {
            if (need == 0) {
                // ASCII runs are the common case: eight bytes per step while no high bit is set
                while (i + 8 <= end && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i == end) {
                    break;
                }
                int c = b[i++] & 0xff;
                if (c < 0x80) {
                    continue;
                }
                if (c < 0xC2) { // a continuation byte, or C0/C1 (always overlong)
                    return fail();
                } else if (c < 0xE0) {
                    need = 1;
                    sequence = 2;
                    lo = 0x80;
                    hi = 0xBF;
                } else if (c < 0xF0) {
                    need = 2;
                    sequence = 3;
                    lo = c == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
                    hi = c == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
                } else if (c < 0xF5) {
                    need = 3;
                    sequence = 4;
                    lo = c == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
                    hi = c == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be above U+10FFFF
                } else {
                    return fail();
                }
            } else {
                int c = b[i++] & 0xff;
                if (c < lo || c > hi) {
                    return fail();
                }
                lo = 0x80;
                hi = 0xBF;
                need--;
            }
        }
        this.need = need;
        this.sequence = sequence;
        this.lo = lo;
        this.hi = hi;
        return true;
    }

    private boolean fail() {
        failed = true;
        return false;
    }

    /** Whether the bytes fed so far end on a character boundary (a message may end here). */
    public boolean isComplete() {
        return !failed && need == 0;
    }

    /** Bytes of the last character that are still incomplete (0..3). */
    public int partialLength() {
        return need == 0 ? 0 : sequence - need;
    }

    /** Starts over for the next message. */
    public void reset() {
        need = 0;
        lo = 0x80;
        hi = 0xBF;
        failed = false;
    }
}
