package sifr.http.internal.hpack;

import java.util.HashMap;
import java.util.Map;

/** The 61 predefined entries of RFC 7541 Appendix A; index 1 is the first. */
final class StaticTable {
    static final int LENGTH = 61;

    private static final String[] NAMES = new String[LENGTH + 1];
    private static final String[] VALUES = new String[LENGTH + 1];
    /** Name → static indexes carrying that name, lowest first (for the encoder). */
    private static final Map<String, int[]> BY_NAME = new HashMap<>(128);

    static {
        String[] pairs = {
            ":authority", "",
            ":method", "GET",
            ":method", "POST",
            ":path", "/",
            ":path", "/index.html",
            ":scheme", "http",
            ":scheme", "https",
            ":status", "200",
            ":status", "204",
            ":status", "206",
            ":status", "304",
            ":status", "400",
            ":status", "404",
            ":status", "500",
            "accept-charset", "",
            "accept-encoding", "gzip, deflate",
            "accept-language", "",
            "accept-ranges", "",
            "accept", "",
            "access-control-allow-origin", "",
            "age", "",
            "allow", "",
            "authorization", "",
            "cache-control", "",
            "content-disposition", "",
            "content-encoding", "",
            "content-language", "",
            "content-length", "",
            "content-location", "",
            "content-range", "",
            "content-type", "",
            "cookie", "",
            "date", "",
            "etag", "",
            "expect", "",
            "expires", "",
            "from", "",
            "host", "",
            "if-match", "",
            "if-modified-since", "",
            "if-none-match", "",
            "if-range", "",
            "if-unmodified-since", "",
            "last-modified", "",
            "link", "",
            "location", "",
            "max-forwards", "",
            "proxy-authenticate", "",
            "proxy-authorization", "",
            "range", "",
            "referer", "",
            "refresh", "",
            "retry-after", "",
            "server", "",
            "set-cookie", "",
            "strict-transport-security", "",
            "transfer-encoding", "",
            "user-agent", "",
            "vary", "",
            "via", "",
            "www-authenticate", "",
        };
        for (int i = 1; i <= LENGTH; i++) {
            NAMES[i] = pairs[2 * (i - 1)];
            VALUES[i] = pairs[2 * (i - 1) + 1];
        }
        for (int i = 1; i <= LENGTH; i++) {
            int[] prev = BY_NAME.get(NAMES[i]);
            int[] next;
            if (prev == null) {
                next = new int[] {i};
            } else {
                next = java.util.Arrays.copyOf(prev, prev.length + 1);
                next[prev.length] = i;
            }
            BY_NAME.put(NAMES[i], next);
        }
    }

    /** Typed names and values of the entries, for {@link HeaderFieldSink} decoding (see {@link TypedFields}). */
    private static final Object[] TYPED_NAMES = new Object[LENGTH + 1];
    private static final Object[] TYPED_VALUES = new Object[LENGTH + 1];

    static {
        for (int i = 1; i <= LENGTH; i++) {
            TYPED_NAMES[i] = TypedFields.name(NAMES[i]);
            TYPED_VALUES[i] = TypedFields.value(VALUES[i]);
        }
    }

    private StaticTable() {
    }

    static Object typedName(int index) {
        return TYPED_NAMES[index];
    }

    static Object typedValue(int index) {
        return TYPED_VALUES[index];
    }

    static String name(int index) {
        return NAMES[index];
    }

    static String value(int index) {
        return VALUES[index];
    }

    /**
     * For the encoder: the index of the entry equal to {@code (name, value)}, else minus the index of
     * the first entry with {@code name}, else 0.
     */
    static int find(String name, String value) {
        int[] candidates = BY_NAME.get(name);
        if (candidates == null) {
            return 0;
        }
        for (int index : candidates) {
            if (VALUES[index].equals(value)) {
                return index;
            }
        }
        return -candidates[0];
    }
}
