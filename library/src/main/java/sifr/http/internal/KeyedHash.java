package sifr.http.internal;

import java.security.SecureRandom;

/**
 * A keyed hash of ASCII header names, case-insensitive, computed in place (no lowercased copy).
 *
 * <p>The keys are drawn once per process from {@link SecureRandom}, so a peer cannot precompute names
 * that collide in {@code HeaderMap}'s table (HashDoS). Eight bytes are folded at a time with a
 * 64x64→128-bit multiply (the "folded multiply" of aHash/wyhash): cheap for short names, and every
 * input bit reaches every output bit through a secret multiplier.
 */
public final class KeyedHash {
    private static final long K0;
    private static final long K1;
    private static final long K2;

    static {
        SecureRandom random = new SecureRandom();
        K0 = random.nextLong();
        K1 = random.nextLong() | 1L;
        K2 = random.nextLong() | 1L;
    }

    private KeyedHash() {
    }

    private static long fold(long a, long b) {
        return Math.unsignedMultiplyHigh(a, b) ^ (a * b);
    }

    /** ASCII lowercase of one character's low byte; other bytes unchanged. */
    private static long lower(int c) {
        c &= 0xFF;
        return (c >= 'A' && c <= 'Z') ? c | 0x20 : c;
    }

    /** The hash of {@code s} as if it were lowercased (ASCII). */
    public static int ofIgnoreCase(CharSequence s) {
        int n = s.length();
        long h = K0 ^ n;
        int i = 0;
        while (i + 8 <= n) {
            long w = 0;
            for (int j = 0; j < 8; j++) {
                w |= lower(s.charAt(i + j)) << (j << 3);
            }
            h = fold(h ^ w, K1);
            i += 8;
        }
        if (i < n) {
            long w = 0;
            for (int j = 0; i + j < n; j++) {
                w |= lower(s.charAt(i + j)) << (j << 3);
            }
            h = fold(h ^ w, K1);
        }
        h = fold(h, K2);
        return (int) (h ^ (h >>> 32));
    }

    /** The hash of {@code bytes[offset, offset+length)} as if lowercased; equals {@link #ofIgnoreCase(CharSequence)} for ASCII. */
    public static int ofIgnoreCase(byte[] bytes, int offset, int length) {
        long h = K0 ^ length;
        int i = 0;
        while (i + 8 <= length) {
            long w = 0;
            for (int j = 0; j < 8; j++) {
                w |= lower(bytes[offset + i + j]) << (j << 3);
            }
            h = fold(h ^ w, K1);
            i += 8;
        }
        if (i < length) {
            long w = 0;
            for (int j = 0; i + j < length; j++) {
                w |= lower(bytes[offset + i + j]) << (j << 3);
            }
            h = fold(h ^ w, K1);
        }
        h = fold(h, K2);
        return (int) (h ^ (h >>> 32));
    }
}
