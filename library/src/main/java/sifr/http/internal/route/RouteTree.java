package sifr.http.internal.route;

import java.util.HashMap;
import java.util.Map;
import sifr.http.internal.route.RoutePattern.Segment;

/**
 * The patterns of one method (or of "every method") as a segment tree, searched literal child first,
 * then the one-segment wildcard, then the rest wildcard, backtracking on a dead end. Because
 * conflicting patterns are refused at registration, the first pattern this order finds is the most
 * specific one that matches (the argument of Go's {@code ServeMux}): a literal never matches fewer
 * requests than a wildcard in the same place. Built once per registration and never changed after,
 * so lookups need no lock.
 *
 * @param <R> what a pattern leads to (the router's route)
 */
public final class RouteTree<R> {
    private final Node<R> root = new Node<>();

    private static final class Node<R> {
        Map<String, Node<R>> literals;
        Node<R> wildcard;
        R here;      // a pattern ends exactly at this node
        R rest;      // a rest wildcard at this position
    }

    /** A found route: the values of its wildcards in path order, and where its rest wildcard began. */
    public record Match<R>(R route, String[] values, int restStart) {
    }

    /** Adds {@code pattern} leading to {@code route} (the caller has refused conflicts). */
    public void add(RoutePattern pattern, R route) {
        Node<R> node = root;
        for (Segment s : pattern.segments()) {
            switch (s.kind()) {
                case LITERAL -> {
                    if (node.literals == null) {
                        node.literals = new HashMap<>();
                    }
                    node = node.literals.computeIfAbsent(s.text(), k -> new Node<>());
                }
                case WILDCARD -> {
                    if (node.wildcard == null) {
                        node.wildcard = new Node<>();
                    }
                    node = node.wildcard;
                }
                case REST -> {
                    node.rest = route;
                    return;
                }
            }
        }
        node.here = route;
    }

    /**
     * The most specific route for {@code path}, or null. {@code wildcards} is how many wildcard values
     * a route of this tree may have (the values array's size).
     */
    public Match<R> find(PathSegments path, int wildcards) {
        String[] values = new String[wildcards];
        int[] restStart = new int[1];
        R found = find(root, path.decoded, 0, values, 0, restStart);
        return found == null ? null : new Match<>(found, values, restStart[0]);
    }

    private R find(Node<R> node, String[] segments, int at, String[] values, int depth, int[] restStart) {
        if (at == segments.length) {
            return node.here;
        }
        String segment = segments[at];
        if (node.literals != null) {
            Node<R> next = node.literals.get(segment);
            if (next != null) {
                R r = find(next, segments, at + 1, values, depth, restStart);
                if (r != null) {
                    return r;
                }
            }
        }
        if (node.wildcard != null && !segment.isEmpty()) {
            R r = find(node.wildcard, segments, at + 1, values, depth + 1, restStart);
            if (r != null) {
                values[depth] = segment;
                return r;
            }
        }
        if (node.rest != null) {
            restStart[0] = at;
            return node.rest;
        }
        return null;
    }
}
