package sifr.http.internal.h2;

/**
 * The last {@code capacity} closed streams and how each closed: a frame that arrives for one of them
 * gets the treatment RFC 9113 §5.1 prescribes for its kind of closure (ignored after our RST_STREAM,
 * STREAM_CLOSED after the peer's END_STREAM). Oldest forgotten first; no allocation per stream beyond
 * the lifecycle itself. Not thread-safe (the connection's lock guards it).
 */
final class RecentlyClosed {
    private final int[] ring;
    private final IntMap<StreamLifecycle> byId;
    private int next;

    RecentlyClosed(int capacity) {
        ring = new int[capacity];
        byId = new IntMap<>(capacity);
    }

    void add(StreamLifecycle life) {
        int evicted = ring[next];
        if (evicted != 0) {
            byId.remove(evicted);
        }
        ring[next] = life.streamId();
        byId.put(life.streamId(), life);
        next = next + 1 == ring.length ? 0 : next + 1;
    }

    StreamLifecycle get(int id) {
        return byId.get(id);
    }

    boolean contains(int id) {
        return byId.get(id) != null;
    }
}
