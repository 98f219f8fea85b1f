package sifr.http.internal.route;

import java.util.List;
import sifr.http.Method;
import sifr.http.internal.route.RoutePattern.Kind;
import sifr.http.internal.route.RoutePattern.Segment;

/**
 * How two patterns relate by the sets of requests they match (Go 1.22 {@code ServeMux}'s rule): one
 * is more specific when it matches a strict subset of the other's requests, and then wins where both
 * match. Two patterns that match the same requests (equivalent), or some common requests while each
 * also matches requests the other does not (overlapping), conflict: no request could say which one
 * to take, so the router refuses the second at registration.
 */
public enum PatternRelation {
    EQUIVALENT, MORE_SPECIFIC, MORE_GENERAL, OVERLAPS, DISJOINT;

    /** The relation of {@code a} to {@code b}: method and path compared separately, then combined. */
    public static PatternRelation of(RoutePattern a, RoutePattern b) {
        PatternRelation methods = methods(a.method(), b.method());
        if (methods == DISJOINT) {
            return DISJOINT;
        }
        return methods.combine(paths(a.segments(), b.segments()));
    }

    /** True when registering both would leave some request without a most specific pattern. */
    public boolean isConflict() {
        return this == EQUIVALENT || this == OVERLAPS;
    }

    private static PatternRelation methods(Method a, Method b) {
        if (a == null && b == null || a != null && a.equals(b)) {
            return EQUIVALENT;
        }
        if (a == null) {
            return MORE_GENERAL;
        }
        if (b == null) {
            return MORE_SPECIFIC;
        }
        // a GET pattern also answers HEAD requests, so HEAD is the narrower of the two
        if (a.equals(Method.GET) && b.equals(Method.HEAD)) {
            return MORE_GENERAL;
        }
        if (a.equals(Method.HEAD) && b.equals(Method.GET)) {
            return MORE_SPECIFIC;
        }
        return DISJOINT;
    }

    private static PatternRelation paths(List<Segment> a, List<Segment> b) {
        PatternRelation rel = EQUIVALENT;
        int i = 0;
        for (; i < a.size() && i < b.size(); i++) {
            Segment x = a.get(i);
            Segment y = b.get(i);
            if (x.kind() == Kind.REST || y.kind() == Kind.REST) {
                // a rest segment matches one or more request segments: it covers whatever the other has left
                PatternRelation tail = x.kind() == Kind.REST && y.kind() == Kind.REST ? EQUIVALENT
                        : x.kind() == Kind.REST ? MORE_GENERAL : MORE_SPECIFIC;
                return rel.combine(tail);
            }
            rel = rel.combine(segments(x, y));
            if (rel == DISJOINT) {
                return DISJOINT;
            }
        }
        // one ran out without a rest segment: they differ in length, no request matches both
        return i == a.size() && i == b.size() ? rel : DISJOINT;
    }

    private static PatternRelation segments(Segment x, Segment y) {
        boolean xWild = x.kind() == Kind.WILDCARD;
        boolean yWild = y.kind() == Kind.WILDCARD;
        if (xWild && yWild) {
            return EQUIVALENT;
        }
        if (xWild || yWild) {
            String literal = xWild ? y.text() : x.text();
            if (literal.isEmpty()) {
                return DISJOINT; // {$} matches the empty last segment, which a wildcard never takes
            }
            return xWild ? MORE_GENERAL : MORE_SPECIFIC;
        }
        return x.text().equals(y.text()) ? EQUIVALENT : DISJOINT;
    }

    private PatternRelation inverse() {
        return switch (this) {
            case MORE_GENERAL -> MORE_SPECIFIC;
            case MORE_SPECIFIC -> MORE_GENERAL;
            default -> this;
        };
    }

    /** The relation of two patterns whose parts relate as {@code this} and then {@code next}. */
    PatternRelation combine(PatternRelation next) {
        return switch (this) {
            case EQUIVALENT -> next;
            case DISJOINT -> DISJOINT;
            case OVERLAPS -> next == DISJOINT ? DISJOINT : OVERLAPS;
            case MORE_GENERAL, MORE_SPECIFIC -> next == EQUIVALENT ? this
                    : next == inverse() ? OVERLAPS : next;
        };
    }

    /** A request path both patterns match, for the conflict message. */
    public static String commonPath(RoutePattern a, RoutePattern b) {
        StringBuilder sb = new StringBuilder();
        List<Segment> x = a.segments();
        List<Segment> y = b.segments();
        int n = Math.max(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            Segment s = i < x.size() ? x.get(i) : null;
            Segment t = i < y.size() ? y.get(i) : null;
            Segment pick = s == null || s.kind() == Kind.REST ? t : t == null || t.kind() == Kind.REST ? s
                    : s.kind() == Kind.LITERAL ? s : t;
            if (s != null && s.kind() == Kind.REST && t != null && t.kind() == Kind.REST) {
                pick = s;
            }
            sb.append('/');
            if (pick == null) {
                continue;
            }
            sb.append(switch (pick.kind()) {
                case LITERAL -> pick.text();
                case WILDCARD -> pick.text();
                case REST -> "x";
            });
            if (pick.kind() == Kind.REST) {
                break;
            }
        }
        return sb.toString();
    }
}
