package sifr.url.internal;

import java.nio.charset.StandardCharsets;

/**
 * The URL Standard's host parser: IPv6 literals, opaque hosts (non-special schemes), and domains
 * (percent-decoded, UTS #46 ToASCII, then IPv4 if the last label is a number). Returns the
 * serialized host, or null on failure.
 */
public final class HostParser {
    private HostParser() {
    }

    /**
     * As {@link #parse(char[], int, int, boolean)}, with the caller's knowledge that every char is
     * {@linkplain #isPlainDomainChar plain}: then a domain needs no decoding, mapping or checking,
     * only the IPv4 test when its last label starts with a digit.
     */
    public static String parse(char[] in, int start, int end, boolean isOpaque, boolean plain, String source,
            int sourceOffset) {
        if (!plain || isOpaque || start == end) {
            return parse(in, start, end, isOpaque);
        }
        String ascii = source != null ? source.substring(sourceOffset + start, sourceOffset + end)
                : new String(in, start, end - start);
        if (lastLabelStartsWithDigit(ascii) && Ipv4.endsInANumber(ascii)) {
            long address = Ipv4.parse(ascii);
            return address == Ipv4.FAILURE ? null : Ipv4.serialize(address);
        }
        return ascii;
    }

    /** ASCII, not uppercase, not {@code %}, not a forbidden domain code point. */
    public static boolean isPlainDomainChar(char c) {
        return c < 128 && PLAIN_DOMAIN[c];
    }

    public static String parse(char[] in, int start, int end, boolean isOpaque) {
        if (start < end && in[start] == '[') {
            if (in[end - 1] != ']' || end - start < 2) {
                return null;
            }
            int[] address = Ipv6.parse(in, start + 1, end - 1);
            return address == null ? null : Ipv6.serialize(address);
        }
        if (isOpaque) {
            return opaque(in, start, end);
        }
        String ascii = domainToAscii(in, start, end);
        if (ascii == null) {
            return null;
        }
        if (lastLabelStartsWithDigit(ascii) && Ipv4.endsInANumber(ascii)) {
            long address = Ipv4.parse(ascii);
            return address == Ipv4.FAILURE ? null : Ipv4.serialize(address);
        }
        return ascii;
    }

    /** Cheap pre-check for "ends in a number": every IPv4 number part starts with a digit. */
    private static boolean lastLabelStartsWithDigit(String ascii) {
        int end = ascii.length();
        if (end > 1 && ascii.charAt(end - 1) == '.') {
            end--;
        }
        int dot = ascii.lastIndexOf('.', end - 1);
        return dot + 1 < end && Chars.isDigit(ascii.charAt(dot + 1));
    }

    /** Opaque host: no forbidden host code point; C0 controls and non-ASCII are percent-encoded. */
    static String opaque(char[] in, int start, int end) {
        boolean plain = true;
        for (int i = start; i < end; i++) {
            char c = in[i];
            if (c < 128 && isForbiddenHost(c)) {
                return null;
            }
            if (c < 0x20 || c >= 0x7F) {
                plain = false;
            }
        }
        if (plain) {
            return new String(in, start, end - start);
        }
        StringBuilder out = new StringBuilder(end - start + 16);
        PercentEncoding.appendEncoded(out, in, start, end, PercentEncoding.C0_CONTROL);
        return out.toString();
    }

    /**
     * Percent-decodes, UTF-8 decodes and runs domain to ASCII. An all-ASCII domain is only
     * lowercased (the URL Standard's ASCII fast path: browsers pass {@code xn--} labels of ASCII
     * input through unchecked); anything else goes through UTS #46.
     */
    static String domainToAscii(char[] in, int start, int end) {
        // Fast path, one pass: plain ASCII without escapes is only lowercased and checked.
        boolean upper = false;
        boolean forbidden = false;
        for (int i = start; i < end; i++) {
            char c = in[i];
            if (c >= 128 || c == '%') {
                return decodeAndMapDomain(in, start, end); // mapping may still remove or change a forbidden one
            }
            forbidden |= FORBIDDEN_DOMAIN[c];
            upper |= c >= 'A' && c <= 'Z';
        }
        if (start == end || forbidden) {
            return null;
        }
        if (!upper) {
            return new String(in, start, end - start);
        }
        char[] lower = new char[end - start];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = Chars.toLower(in[start + i]);
        }
        return new String(lower);
    }

    private static final boolean[] FORBIDDEN_DOMAIN = new boolean[128];

    private static final boolean[] PLAIN_DOMAIN = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            FORBIDDEN_DOMAIN[c] = isForbiddenDomain(c);
            PLAIN_DOMAIN[c] = !FORBIDDEN_DOMAIN[c] && !(c >= 'A' && c <= 'Z');
        }
    }

    private static String decodeAndMapDomain(char[] in, int start, int end) {
        boolean ascii = true;
        boolean percent = false;
        for (int i = start; i < end; i++) {
            char c = in[i];
            if (c >= 128) {
                ascii = false;
            } else if (c == '%') {
                percent = true;
            }
        }
        String domain;
        if (percent) {
            byte[] bytes = PercentEncoding.decodeLenient(in, start, end);
            domain = new String(bytes, StandardCharsets.UTF_8);
            ascii = isAscii(domain);
        } else {
            domain = new String(in, start, end - start);
        }
        String result;
        if (ascii) {
            result = lowerAscii(domain);
        } else {
            result = Idna.toAscii(domain);
            if (result == null) {
                return null;
            }
        }
        if (result.isEmpty()) {
            return null;
        }
        for (int i = 0; i < result.length(); i++) {
            if (isForbiddenDomain(result.charAt(i))) {
                return null;
            }
        }
        return result;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    chars[j] = Chars.toLower(chars[j]);
                }
                return new String(chars);
            }
        }
        return s;
    }

    /** Forbidden host code points: NUL, tab, LF, CR, space, # / : < > ? @ [ \ ] ^ |. */
    public static boolean isForbiddenHost(int c) {
        switch (c) {
            case 0, '\t', '\n', '\r', ' ', '#', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|':
                return true;
            default:
                return false;
        }
    }

    /** Forbidden domain code points: forbidden host code points, C0 controls, % and DEL. */
    public static boolean isForbiddenDomain(int c) {
        return c <= 0x1F || c == '%' || c == 0x7F || isForbiddenHost(c);
    }
}
