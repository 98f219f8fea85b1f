package sifr.http.internal.files;

import java.util.ArrayList;
import java.util.List;

/**
 * The Range header field of a GET against a representation of known length (RFC 9110 §14.1.2,
 * §14.2): which byte ranges to send. A field that is not a valid {@code bytes} ranges-specifier is
 * ignored (the whole representation, 200); none of the ranges satisfiable is a 416. Against range
 * denial of service (many small, overlapping or out-of-order ranges, §14.2 and §17.15), a request with
 * more than {@code maxRanges} range-specs is served whole, as nginx's {@code max_ranges} does, and
 * ranges that overlap or lie within {@link #COALESCE_GAP} bytes of each other are coalesced
 * (§15.3.7.2), so the parts never add up to more than the representation. The parts keep the order
 * of the request (§15.3.7.2's SHOULD), a coalesced range taking the place of its first member.
 */
public final class ByteRanges {
    /** Ranges closer than this are sent as one part: less than the overhead of a part's own head. */
    public static final long COALESCE_GAP = 80;

    /** One range, inclusive at both ends. */
    public record Range(long first, long last) {
        public long length() {
            return last - first + 1;
        }
    }

    /** What a Range field asks for. */
    public enum Kind { IGNORE, UNSATISFIABLE, RANGES }

    /** The outcome; {@code ranges} is non-empty for {@link Kind#RANGES}. */
    public record Result(Kind kind, List<Range> ranges) {
        static final Result IGNORE = new Result(Kind.IGNORE, List.of());
        static final Result UNSATISFIABLE = new Result(Kind.UNSATISFIABLE, List.of());
    }

    private ByteRanges() {
    }

    public static Result parse(String field, long size, int maxRanges) {
        String v = field.strip();
        int eq = v.indexOf('=');
        if (eq < 0 || !v.substring(0, eq).strip().equalsIgnoreCase("bytes")) {
            return Result.IGNORE; // another range unit, or no unit: not ours
        }
        if (size == 0) {
            return Result.IGNORE; // nothing to slice; send the empty representation
        }
        List<Range> satisfiable = new ArrayList<>();
        int specs = 0;
        int i = eq + 1;
        while (i <= v.length()) {
            int comma = v.indexOf(',', i);
            int end = comma < 0 ? v.length() : comma;
            String spec = v.substring(i, end).strip();
            i = end + 1;
            if (spec.isEmpty()) {
                if (comma < 0 && specs == 0) {
                    return Result.IGNORE; // "bytes=" lists nothing
                }
                continue; // empty list elements are allowed (RFC 9110 §5.6.1)
            }
            if (++specs > maxRanges) {
                return Result.IGNORE;
            }
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return Result.IGNORE;
            }
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) { // suffix-range: the last N bytes
                long n = number(b);
                if (n < 0) {
                    return Result.IGNORE;
                }
                if (n > 0) {
                    satisfiable.add(new Range(Math.max(0, size - n), size - 1));
                }
                continue;
            }
            long first = number(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : number(b);
            if (first < 0 || last < 0 || last < first) {
                return Result.IGNORE; // an invalid int-range makes the ranges-specifier invalid
            }
            if (first < size) {
                satisfiable.add(new Range(first, Math.min(last, size - 1)));
            }
        }
        if (specs == 0) {
            return Result.IGNORE;
        }
        if (satisfiable.isEmpty()) {
            return Result.UNSATISFIABLE;
        }
        return new Result(Kind.RANGES, coalesce(satisfiable));
    }

    /** Digits only; a value too large for a long becomes {@link Long#MAX_VALUE}; -1 for anything else. */
    static long number(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (n > (Long.MAX_VALUE - 9) / 10) {
                n = Long.MAX_VALUE; // still only digits allowed after this
            } else {
                n = n * 10 + (c - '0');
            }
        }
        return n;
    }

    /**
     * Merges ranges that overlap or nearly touch, until no two do; each merged range stays at the
     * position of the earliest of its members. At most {@code maxRanges} ranges: quadratic is cheap.
     */
    static List<Range> coalesce(List<Range> in) {
        List<Range> out = new ArrayList<>(in);
        boolean merged = true;
        while (merged) {
            merged = false;
            outer:
            for (int x = 0; x < out.size(); x++) {
                for (int y = x + 1; y < out.size(); y++) {
                    Range p = out.get(x);
                    Range q = out.get(y);
                    if (q.first() <= satAdd(p.last(), COALESCE_GAP + 1) && p.first() <= satAdd(q.last(), COALESCE_GAP + 1)) {
                        out.set(x, new Range(Math.min(p.first(), q.first()), Math.max(p.last(), q.last())));
                        out.remove(y);
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static long satAdd(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }
}
