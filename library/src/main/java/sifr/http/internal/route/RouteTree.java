package sifr.http.internal.route;

import java.util.Arrays;
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
 * <p>Literal children are compared in place against the request path (no substring, no hash) while a
 * node has at most {@value #SCAN_LIMIT}; a wider node also keeps a hash map.
 *
 * @param <R> what a pattern leads to (the router's route)
 */
public final class RouteTree<R> {
    /** Up to this many literal children a node is scanned; beyond, looked up by hash. */
    static final int SCAN_LIMIT = 8;

    private final Node<R> root = new Node<>();

    private static final class Node<R> {
        String[] literalKeys = new String[0];
        Node<R>[] literalNodes = newNodes(0);
        Map<String, Node<R>> wide; // only with more than SCAN_LIMIT literal children
        Node<R> wildcard;
        R here;      // a pattern ends exactly at this node
        R rest;      // a rest wildcard at this position

        Node<R> literal(String key) {
            for (int i = 0; i < literalKeys.length; i++) {
                if (literalKeys[i].equals(key)) {
                    return literalNodes[i];
                }
            }
            Node<R> n = new Node<>();
            literalKeys = Arrays.copyOf(literalKeys, literalKeys.length + 1);
            literalNodes = Arrays.copyOf(literalNodes, literalNodes.length + 1);
            literalKeys[literalKeys.length - 1] = key;
            literalNodes[literalNodes.length - 1] = n;
            if (wide != null) {
                wide.put(key, n);
            } else if (literalKeys.length > SCAN_LIMIT) {
                wide = new HashMap<>();
                for (int i = 0; i < literalKeys.length; i++) {
                    wide.put(literalKeys[i], literalNodes[i]);
                }
            }
            return n;
        }

        Node<R> findLiteral(PathSegments path, int at) {
            if (wide != null) {
                return wide.get(path.segment(at));
            }
            for (int i = 0; i < literalKeys.length; i++) {
                if (path.segmentEquals(at, literalKeys[i])) {
                    return literalNodes[i];
                }
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        private static <R> Node<R>[] newNodes(int n) {
            return (Node<R>[]) new Node<?>[n];
        }
    }

    /** A found route: the values of its one-segment wildcards in path order, where its rest wildcard began. */
    public static final class Match<R> {
        private R route;
        private final String[] values;
        private int restStart;

        Match(int wildcards) {
            this.values = new String[wildcards];
        }

        public R route() {
            return route;
        }

        public String[] values() {
            return values;
        }

        public int restStart() {
            return restStart;
        }
    }

    /** Adds {@code pattern} leading to {@code route} (the caller has refused conflicts). */
    public void add(RoutePattern pattern, R route) {
        Node<R> node = root;
        for (Segment s : pattern.segments()) {
            switch (s.kind()) {
                case LITERAL -> node = node.literal(s.text());
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
     * The most specific route for {@code path}, or null. {@code wildcards} is how many one-segment
     * wildcard values a route of this tree may have (the values array's size).
     */
    public Match<R> find(PathSegments path, int wildcards) {
        Match<R> m = new Match<>(wildcards);
        m.route = find(root, path, 0, m, 0);
        return m.route == null ? null : m;
    }

    private R find(Node<R> node, PathSegments path, int at, Match<R> m, int depth) {
        if (at == path.size()) {
            return node.here;
        }
        Node<R> next = node.findLiteral(path, at);
        if (next != null) {
            R r = find(next, path, at + 1, m, depth);
            if (r != null) {
                return r;
            }
        }
        if (node.wildcard != null && !path.isEmpty(at)) {
            R r = find(node.wildcard, path, at + 1, m, depth + 1);
            if (r != null) {
                m.values[depth] = path.segment(at);
                return r;
            }
        }
        if (node.rest != null) {
            m.restStart = at;
            return node.rest;
        }
        return null;
    }
}
