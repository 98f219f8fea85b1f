package sifr.http.internal.route;

/**
 * The router's fast path: a request target that needs no cleaning and no decoding (origin-form, no
 * {@code %}, no dot segments, no {@code //}) is matched straight on the target string by offsets,
 * without splitting it into a {@link PathSegments} object or a string per segment. Its decoded
 * segments are its raw ones, so a wildcard's value is a substring cut only when a handler asks for
 * it; any other target takes the {@link PathSegments} path, which has the cleaning and decoding
 * rules.
 *
 * <p>Segment {@code k} of a target is the text after its {@code k+1}-th slash (segment 0 begins at
 * index 1), up to the next slash or the end of the path ({@code ?} or the end of the target).
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
        int n = target.length();
        if (n == 0 || target.charAt(0) != '/') {
            return -1;
        }
        int segments = 1;
        int segStart = 1;
        for (int i = 1; ; i++) {
            char c = i < n ? target.charAt(i) : '?';
            if (c == '/' || c == '?') {
                int len = i - segStart;
                if (len == 0 && c == '/'
                        || len == 1 && target.charAt(segStart) == '.'
                        || len == 2 && target.charAt(segStart) == '.' && target.charAt(segStart + 1) == '.') {
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

    /** Where segment {@code k} of {@code target} begins (the index after its {@code k+1}-th slash). */
    public static int segmentStart(String target, int k) {
        int at = 1;
        for (int i = 0; i < k; i++) {
            at = target.indexOf('/', at) + 1;
        }
        return at;
    }

    /**
     * A path parameter of a target that {@link #cleanEnd} accepted: segment {@code slot} for a
     * one-segment wildcard, or for a rest wildcard ({@code slot = ~k}) the path from segment {@code k}
     * on. The raw text is the decoded text here (no {@code %}).
     */
    public static String param(String target, int slot) {
        int end = target.indexOf('?');
        if (end < 0) {
            end = target.length();
        }
        if (slot < 0) {
            return target.substring(segmentStart(target, ~slot), end);
        }
        int start = segmentStart(target, slot);
        int stop = target.indexOf('/', start, end);
        return target.substring(start, stop < 0 ? end : stop);
    }
}
