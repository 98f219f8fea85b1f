package sifr.url.internal;

/** ASCII character classes the URL parsers use. */
public final class Chars {
    private Chars() {
    }

    public static boolean isAlpha(int c) {
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'z';
    }

    public static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isAlphanumeric(int c) {
        return isAlpha(c) || isDigit(c);
    }

    public static char toLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** Two code points: an ASCII letter and {@code ':'} or {@code '|'}. */
    public static boolean isWindowsDriveLetter(CharSequence s, int start, int end) {
        return end - start == 2 && isAlpha(s.charAt(start)) && (s.charAt(start + 1) == ':' || s.charAt(start + 1) == '|');
    }

    /** Two code points in {@code in[start, end)}: an ASCII letter and {@code ':'} or {@code '|'}. */
    public static boolean isWindowsDriveLetter(char[] in, int start, int end) {
        return end - start == 2 && isAlpha(in[start]) && (in[start + 1] == ':' || in[start + 1] == '|');
    }

    /** Two code points: an ASCII letter and {@code ':'}. */
    public static boolean isNormalizedWindowsDriveLetter(CharSequence s, int start, int end) {
        return end - start == 2 && isAlpha(s.charAt(start)) && s.charAt(start + 1) == ':';
    }

    /** The URL Standard's "starts with a Windows drive letter" for {@code in[start, end)}. */
    public static boolean startsWithWindowsDriveLetter(char[] in, int start, int end) {
        if (end - start < 2 || !isAlpha(in[start]) || (in[start + 1] != ':' && in[start + 1] != '|')) {
            return false;
        }
        if (end - start == 2) {
            return true;
        }
        char c = in[start + 2];
        return c == '/' || c == '\\' || c == '?' || c == '#';
    }

    /** C0 control or space: what the parser trims from both ends of its input. */
    public static boolean isC0ControlOrSpace(int c) {
        return c <= 0x20;
    }

    public static boolean isTabOrNewline(int c) {
        return c == '\t' || c == '\n' || c == '\r';
    }
}
