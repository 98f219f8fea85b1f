package sifr.url.internal;

/**
 * Per-thread scratch for parsing: the parser, a record and the input char buffer are reused so
 * that a parse allocates little beyond the strings of its result.
 */
public final class ParseContext {
    private static final ThreadLocal<ParseContext> CURRENT = ThreadLocal.withInitial(ParseContext::new);

    public final UrlParser parser = new UrlParser();
    public final UrlRecord record = new UrlRecord();
    public final StringBuilder out = new StringBuilder(256);
    private char[] chars = new char[256];
    public int length;
    /** The input the chars are a verbatim slice of, or null when tabs or newlines were removed. */
    public String source;
    public int sourceOffset;
    private boolean inUse;

    /** The context of this thread, or a fresh one if it is already in use (re-entrancy). */
    public static ParseContext acquire() {
        ParseContext context = CURRENT.get();
        if (context.inUse) {
            context = new ParseContext();
        }
        context.inUse = true;
        context.record.reset();
        context.out.setLength(0);
        return context;
    }

    public void release() {
        inUse = false;
        source = null;
    }

    private char[] scratch = new char[256];

    /** A reusable char array of at least {@code n} chars. */
    public char[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new char[Math.max(n, scratch.length * 2)];
        }
        return scratch;
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
