package sifr.http.internal.files;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request target's path as file-name segments: split on {@code /} first, then each segment
 * percent-decoded strictly (so an encoded {@code %2F} can never add a level), empty and {@code .}
 * segments dropped, {@code ..} applied lexically. Anything a file server must not guess about is a
 * {@link BadPath} (answered 400): a target that is not origin-form, invalid percent-encoding, a NUL, a
 * decoded separator, bytes that are not UTF-8, or a {@code ..} that would climb above the root.
 *
 * @param segments the decoded names from the root down; empty for the root itself
 * @param trailingSlash whether the path ended with {@code /} (the directory form)
 * @param query the raw query (without {@code ?}), or null when the target had none
 */
public record RequestPath(List<String> segments, boolean trailingSlash, String query) {

    /** Longest path accepted (the server's request-line limit bounds it first). */
    public static final int MAX_SEGMENTS = 256;

    /** Why a path was refused; answered 400, the message names the rule (never the path). */
    public static final class BadPath extends Exception {
        public BadPath(String message) {
            super(message, null, false, false);
        }
    }

    public static RequestPath parse(String target) throws BadPath {
        if (target.isEmpty() || target.charAt(0) != '/') {
            throw new BadPath("request target is not an absolute path");
        }
        int q = target.indexOf('?');
        int hash = target.indexOf('#');
        int end = q >= 0 ? q : hash >= 0 ? hash : target.length();
        String query = q >= 0 ? target.substring(q + 1, hash > q ? hash : target.length()) : null;
        String path = target.substring(0, end);
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int stop = slash < 0 ? path.length() : slash;
            String segment = decode(path, start, stop);
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new BadPath("path climbs above the root");
                }
                segments.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                if (segments.size() == MAX_SEGMENTS) {
                    throw new BadPath("path has more than " + MAX_SEGMENTS + " segments");
                }
                segments.add(segment);
            }
            start = stop + 1;
        }
        boolean trailingSlash = path.endsWith("/");
        return new RequestPath(List.copyOf(segments), trailingSlash, query);
    }

    /** The segment {@code path[from, to)} percent-decoded as UTF-8. */
    static String decode(String path, int from, int to) throws BadPath {
        if (path.indexOf('%', from) < 0 || path.indexOf('%', from) >= to) {
            String plain = path.substring(from, to);
            check(plain);
            return plain;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c == '%') {
                int hi = i + 2 < to ? Character.digit(path.charAt(i + 1), 16) : -1;
                int lo = i + 2 < to ? Character.digit(path.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new BadPath("invalid percent-encoding in path");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new BadPath("path is not UTF-8");
        }
        check(decoded);
        return decoded;
    }

    private static void check(String segment) throws BadPath {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == 0) {
                throw new BadPath("NUL in path");
            }
            if (c == '/' || c == '\\') {
                throw new BadPath("encoded separator in path segment");
            }
            if (c < 0x20 || c == 0x7f) {
                throw new BadPath("control character in path");
            }
        }
    }

    /** Whether any segment names a dotfile ({@code .git}, {@code .env}). */
    public boolean hasDotSegment() {
        for (String s : segments) {
            if (s.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The path re-encoded (each segment percent-encoded), with {@code /} at the end when {@code slash}. */
    public String encoded(boolean slash) {
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            b.append('/').append(encodeSegment(s));
        }
        if (slash || segments.isEmpty()) {
            b.append('/');
        }
        return b.toString();
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters and a few safe sub-delims. */
    public static String encodeSegment(String segment) {
        StringBuilder b = new StringBuilder(segment.length() + 8);
        for (byte x : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '!' || c == '$' || c == '&'
                    || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';'
                    || c == '=' || c == ':' || c == '@') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
