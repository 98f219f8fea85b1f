package sifr.http.internal.h2;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The parameters one SETTINGS frame carries (RFC 9113 §6.5): an immutable set of (identifier,
 * unsigned 32-bit value) for the identifiers this side knows; unknown identifiers are ignored on
 * receipt (§6.5.2). A frame that repeats an identifier keeps the last value, as processing in order
 * would.
 */
public final class Http2Settings {
    public static final int HEADER_TABLE_SIZE = 0x1;
    public static final int ENABLE_PUSH = 0x2;
    public static final int MAX_CONCURRENT_STREAMS = 0x3;
    public static final int INITIAL_WINDOW_SIZE = 0x4;
    public static final int MAX_FRAME_SIZE = 0x5;
    public static final int MAX_HEADER_LIST_SIZE = 0x6;
    /** RFC 8441 extended CONNECT. */
    public static final int ENABLE_CONNECT_PROTOCOL = 0x8;
    /** RFC 9218 §2.1. */
    public static final int NO_RFC7540_PRIORITIES = 0x9;

    private static final int MAX_KNOWN = 0x9;
    /** Initial value of SETTINGS_INITIAL_WINDOW_SIZE and of the connection window (§6.9.2). */
    public static final int DEFAULT_INITIAL_WINDOW_SIZE = 65_535;

    public static final Http2Settings EMPTY = new Http2Settings(new long[MAX_KNOWN + 1], 0);

    private final long[] values;
    private final int present; // bit i: identifier i is set

    private Http2Settings(long[] values, int present) {
        this.values = values;
        this.present = present;
    }

    static boolean isKnown(int id) {
        return id >= HEADER_TABLE_SIZE && id <= MAX_KNOWN && id != 0x7;
    }

    /**
     * This set with {@code id} set to {@code value}.
     *
     * @throws IllegalArgumentException for an unknown identifier or a value outside 0..2^32-1
     */
    public Http2Settings with(int id, long value) {
        if (!isKnown(id)) {
            throw new IllegalArgumentException("unknown HTTP/2 setting 0x" + Integer.toHexString(id));
        }
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("HTTP/2 setting values are unsigned 32-bit");
        }
        long[] v = Arrays.copyOf(values, values.length);
        v[id] = value;
        return new Http2Settings(v, present | (1 << id));
    }

    public boolean has(int id) {
        return id >= 0 && id <= MAX_KNOWN && (present & (1 << id)) != 0;
    }

    public OptionalLong get(int id) {
        return has(id) ? OptionalLong.of(values[id]) : OptionalLong.empty();
    }

    /** The value of {@code id}, or {@code otherwise} if this frame does not carry it. */
    public long getOrDefault(int id, long otherwise) {
        return has(id) ? values[id] : otherwise;
    }

    /** Number of parameters set. */
    public int size() {
        return Integer.bitCount(present);
    }

    /** Identifiers set, in ascending order (the order {@link Http2Writer} writes them). */
    int[] ids() {
        int[] out = new int[size()];
        int n = 0;
        for (int id = 0; id <= MAX_KNOWN; id++) {
            if (has(id)) {
                out[n++] = id;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Http2Settings s && s.present == present && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * present + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Http2Settings{");
        for (int id : ids()) {
            if (sb.length() > 14) {
                sb.append(", ");
            }
            sb.append(name(id)).append('=').append(values[id]);
        }
        return sb.append('}').toString();
    }

    static String name(int id) {
        return switch (id) {
            case HEADER_TABLE_SIZE -> "HEADER_TABLE_SIZE";
            case ENABLE_PUSH -> "ENABLE_PUSH";
            case MAX_CONCURRENT_STREAMS -> "MAX_CONCURRENT_STREAMS";
            case INITIAL_WINDOW_SIZE -> "INITIAL_WINDOW_SIZE";
            case MAX_FRAME_SIZE -> "MAX_FRAME_SIZE";
            case MAX_HEADER_LIST_SIZE -> "MAX_HEADER_LIST_SIZE";
            case ENABLE_CONNECT_PROTOCOL -> "ENABLE_CONNECT_PROTOCOL";
            case NO_RFC7540_PRIORITIES -> "NO_RFC7540_PRIORITIES";
            default -> "0x" + Integer.toHexString(id);
        };
    }
}
