package sifr.http.internal.route;

import java.util.Arrays;
import sifr.http.internal.route.RoutePattern.Segment;

/**
 * The patterns of one method (or of "every method") as a segment tree, searched literal child first,
 * then the one-segment wildcard, then the rest wildcard, backtracking on a dead end. Because
 * conflicting patterns are refused at registration, the first pattern this order finds is the most
 * specific one that matches (the argument of Go's {@code ServeMux}): a literal never matches fewer
 * requests than a wildcard in the same place. Built once per registration and never changed after,
 * so lookups need no lock.
 *
 * <p>A lookup returns only the route: where its wildcards are in the path follows from the pattern
 * (a pattern's segment {@code k} matched the path's segment {@code k}), so the walk records nothing
 * and allocates nothing. It runs either on a raw target by offsets ({@link RawPath}, the common case)
 * or on a split and decoded {@link PathSegments}.
 *
 * <p>The raw walk hashes each segment as it finds its end (the hash of {@code String.hashCode},
 * computed over the path region without a copy) and compares it with the literal children's hashes,
 * then the one key that has it character by character. A node with up to {@value #SCAN_LIMIT} literal
 * children scans their hashes; a wider node also keeps an open-addressing table keyed by them.
 *
 * @param <R> what a pattern leads to (the router's route)
 */
public final class RouteTree<R> {
    /** Up to this many literal children a node is scanned; beyond, looked up by hash. */
    static final int SCAN_LIMIT = 8;

    private final Node<R> root = new Node<>();

    private static final class Node<R> {
        String[] literalKeys = new String[0];
        int[] literalHashes = new int[0]; // literalKeys[i].hashCode()
        Node<R>[] literalNodes = newNodes(0);
        // only with more than SCAN_LIMIT literal children: a power-of-two table, linear probing
        String[] wideKeys;
        Node<R>[] wideNodes;
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
            literalHashes = Arrays.copyOf(literalHashes, literalHashes.length + 1);
            literalHashes[literalHashes.length - 1] = key.hashCode();
            literalNodes[literalNodes.length - 1] = n;
            if (literalKeys.length > SCAN_LIMIT) {
                rebuildWide();
            }
            return n;
        }

        /** A table at most half full, so that a probe for a missing key ends soon at an empty slot. */
        private void rebuildWide() {
            int size = Integer.highestOneBit(literalKeys.length * 4 - 1);
            wideKeys = new String[size];
            wideNodes = newNodes(size);
            for (int i = 0; i < literalKeys.length; i++) {
                int slot = literalKeys[i].hashCode() & (size - 1);
                while (wideKeys[slot] != null) {
                    slot = (slot + 1) & (size - 1);
                }
                wideKeys[slot] = literalKeys[i];
                wideNodes[slot] = literalNodes[i];
            }
        }

        /**
         * The literal child for the raw segment {@code path[start, stop)} whose {@code String.hashCode}
         * is {@code hash}, or null: keys are told apart by hash, and only a key with the same hash is
         * compared character by character (one comparison per hit, short segments are cheap to hash).
         */
        Node<R> findLiteral(String path, int start, int stop, int hash) {
            int len = stop - start;
            if (wideKeys != null) {
                int mask = wideKeys.length - 1;
                for (int slot = hash & mask; wideKeys[slot] != null; slot = (slot + 1) & mask) {
                    String key = wideKeys[slot];
                    if (key.hashCode() == hash && key.length() == len && path.regionMatches(start, key, 0, len)) {
                        return wideNodes[slot];
                    }
                }
                return null;
            }
            int[] hashes = literalHashes;
            for (int i = 0; i < hashes.length; i++) {
                if (hashes[i] == hash) {
                    String key = literalKeys[i];
                    if (key.length() == len && path.regionMatches(start, key, 0, len)) {
                        return literalNodes[i];
                    }
                }
            }
            return null;
        }

        /** The literal child for decoded segment {@code at}, or null. */
        Node<R> findLiteral(PathSegments path, int at) {
            if (wideKeys != null) {
                String segment = path.segment(at);
                int mask = wideKeys.length - 1;
                for (int slot = segment.hashCode() & mask; wideKeys[slot] != null; slot = (slot + 1) & mask) {
                    if (wideKeys[slot].equals(segment)) {
                        return wideNodes[slot];
                    }
                }
                return null;
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
     * The most specific route for the origin-form {@code target} (path and query), matched raw, or
     * null: also null when a segment the match needs has a {@code %}, is {@code .} or {@code ..} or
     * is an empty inner one, or a rest wildcard's part of the path has one or too many segments;
     * such a target is for the split path ({@link RawPath#cleanEnd} tells which). So a hit means
     * the whole path is clean: its segments up to a rest were checked on the way, the rest after.
     */
    public R find(String target) {
        return find(root, target, 1, 0);
    }

    /**
     * {@code start}: where this segment begins, -1 past the last one;
     * {@code depth}: segments before it. A segment with {@code %}, a dot segment or an empty inner
     * one ends the whole walk with null, not just this branch: every match must pass it or cover it
     * with a rest wildcard, whose check refuses it too.
     */
    private R find(Node<R> node, String path, int start, int depth) {
        if (start < 0) {
            return node.here;
        }
        // one pass over the segment finds its end, checks it and hashes it (String.hashCode's), no substring
        int n = path.length();
        int stop = start;
        int hash = 0;
        for (; stop < n; stop++) {
            char c = path.charAt(stop);
            if (c == '/' || c == '?') {
                break;
            }
            if (c == '%') {
                return null;
            }
            hash = 31 * hash + c;
        }
        boolean last = stop == n || path.charAt(stop) == '?';
        int len = stop - start;
        if (len == 0 && !last || RawPath.isDots(path, start, len)) {
            return null;
        }
        int next = last ? -1 : stop + 1;
        Node<R> child = node.findLiteral(path, start, stop, hash);
        if (child != null) {
            R r = find(child, path, next, depth + 1);
            if (r != null) {
                return r;
            }
        }
        if (node.wildcard != null && len > 0) {
            R r = find(node.wildcard, path, next, depth + 1);
            if (r != null) {
                return r;
            }
        }
        return node.rest != null && RawPath.cleanEnd(path, start, depth) >= 0 ? node.rest : null;
    }

    /** The most specific route for the split path, or null. */
    public R find(PathSegments path) {
        return find(root, path, 0);
    }

    private R find(Node<R> node, PathSegments path, int at) {
        if (at == path.size()) {
            return node.here;
        }
        Node<R> next = node.findLiteral(path, at);
        if (next != null) {
            R r = find(next, path, at + 1);
            if (r != null) {
                return r;
            }
        }
        if (node.wildcard != null && !path.isEmpty(at)) {
            R r = find(node.wildcard, path, at + 1);
            if (r != null) {
                return r;
            }
        }
        return node.rest;
    }
}
