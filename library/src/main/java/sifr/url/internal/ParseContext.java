package sifr.url.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Scratch for one run of the full parser (the slow path of {@code Url.parse}, resolving against a
 * base, and the setters): the parser, a record and the input chars.
 *
 * <p>Not a per-thread cache: with a virtual thread per connection a {@code ThreadLocal} is rarely
 * reused and would keep the largest URL each thread ever parsed alive as long as the thread. Instead
 * a small process-wide pool of {@value #POOL_SLOTS} slots, each taken exclusively with one atomic
 * swap (slot chosen by thread id, so threads seldom meet), holds contexts whose buffers are small
 * ({@value #MAX_POOLED_CHARS} chars or less): memory kept is bounded by a few KiB in total whatever
 * was parsed, a larger input gets a context of its own that dies with the call, and an empty slot
 * simply means a fresh context.
 */
public final class ParseContext {
    static final int POOL_SLOTS = 16; // a power of two
    static final int MAX_POOLED_CHARS = 512;
    private static final ParseContext[] POOL = new ParseContext[POOL_SLOTS];
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(ParseContext[].class);

    public final UrlParser parser = new UrlParser();
    public final UrlRecord record;
    private StringBuilder out;
    private char[] chars;
    public int length;
    /** The input the chars are a verbatim slice of, or null when tabs or newlines were removed. */
    public String source;
    public int sourceOffset;

    /** A context for an input of about {@code inputLength} chars. */
    private ParseContext(int inputLength) {
        chars = new char[inputLength];
        record = new UrlRecord(inputLength);
    }

    /** A pooled context if one is free and the input is small, else a new one; give it back with {@link #release}. */
    public static ParseContext acquire(int inputLength) {
        if (inputLength <= MAX_POOLED_CHARS) {
            ParseContext pooled = (ParseContext) SLOT.getAndSet(POOL, slot(), (ParseContext) null);
            if (pooled != null) {
                return pooled; // reset when it was released
            }
            return new ParseContext(MAX_POOLED_CHARS / 4);
        }
        return new ParseContext(inputLength);
    }

    private static int slot() {
        return (int) Thread.currentThread().threadId() & (POOL_SLOTS - 1);
    }

    /** Returns this context to the pool if its buffers stayed small; the caller must not use it again. */
    public void release() {
        source = null;
        if (chars.length <= MAX_POOLED_CHARS && record.path.capacity() <= 4 * MAX_POOLED_CHARS
                && (out == null || out.capacity() <= 4 * MAX_POOLED_CHARS) && parser.isSmall(4 * MAX_POOLED_CHARS)) {
            if (out != null) {
                out.setLength(0);
            }
            record.reset();
            SLOT.setRelease(POOL, slot(), this);
        }
    }

    /** A builder for the serialization (made on first use: an input that already is its own serialization needs none). */
    public StringBuilder out() {
        if (out == null) {
            out = new StringBuilder(chars.length + 16);
        }
        return out;
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
            int grown = Math.max(n, chars.length * 2);
            chars = new char[n <= MAX_POOLED_CHARS ? Math.min(grown, MAX_POOLED_CHARS) : n];
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
