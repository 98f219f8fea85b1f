package sifr.url.internal;

/** The URL Standard's IPv4 parser (decimal, hex and octal parts) and serializer. */
public final class Ipv4 {
    /** Returned by {@link #number} and {@link #parse} on failure. */
    public static final long FAILURE = -1;
    private static final long TOO_BIG = 1L << 40;

    private Ipv4() {
    }

    /** The URL Standard's "ends in a number" for an ASCII domain. */
    public static boolean endsInANumber(String s) {
        int end = s.length();
        if (end > 0 && s.charAt(end - 1) == '.') {
            end--;
            if (end == 0) {
                return false; // a single empty part
            }
        }
        int start = s.lastIndexOf('.', end - 1) + 1;
        if (start == end) {
            return false;
        }
        boolean allDigits = true;
        for (int i = start; i < end; i++) {
            if (!Chars.isDigit(s.charAt(i))) {
                allDigits = false;
                break;
            }
        }
        return allDigits || number(s, start, end) != FAILURE;
    }

    /** Parses an IPv4 number part; values beyond 2^40 are clamped (they fail later either way). */
    static long number(String s, int start, int end) {
        if (start == end) {
            return FAILURE;
        }
        int radix = 10;
        if (end - start >= 2 && s.charAt(start) == '0' && (s.charAt(start + 1) | 0x20) == 'x') {
            start += 2;
            radix = 16;
        } else if (end - start >= 2 && s.charAt(start) == '0') {
            start++;
            radix = 8;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = PercentEncoding.hexValue(s.charAt(i));
            if (digit < 0 || digit >= radix) {
                return FAILURE;
            }
            if (value < TOO_BIG) {
                value = value * radix + digit;
            }
        }
        return Math.min(value, TOO_BIG);
    }

    /** Parses an IPv4 address; returns the 32-bit value or {@link #FAILURE}. */
    public static long parse(String s) {
        int end = s.length();
        if (end > 0 && s.charAt(end - 1) == '.') {
            end--; // a trailing dot is allowed (validation error only)
        }
        long[] numbers = new long[4];
        int count = 0;
        int start = 0;
        while (true) {
            int dot = s.indexOf('.', start);
            int partEnd = dot < 0 || dot >= end ? end : dot;
            if (count == 4) {
                return FAILURE;
            }
            long n = number(s, start, partEnd);
            if (n == FAILURE) {
                return FAILURE;
            }
            numbers[count++] = n;
            if (partEnd == end) {
                break;
            }
            start = partEnd + 1;
        }
        for (int i = 0; i < count - 1; i++) {
            if (numbers[i] > 255) {
                return FAILURE;
            }
        }
        if (numbers[count - 1] >= 1L << (8 * (5 - count))) {
            return FAILURE;
        }
        long ipv4 = numbers[count - 1];
        for (int i = 0; i < count - 1; i++) {
            ipv4 += numbers[i] << (8 * (3 - i));
        }
        return ipv4;
    }

    public static String serialize(long address) {
        StringBuilder out = new StringBuilder(15);
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.append((address >> shift) & 0xFF);
            if (shift > 0) {
                out.append('.');
            }
        }
        return out.toString();
    }
}
