package sifr.url.internal;

/**
 * Scratch for one run of the full parser (the slow path of {@code Url.parse}, resolving against a
 * base, and the setters): the parser, a record and the input chars. Made fresh for each call and
 * sized to its input, so nothing outlives the call: no per-thread cache, which a virtual thread per
 * connection would rarely reuse and which would keep the largest URL a thread saw alive.
 */
public final class ParseContext {
    public final UrlParser parser = new UrlParser();
    public final UrlRecord record = new UrlRecord();
    public final StringBuilder out;
    private char[] chars;
    public int length;
    /** The input the chars are a verbatim slice of, or null when tabs or newlines were removed. */
    public String source;
    public int sourceOffset;

    /** A context for an input of about {@code inputLength} chars. */
    public ParseContext(int inputLength) {
        chars = new char[inputLength];
        out = new StringBuilder(inputLength + 16);
    }

    public char[] chars() {
        return chars;
    }

    /**
     * Loads {@code input} into the char buffer: when {@code trim}, without leading and trailing
     * C0 controls and spaces; always without ASCII tabs and newlines.
     */
    public void load(String input, boolean trim) {
        int start = 0;
        int end = input.length();
        if (trim) {
            while (start < end && input.charAt(start) <= 0x20) {
                start++;
            }
            while (end > start && input.charAt(end - 1) <= 0x20) {
                end--;
            }
        }
        int n = end - start;
        source = null;
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        input.getChars(start, end, chars, 0);
        int i = 0;
        while (i < n && chars[i] > '\r') { // tab, LF and CR are all <= '\r': one compare per char
            i++;
        }
        int w = i;
        for (int r = i; r < n; r++) {
            char c = chars[r];
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            chars[w++] = c;
        }
        if (w == n) {
            source = input; // chars[k] == input.charAt(sourceOffset + k): substrings can come from the input
            sourceOffset = start;
        }
        length = w;
    }
}
