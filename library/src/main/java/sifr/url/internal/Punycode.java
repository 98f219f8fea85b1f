package sifr.url.internal;

/** Punycode (RFC 3492) with the parameters of IDNA; both directions, overflow-checked. */
final class Punycode {
    private static final int BASE = 36;
    private static final int TMIN = 1;
    private static final int TMAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 128;

    private Punycode() {
    }

    private static int adapt(int delta, int numPoints, boolean firstTime) {
        delta = firstTime ? delta / DAMP : delta / 2;
        delta += delta / numPoints;
        int k = 0;
        while (delta > ((BASE - TMIN) * TMAX) / 2) {
            delta /= BASE - TMIN;
            k += BASE;
        }
        return k + (BASE - TMIN + 1) * delta / (delta + SKEW);
    }

    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }

    private static int digitValue(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 26;
        }
        return -1;
    }

    /** Encodes the code points of {@code input}; returns null on overflow. */
    static String encode(String input) {
        int[] cps = input.codePoints().toArray();
        StringBuilder out = new StringBuilder(cps.length + 8);
        for (int cp : cps) {
            if (cp < 0x80) {
                out.append((char) cp);
            }
        }
        int basic = out.length();
        int handled = basic;
        if (basic > 0) {
            out.append('-');
        }
        int n = INITIAL_N;
        long delta = 0;
        int bias = INITIAL_BIAS;
        while (handled < cps.length) {
            int m = Integer.MAX_VALUE;
            for (int cp : cps) {
                if (cp >= n && cp < m) {
                    m = cp;
                }
            }
            delta += (long) (m - n) * (handled + 1);
            if (delta > Integer.MAX_VALUE) {
                return null;
            }
            n = m;
            for (int cp : cps) {
                if (cp < n) {
                    delta++;
                    if (delta > Integer.MAX_VALUE) {
                        return null;
                    }
                }
                if (cp == n) {
                    long q = delta;
                    for (int k = BASE; ; k += BASE) {
                        int t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
                        if (q < t) {
                            break;
                        }
                        out.append(digit((int) (t + (q - t) % (BASE - t))));
                        q = (q - t) / (BASE - t);
                    }
                    out.append(digit((int) q));
                    bias = adapt((int) delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }
            delta++;
            n++;
        }
        return out.toString();
    }

    /** Decodes a Punycode label (without {@code xn--}); returns null if it is not valid Punycode. */
    static String decode(String input) {
        int lastDelimiter = input.lastIndexOf('-');
        int basicEnd = Math.max(lastDelimiter, 0);
        int[] out = new int[input.length()];
        int length = 0;
        for (int j = 0; j < basicEnd; j++) {
            char c = input.charAt(j);
            if (c >= 0x80) {
                return null;
            }
            out[length++] = c;
        }
        int n = INITIAL_N;
        int i = 0;
        int bias = INITIAL_BIAS;
        for (int in = lastDelimiter > 0 ? lastDelimiter + 1 : 0; in < input.length(); ) {
            int oldI = i;
            int w = 1;
            for (int k = BASE; ; k += BASE) {
                if (in >= input.length()) {
                    return null;
                }
                int d = digitValue(input.charAt(in++));
                if (d < 0) {
                    return null;
                }
                if (d > (Integer.MAX_VALUE - i) / w) {
                    return null;
                }
                i += d * w;
                int t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
                if (d < t) {
                    break;
                }
                if (w > Integer.MAX_VALUE / (BASE - t)) {
                    return null;
                }
                w *= BASE - t;
            }
            bias = adapt(i - oldI, length + 1, oldI == 0);
            if (i / (length + 1) > Integer.MAX_VALUE - n) {
                return null;
            }
            n += i / (length + 1);
            i %= length + 1;
            if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF)) {
                return null;
            }
            if (length == out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2 + 1);
            }
            System.arraycopy(out, i, out, i + 1, length - i);
            out[i++] = n;
            length++;
        }
        return new String(out, 0, length);
    }
}
