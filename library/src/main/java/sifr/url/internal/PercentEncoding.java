package sifr.url.internal;

/**
 * The WHATWG percent-encode sets and UTF-8 percent-encoding/decoding over char ranges.
 * Each set is a bit in one 128-entry table, so membership is one array load and a mask; every
 * set contains all non-ASCII code points, which is why the table only covers ASCII.
 */
public final class PercentEncoding {
    public static final int C0_CONTROL = 1;
    public static final int FRAGMENT = 1 << 1;
    public static final int QUERY = 1 << 2;
    public static final int SPECIAL_QUERY = 1 << 3;
    public static final int PATH = 1 << 4;
    public static final int USERINFO = 1 << 5;
    public static final int COMPONENT = 1 << 6;
    public static final int FORM = 1 << 7;
    /** Sifr's {@code percent_encode}: everything except ASCII letters and digits. */
    public static final int NON_ALPHANUMERIC = 1 << 8;

    private static final short[] SETS = new short[128];
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static {
        for (int c = 0; c < 128; c++) {
            int bits = 0;
            if (c < 0x20 || c == 0x7F) {
                bits |= C0_CONTROL;
            }
            if ((bits & C0_CONTROL) != 0 || c == ' ' || c == '"' || c == '<' || c == '>' || c == '`') {
                bits |= FRAGMENT;
            }
            if ((bits & C0_CONTROL) != 0 || c == ' ' || c == '"' || c == '#' || c == '<' || c == '>') {
                bits |= QUERY;
            }
            if ((bits & QUERY) != 0 || c == '\'') {
                bits |= SPECIAL_QUERY;
            }
            if ((bits & QUERY) != 0 || c == '?' || c == '^' || c == '`' || c == '{' || c == '}') {
                bits |= PATH;
            }
            if ((bits & PATH) != 0 || c == '/' || c == ':' || c == ';' || c == '=' || c == '@'
                    || (c >= '[' && c <= '^') || c == '|') {
                bits |= USERINFO;
            }
            if ((bits & USERINFO) != 0 || (c >= '$' && c <= '&') || c == '+' || c == ',') {
                bits |= COMPONENT;
            }
            if ((bits & COMPONENT) != 0 || c == '!' || (c >= '\'' && c <= ')') || c == '~') {
                bits |= FORM;
            }
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                bits |= NON_ALPHANUMERIC;
            }
            SETS[c] = (short) bits;
        }
    }

    private PercentEncoding() {
    }

    /** Path characters copied as they are: ASCII, not in the path set, and not {@code /} or {@code \\}. */
    public static boolean isPlainPathChar(char c) {
        return c < 128 && (SETS[c] & PATH) == 0 && c != '/' && c != '\\';
    }

    /** True if ASCII {@code c} is in {@code set}; non-ASCII is in every set. */
    public static boolean inSet(int c, int set) {
        return c >= 128 || (SETS[c] & set) != 0;
    }

    /**
     * Appends the code point starting at {@code in[i]} to {@code out}, percent-encoded if it is in
     * {@code set}; returns the index after it. A lone surrogate is encoded as U+FFFD.
     */
    public static int appendEncodedCodePoint(StringBuilder out, char[] in, int i, int end, int set) {
        char c = in[i];
        if (c < 128) {
            if ((SETS[c] & set) != 0) {
                appendByte(out, c);
            } else {
                out.append(c);
            }
            return i + 1;
        }
        int cp = c;
        int next = i + 1;
        if (Character.isHighSurrogate(c)) {
            if (next < end && Character.isLowSurrogate(in[next])) {
                cp = Character.toCodePoint(c, in[next]);
                next++;
            } else {
                cp = 0xFFFD;
            }
        } else if (Character.isLowSurrogate(c)) {
            cp = 0xFFFD;
        }
        appendUtf8(out, cp);
        return next;
    }

    /** Percent-encodes {@code in[start, end)} with {@code set}, appending to {@code out}. */
    public static void appendEncoded(StringBuilder out, char[] in, int start, int end, int set) {
        int i = start;
        while (i < end) {
            char c = in[i];
            if (c < 128 && (SETS[c] & set) == 0) {
                out.append(c);
                i++;
            } else {
                i = appendEncodedCodePoint(out, in, i, end, set);
            }
        }
    }

    /** Percent-encodes a whole string with {@code set}. */
    public static String encode(String s, int set) {
        char[] in = s.toCharArray();
        int i = 0;
        while (i < in.length && in[i] < 128 && (SETS[in[i]] & set) == 0) {
            i++;
        }
        if (i == in.length) {
            return s;
        }
        StringBuilder out = new StringBuilder(in.length + 16);
        out.append(in, 0, i);
        appendEncoded(out, in, i, in.length, set);
        return out.toString();
    }

    /** Appends the UTF-8 bytes of a code point as {@code %XX} escapes. */
    public static void appendUtf8(StringBuilder out, int cp) {
        if (cp < 0x80) {
            appendByte(out, cp);
        } else if (cp < 0x800) {
            appendByte(out, 0xC0 | (cp >> 6));
            appendByte(out, 0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            appendByte(out, 0xE0 | (cp >> 12));
            appendByte(out, 0x80 | ((cp >> 6) & 0x3F));
            appendByte(out, 0x80 | (cp & 0x3F));
        } else {
            appendByte(out, 0xF0 | (cp >> 18));
            appendByte(out, 0x80 | ((cp >> 12) & 0x3F));
            appendByte(out, 0x80 | ((cp >> 6) & 0x3F));
            appendByte(out, 0x80 | (cp & 0x3F));
        }
    }

    /** Appends {@code %XX} (uppercase hex) for one byte. */
    public static void appendByte(StringBuilder out, int b) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }

    /** The value of an ASCII hex digit, or -1. */
    public static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        if (lower >= 'a' && lower <= 'f') {
            return lower - 'a' + 10;
        }
        return -1;
    }

    /**
     * WHATWG percent-decode of the UTF-8 bytes of {@code s[start, end)}: a {@code %} not followed by
     * two hex digits stays as is. Returns the bytes.
     */
    public static byte[] decodeLenient(char[] s, int start, int end) {
        byte[] out = new byte[(end - start) * 3];
        int n = 0;
        for (int i = start; i < end; ) {
            char c = s[i];
            if (c == '%' && i + 2 < end) {
                int hi = hexValue(s[i + 1]);
                int lo = hexValue(s[i + 2]);
                if (hi >= 0 && lo >= 0) {
                    out[n++] = (byte) (hi << 4 | lo);
                    i += 3;
                    continue;
                }
                out[n++] = '%';
                i++;
                continue;
            }
            if (c < 0x80) {
                out[n++] = (byte) c;
                i++;
                continue;
            }
            int cp = c;
            i++;
            if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(s[i])) {
                cp = Character.toCodePoint(c, s[i]);
                i++;
            } else if (Character.isSurrogate(c)) {
                cp = 0xFFFD;
            }
            n = putUtf8(out, n, cp);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Writes the UTF-8 bytes of a code point into {@code out} at {@code n}; returns the new length. */
    public static int putUtf8(byte[] out, int n, int cp) {
        if (cp < 0x80) {
            out[n++] = (byte) cp;
        } else if (cp < 0x800) {
            out[n++] = (byte) (0xC0 | (cp >> 6));
            out[n++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[n++] = (byte) (0xE0 | (cp >> 12));
            out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            out[n++] = (byte) (0xF0 | (cp >> 18));
            out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (byte) (0x80 | (cp & 0x3F));
        }
        return n;
    }
}
