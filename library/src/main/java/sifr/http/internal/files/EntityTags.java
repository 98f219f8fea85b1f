package sifr.http.internal.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Entity tags (RFC 9110 §8.8.3) of files and the comparisons of §8.8.3.2. A file's tag is strong and
 * made of its size and modification time: {@code "<mtime µs, hex>-<size, hex>"}, with {@code -br} or
 * {@code -gz} appended inside the quotes for a precompressed sibling (another representation, so
 * another tag). Like nginx's tag (seconds and size) it changes whenever a write changes the size or
 * moves the mtime; a same-size rewrite within one microsecond would go unnoticed.
 */
public final class EntityTags {
    /** Most tags read from one header field; the rest are ignored (a bounded list). */
    public static final int MAX_TAGS = 64;

    private EntityTags() {
    }

    public static String of(long size, long mtimeMicros, String suffix) {
        return "\"" + Long.toHexString(mtimeMicros) + "-" + Long.toHexString(size) + suffix + "\"";
    }

    /** A parsed If-Match / If-None-Match value: {@code *}, or the tags listed. */
    public record TagList(boolean any, List<String> tags) {
        /** Strong comparison (§8.8.3.2): both strong and the same opaque-tag. */
        boolean matchesStrongly(String etag) {
            if (any) {
                return true;
            }
            for (String t : tags) {
                if (!t.startsWith("W/") && t.equals(etag)) {
                    return true;
                }
            }
            return false;
        }

        /** Weak comparison: the opaque-tags are the same, either or both may be weak. */
        boolean matchesWeakly(String etag) {
            if (any) {
                return true;
            }
            String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
            for (String t : tags) {
                if ((t.startsWith("W/") ? t.substring(2) : t).equals(bare)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Parses {@code "*" / #entity-tag}; malformed members are skipped (they match nothing), which makes
     * a broken If-Match fail (412) and a broken If-None-Match pass, the safe side of each.
     */
    public static TagList parseList(List<String> fieldValues) {
        List<String> tags = new ArrayList<>();
        for (String value : fieldValues) {
            String v = value.strip();
            if (v.equals("*")) {
                return new TagList(true, List.of());
            }
            int i = 0;
            while (i < v.length() && tags.size() < MAX_TAGS) {
                char c = v.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                    continue;
                }
                int start = i;
                if (v.startsWith("W/", i)) {
                    i += 2;
                }
                if (i >= v.length() || v.charAt(i) != '"') {
                    i = skipMember(v, i);
                    continue;
                }
                int close = v.indexOf('"', i + 1);
                if (close < 0) {
                    break;
                }
                tags.add(v.substring(start, close + 1));
                i = close + 1;
            }
        }
        return new TagList(false, List.copyOf(tags));
    }

    private static int skipMember(String v, int i) {
        int comma = v.indexOf(',', i);
        return comma < 0 ? v.length() : comma + 1;
    }
}
