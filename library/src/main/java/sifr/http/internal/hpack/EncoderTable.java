package sifr.http.internal.hpack;

/**
 * The encoder's copy of the dynamic table, with a hash index by name so the encoder finds an equal
 * entry (or one with the same name) without scanning. Entries sit in a ring by insertion order and
 * in chains by name hash; both are bounded by the table's maximum size (at most size / 32 entries).
 */
final class EncoderTable {
    private static final int BUCKETS = 64; // power of two

    private static final class Entry {
        final String name;
        final String value;
        final int nameHash;
        final long seq; // insertion number: the newest entry has the highest
        Entry next; // bucket chain, newest first

        Entry(String name, String value, int nameHash, long seq) {
            this.name = name;
            this.value = value;
            this.nameHash = nameHash;
            this.seq = seq;
        }

        int size() {
            return name.length() + value.length() + DynamicTable.ENTRY_OVERHEAD;
        }
    }

    private final Entry[] buckets = new Entry[BUCKETS];
    private Entry[] ring = new Entry[16];
    private int head; // slot of the newest entry
    private int count;
    private long inserted;
    private long size;
    private int maxSize;

    EncoderTable(int maxSize) {
        this.maxSize = maxSize;
    }

    int maxSize() {
        return maxSize;
    }

    long size() {
        return size;
    }

    int length() {
        return count;
    }

    void setMaxSize(int newMax) {
        maxSize = newMax;
        evictTo(newMax);
    }

    /**
     * The HPACK index (62 and up) of an entry equal to {@code (name, value)}, else minus the index of
     * the newest entry with {@code name}, else 0.
     */
    int find(String name, String value) {
        int hash = name.hashCode();
        int nameMatch = 0;
        for (Entry e = buckets[hash & (BUCKETS - 1)]; e != null; e = e.next) {
            if (e.nameHash == hash && e.name.equals(name)) {
                int index = index(e);
                if (e.value.equals(value)) {
                    return index;
                }
                if (nameMatch == 0) {
                    nameMatch = -index;
                }
            }
        }
        return nameMatch;
    }

    private int index(Entry e) {
        return StaticTable.LENGTH + 1 + (int) (inserted - e.seq);
    }

    /** Adds an entry as the decoder will (RFC 7541 §4.4): evict first; an oversized entry just empties the table. */
    void add(String name, String value) {
        long entrySize = (long) name.length() + value.length() + DynamicTable.ENTRY_OVERHEAD;
        if (entrySize > maxSize) {
            evictTo(0);
            return;
        }
        evictTo(maxSize - entrySize);
        if (count == ring.length) {
            grow();
        }
        int hash = name.hashCode();
        Entry e = new Entry(name, value, hash, ++inserted);
        int b = hash & (BUCKETS - 1);
        e.next = buckets[b];
        buckets[b] = e;
        head = (head + 1) & (ring.length - 1);
        ring[head] = e;
        count++;
        size += entrySize;
    }

    private void evictTo(long target) {
        int mask = ring.length - 1;
        while (size > target) {
            int slot = (head - count + 1) & mask;
            Entry oldest = ring[slot];
            ring[slot] = null;
            count--;
            size -= oldest.size();
            unlink(oldest);
        }
    }

    private void unlink(Entry victim) {
        int b = victim.nameHash & (BUCKETS - 1);
        Entry prev = null;
        for (Entry e = buckets[b]; e != null; prev = e, e = e.next) {
            if (e == victim) {
                if (prev == null) {
                    buckets[b] = e.next;
                } else {
                    prev.next = e.next;
                }
                return;
            }
        }
    }

    private void grow() {
        Entry[] bigger = new Entry[ring.length * 2];
        int mask = ring.length - 1;
        for (int i = 0; i < count; i++) { // oldest first
            bigger[i] = ring[(head - count + 1 + i) & mask];
        }
        ring = bigger;
        head = count - 1;
    }
}
