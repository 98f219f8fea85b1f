package sifr.http.internal.route;

/**
 * The router's fast path: a request target that needs no cleaning and no decoding (origin-form, no
 * {@code %}, no dot segments, no {@code //}) is matched straight on the target string by offsets,
 * without splitting it into a {@link PathSegments} object or a string per segment. Its decoded
 * segments are its raw ones, so a wildcard's value is a substring cut only when a handler asks for
 * it; any other target takes the {@link PathSegments} path, which has the cleaning and decoding
 * rules. {@link RouteTree#find(String)} checks the segments it walks; this class has the checks for
 * the rest of a path and the cutting of values.
 *
 * <p>Segment {@code k} of a target is the text after its {@code k+1}-th slash (segment 0 begins at
 * index 1), up to the next slash or the end of the path ({@code ?} or the end of the target). The
 * loops here are plain character loops, not {@code String.indexOf}: segments are a few characters
 * long, shorter than the intrinsic's set-up.
 */
public final class RawPath {
    private RawPath() {
    }

    /**
     * Where the path of {@code target} ends (the index of its {@code ?}, or its length) when the
     * target can be matched raw, else -1: not origin-form, a {@code %} (decoding could change
     * segments), a {@code .} or {@code ..} segment or an empty inner one (a redirect to the clean
     * form), or more than {@link PathSegments#MAX_SEGMENTS} segments (a 400). One pass, no allocation.
     */
    public static int cleanEnd(String target) {
        return target.isEmpty() || target.charAt(0) != '/' ? -1 : cleanEnd(target, 1, 0);
    }

    /** As {@link #cleanEnd(String)}, for the segments from index {@code from} on, after {@code before} others. */
    static int cleanEnd(String target, int from, int before) {
        int n = target.length();
        int segments = before + 1;
        int segStart = from;
        for (int i = from; ; i++) {
            char c = i < n ? target.charAt(i) : '?';
            if (c == '/' || c == '?') {
                int len = i - segStart;
                if (len == 0 && c == '/' || isDots(target, segStart, len)) {
                    return -1;
                }
                if (c == '?') {
                    return i;
                }
                if (++segments > PathSegments.MAX_SEGMENTS) {
                    return -1;
                }
                segStart = i + 1;
            } else if (c == '%') {
                return -1;
            }
        }
    }

    /** True when {@code s[start, start+len)} is {@code .} or {@code ..}. */
    static boolean isDots(String s, int start, int len) {
        return len == 1 && s.charAt(start) == '.'
                || len == 2 && s.charAt(start) == '.' && s.charAt(start + 1) == '.';
    }

    /** Where segment {@code k} of a clean {@code target} begins (the index after its {@code k+1}-th slash). */
    public static int segmentStart(String target, int k) {
        int at = 1;
        for (int i = 0; i < k; i++) {
            at = segmentEnd(target, at) + 1;
        }
        return at;
    }

    /** The first {@code /} or {@code ?} from {@code from} on, or the target's length. */
    static int segmentEnd(String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?') {
                return i;
            }
        }
        return n;
    }

    /**
     * A path parameter of a target that the raw walk matched: segment {@code slot} for a one-segment
     * wildcard, or for a rest wildcard ({@code slot = ~k}) the path from segment {@code k} on. The raw
     * text is the decoded text here (no {@code %}).
     */
    public static String param(String target, int slot) {
        if (slot < 0) {
            int start = segmentStart(target, ~slot);
            int mark = target.indexOf('?', start);
            return target.substring(start, mark < 0 ? target.length() : mark);
        }
        int start = segmentStart(target, slot);
        return target.substring(start, segmentEnd(target, start));
    }
}
