package sifr.http.internal.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import sifr.http.Method;

/**
 * A parsed route pattern in the style of Go 1.22's {@code ServeMux}: {@code [METHOD ]/path}, where each
 * path segment is a literal, a wildcard {@code {name}} (one non-empty segment), a rest wildcard
 * {@code {name...}} (the rest of the path, last only) or {@code {$}} (the end, after a slash, last
 * only). A path that ends in {@code /} matches everything below it (an anonymous rest wildcard).
 *
 * <p>Representation: a trailing {@code /} is a rest segment without a name; {@code {$}} is the literal
 * empty segment (a request path {@code /a/} splits into {@code ["a", ""]}). Literal segments are
 * stored percent-decoded, since requests are compared segment by segment after decoding.
 */
public final class RoutePattern {
    /** Most segments one pattern may have: bounds the matcher's recursion. */
    public static final int MAX_SEGMENTS = 64;

    /** One pattern segment. */
    /** {@code text}: literal text (decoded), a one-segment wildcard's name, or a rest wildcard's name ("" if anonymous). */
    public record Segment(Kind kind, String text) {
    }

    /** The kinds of segment. */
    public enum Kind { LITERAL, WILDCARD, REST }

    private final String text;
    private final Method method; // null: every method
    private final List<Segment> segments;
    private final List<String> names;

    private RoutePattern(String text, Method method, List<Segment> segments, List<String> names) {
        this.text = text;
        this.method = method;
        this.segments = segments;
        this.names = names;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException {@code invalid route pattern "...": reason}
     */
    public static RoutePattern parse(String pattern) {
        if (pattern == null) {
            throw new NullPointerException("pattern");
        }
        int space = pattern.indexOf(' ');
        Method method = null;
        String path = pattern;
        if (space >= 0) {
            String m = pattern.substring(0, space);
            try {
                method = Method.of(m);
            } catch (IllegalArgumentException e) {
                throw invalid(pattern, "the method is not a token");
            }
            path = pattern.substring(space + 1);
            if (path.startsWith(" ")) {
                throw invalid(pattern, "one space goes between method and path");
            }
        }
        if (!path.startsWith("/")) {
            throw invalid(pattern, path.isEmpty() ? "the path is missing"
                    : "the path must start with / (host patterns are not supported)");
        }
        List<Segment> segments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.isEmpty()) {
                if (!last) {
                    throw invalid(pattern, "empty segment (//)");
                }
                // "/" at the end (or the pattern "/"): everything below
                segments.add(new Segment(Kind.REST, ""));
                continue;
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                String inner = part.substring(1, part.length() - 1);
                if (inner.equals("$")) {
                    if (!last) {
                        throw invalid(pattern, "{$} must be the last segment");
                    }
                    segments.add(new Segment(Kind.LITERAL, ""));
                    continue;
                }
                boolean rest = inner.endsWith("...");
                String name = rest ? inner.substring(0, inner.length() - 3) : inner;
                if (!isIdentifier(name)) {
                    throw invalid(pattern, "wildcard name " + quote(name) + " is not an identifier");
                }
                if (rest && !last) {
                    throw invalid(pattern, "{" + name + "...} must be the last segment");
                }
                if (!seen.add(name)) {
                    throw invalid(pattern, "duplicate wildcard name " + quote(name));
                }
                names.add(name);
                segments.add(new Segment(rest ? Kind.REST : Kind.WILDCARD, name));
                continue;
            }
            if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                throw invalid(pattern, "a wildcard must be a whole segment: " + quote(part));
            }
            String decoded = PathSegments.decode(part);
            if (decoded == null) {
                throw invalid(pattern, "bad percent-encoding or character in " + quote(part));
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                throw invalid(pattern, "dot segments never match (request paths are cleaned first)");
            }
            segments.add(new Segment(Kind.LITERAL, decoded));
        }
        if (segments.size() > MAX_SEGMENTS) {
            throw invalid(pattern, "more than " + MAX_SEGMENTS + " segments");
        }
        return new RoutePattern(pattern, method, List.copyOf(segments), List.copyOf(names));
    }

    private static IllegalArgumentException invalid(String pattern, String why) {
        return new IllegalArgumentException("invalid route pattern " + quote(pattern) + ": " + why);
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    /** The method, or null for a pattern that matches every method. */
    public Method method() {
        return method;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The wildcard names in path order. */
    public List<String> names() {
        return names;
    }

    /** True when the last segment is a rest wildcard with a name ({@code {path...}}). */
    public boolean hasNamedRest() {
        Segment last = segments.get(segments.size() - 1);
        return last.kind() == Kind.REST && !last.text().isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
