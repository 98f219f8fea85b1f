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
public final class PathSegments {
    /** Most segments a request path may have (a request line is bounded anyway; this bounds the arrays). */
    public static final int MAX_SEGMENTS = 1024;

    /** The path's raw (still encoded) segments. */
    final String[] raw;
    /** The decoded segments. */
    final String[] decoded;

    private PathSegments(String[] raw, String[] decoded) {
        this.raw = raw;
        this.decoded = decoded;
    }

    /** Outcome of splitting a request path. */
    public sealed interface Result permits Split, Redirect, Bad {
    }

    /** The path split into segments, ready to match. */
    public record Split(PathSegments segments) implements Result {
    }

    /** The path is not clean: send the client to {@code cleanPath} (the query is not part of it). */
    public record Redirect(String cleanPath) implements Result {
    }

    /** The path cannot be matched: bad percent-encoding, a NUL, bytes that are not UTF-8, too many segments. */
    public record Bad(String reason) implements Result {
    }

    /** Splits {@code path} (origin-form, starts with {@code /}, no query). */
    public static Result split(String path) {
        int count = 1;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        if (count > MAX_SEGMENTS) {
            return new Bad("more than " + MAX_SEGMENTS + " path segments");
        }
        String[] raw = new String[count];
        String[] decoded = new String[count];
        boolean unclean = false;
        int start = 1;
        for (int k = 0; k < count; k++) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String r = path.substring(start, end);
            String d = r.indexOf('%') < 0 ? r : decode(r);
            if (d == null) {
                return new Bad("bad percent-encoding in path");
            }
            if (d.indexOf('\0') >= 0) {
                return new Bad("NUL in path");
            }
            raw[k] = r;
            decoded[k] = d;
            unclean |= d.equals(".") || d.equals("..") || (d.isEmpty() && k < count - 1);
            start = end + 1;
        }
        if (unclean) {
            return new Redirect(clean(raw, decoded));
        }
        return new Split(new PathSegments(raw, decoded));
    }

    /** The path without dot segments and empty inner segments; a trailing slash stays. */
    private static String clean(String[] raw, String[] decoded) {
        List<String> out = new ArrayList<>();
        int last = raw.length - 1;
        boolean trailingSlash = false;
        for (int k = 0; k <= last; k++) {
            String d = decoded[k];
            if (d.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                trailingSlash = k == last;
            } else if (d.equals(".") || d.isEmpty()) {
                trailingSlash = k == last;
            } else {
                out.add(raw[k]);
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
        return raw.length;
    }

    /** The raw rest of the path from segment {@code from} on, joined with {@code /}. */
    public String rawFrom(int from) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < raw.length; k++) {
            if (k > from) {
                sb.append('/');
            }
            sb.append(raw[k]);
        }
        return sb.toString();
    }

    /** The decoded rest of the path from segment {@code from} on, joined with {@code /}. */
    public String decodedFrom(int from) {
        if (from == decoded.length - 1) {
            return decoded[from];
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
