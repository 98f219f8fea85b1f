package sifr.http.internal.route;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path split at its literal slashes, each segment percent-decoded after the split (so an
 * encoded {@code %2F} stays inside its segment), plus the cleaning rules: a path with dot segments
 * ({@code .}, {@code ..}, also encoded as {@code %2e}) or empty inner segments ({@code //}) is not
 * matched but redirected to its clean form, as Go's {@code ServeMux} does.
 */
public final class PathSegments implements PathResult {
    /** Most segments a request path may have (a request line is bounded anyway; this bounds the arrays). */
    public static final int MAX_SEGMENTS = 1024;

    /** The path as received (escaped). */
    private final String path;
    /** Segment k spans {@code path[bounds[2k], bounds[2k+1])}. */
    private final int[] bounds;
    /** The decoded segments, or null when the path has no '%' (then a segment is its raw text). */
    private final String[] decoded;

    private PathSegments(String path, int[] bounds, String[] decoded) {
        this.path = path;
        this.bounds = bounds;
        this.decoded = decoded;
    }


    /** The path is not clean: send the client to {@code cleanPath} (the query is not part of it). */
    public record Redirect(String cleanPath) implements PathResult {
    }

    /** The path cannot be matched: bad percent-encoding, a NUL, bytes that are not UTF-8, too many segments. */
    public record Bad(String reason) implements PathResult {
    }

    /** Splits {@code path} (origin-form, starts with {@code /}, no query). */
    public static PathResult split(String path) {
        int count = 1;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        if (count > MAX_SEGMENTS) {
            return new Bad("more than " + MAX_SEGMENTS + " path segments");
        }
        int[] bounds = new int[2 * count];
        boolean escaped = path.indexOf('%') >= 0;
        String[] decoded = escaped ? new String[count] : null;
        boolean unclean = false;
        int start = 1;
        for (int k = 0; k < count; k++) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            bounds[2 * k] = start;
            bounds[2 * k + 1] = end;
            int len = end - start;
            if (escaped) {
                String d = decode(path.substring(start, end));
                if (d == null) {
                    return new Bad("bad percent-encoding in path");
                }
                if (d.indexOf('\0') >= 0) {
                    return new Bad("NUL in path");
                }
                decoded[k] = d;
                unclean |= d.equals(".") || d.equals("..");
            } else {
                unclean |= len == 1 && path.charAt(start) == '.' || len == 2 && path.startsWith("..", start);
            }
            unclean |= len == 0 && k < count - 1;
            start = end + 1;
        }
        PathSegments segments = new PathSegments(path, bounds, decoded);
        if (unclean) {
            return new Redirect(segments.clean());
        }
        return segments; // the path split, ready to match
    }

    /** The path without dot segments and empty inner segments; a trailing slash stays. */
    private String clean() {
        List<String> out = new ArrayList<>();
        int last = size() - 1;
        boolean trailingSlash = false;
        for (int k = 0; k <= last; k++) {
            String d = segment(k);
            if (d.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                trailingSlash = k == last;
            } else if (d.equals(".") || d.isEmpty()) {
                trailingSlash = k == last;
            } else {
                out.add(raw(k));
                trailingSlash = false;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String s : out) {
            sb.append('/').append(s);
        }
        if (trailingSlash || sb.isEmpty()) {
            sb.append('/');
        }
        return sb.toString();
    }

    public int size() {
        return bounds.length / 2;
    }

    /** Segment {@code k} as sent (still escaped). */
    String raw(int k) {
        return path.substring(bounds[2 * k], bounds[2 * k + 1]);
    }

    /** Segment {@code k} decoded: a wildcard's value. */
    public String segment(int k) {
        return decoded != null ? decoded[k] : raw(k);
    }

    /** True when segment {@code k} is empty (the last one of a path ending in {@code /}). */
    boolean isEmpty(int k) {
        return bounds[2 * k] == bounds[2 * k + 1];
    }

    /** True when decoded segment {@code k} equals {@code literal}; no copy for an unescaped path. */
    boolean segmentEquals(int k, String literal) {
        if (decoded != null) {
            return decoded[k].equals(literal);
        }
        int start = bounds[2 * k];
        int len = bounds[2 * k + 1] - start;
        return len == literal.length() && path.regionMatches(start, literal, 0, len);
    }

    /** The raw rest of the path from segment {@code from} on, joined with {@code /}. */
    public String rawFrom(int from) {
        return path.substring(bounds[2 * from]);
    }

    /** The decoded rest of the path from segment {@code from} on, joined with {@code /}. */
    public String decodedFrom(int from) {
        if (decoded == null) {
            return rawFrom(from);
        }
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < decoded.length; k++) {
            if (k > from) {
                sb.append('/');
            }
            sb.append(decoded[k]);
        }
        return sb.toString();
    }

    /**
     * Percent-decodes one segment as UTF-8; null for a {@code %} not followed by two hex digits or
     * bytes that are not UTF-8 (strict: such a path gets a 400, not a guess).
     */
    public static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] bytes = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c > 0x7F) {
                return null; // request targets are ASCII; a pattern literal must be too
            } else {
                bytes[n++] = (byte) c;
            }
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
