package sifr.http;

import java.util.Arrays;
import sifr.http.internal.KeyedHash;

/**
 * The storage behind {@link HeaderMap} and its builder: entries in insertion order in parallel
 * arrays, and an open-addressing index from each distinct name (by its keyed hash) to the first and
 * last entry of that name; entries of one name are chained through {@code next}. Lookups by a
 * {@code String} hash it case-insensitively in place and compare in place: no allocation.
 *
 * <p>Small tables (at most {@link #LINEAR_MAX} entries, nearly every request and response) have no
 * index: a lookup compares the keyed hash of each entry's name in turn, which is as fast as probing at
 * that size and spares every message three index arrays. The index is built when the table grows past
 * that size; a peer cannot slow the linear scan down by colliding names, its length is bounded.
 * Not thread-safe; {@link HeaderMap} never mutates a table it has published.
 */
final class HeaderTable {
    static final int MAX_FIELDS = 1024;
    static final long MAX_SECTION_BYTES = 1024 * 1024;
    static final String TOO_MANY = "too many HTTP headers";
    static final String TOO_LARGE = "header section is too large";
    /** Largest table searched linearly, without an index. */
    static final int LINEAR_MAX = 16;

    HeaderName[] names;
    HeaderValue[] values;
    int[] next; // next entry with the same name, or -1
    int size;
    long sectionBytes;

    // index over distinct names, null while size <= LINEAR_MAX; slots hold first-entry index + 1 (0 = empty)
    private int[] slots;
    private int[] slotHash;
    private int[] slotTail;
    private int distinct;

    HeaderTable(int capacity) {
        int cap = Math.max(4, capacity);
        names = new HeaderName[cap];
        values = new HeaderValue[cap];
        next = new int[cap];
    }

    HeaderTable copy() {
        HeaderTable t = new HeaderTable(0);
        t.names = names.clone();
        t.values = values.clone();
        t.next = next.clone();
        t.size = size;
        t.sectionBytes = sectionBytes;
        if (slots != null) {
            t.slots = slots.clone();
            t.slotHash = slotHash.clone();
            t.slotTail = slotTail.clone();
        }
        t.distinct = distinct;
        return t;
    }

    void add(HeaderName name, HeaderValue value) {
        if (size >= MAX_FIELDS) {
            throw new HeaderError(TOO_MANY);
        }
        long bytes = sectionBytes + name.length() + value.length();
        if (bytes > MAX_SECTION_BYTES) {
            throw new HeaderError(TOO_LARGE);
        }
        if (size == names.length) {
            int cap = Math.min(MAX_FIELDS, size * 2);
            names = Arrays.copyOf(names, cap);
            values = Arrays.copyOf(values, cap);
            next = Arrays.copyOf(next, cap);
        }
        int index = size++;
        names[index] = name;
        values[index] = value;
        next[index] = -1;
        sectionBytes = bytes;
        if (slots != null) {
            link(index);
        } else if (size > LINEAR_MAX) {
            reindex(Integer.highestOneBit(size * 2 - 1) << 1);
        } else {
            linkLinear(index);
        }
    }

    /** Without an index: makes entry {@code index} the tail of the chain of the last earlier entry of its name. */
    private void linkLinear(int index) {
        HeaderName name = names[index];
        int hash = name.keyedHash();
        for (int i = index - 1; i >= 0; i--) {
            if (names[i].keyedHash() == hash && names[i].equals(name)) {
                next[i] = index;
                return;
            }
        }
    }

    /** Adds entry {@code index} to the index: a new distinct name, or the tail of its name's chain. */
    private void link(int index) {
        HeaderName name = names[index];
        int hash = name.keyedHash();
        int mask = slots.length - 1;
        int i = hash & mask;
        while (slots[i] != 0) {
            if (slotHash[i] == hash && names[slots[i] - 1].equals(name)) {
                next[slotTail[i]] = index;
                slotTail[i] = index;
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = index + 1;
        slotHash[i] = hash;
        slotTail[i] = index;
        if (++distinct * 2 > slots.length) {
            reindex(slots.length * 2);
        }
    }

    private void reindex(int slotCount) {
        if (size <= LINEAR_MAX) {
            slots = null;
            slotHash = null;
            slotTail = null;
            for (int i = 0; i < size; i++) {
                next[i] = -1;
                linkLinear(i);
            }
            return;
        }
        slots = new int[Math.max(32, slotCount)];
        slotHash = new int[slots.length];
        slotTail = new int[slots.length];
        distinct = 0;
        for (int i = 0; i < size; i++) {
            next[i] = -1;
            link(i);
        }
    }

    /** Index of the first entry named {@code name} (any case), or -1. Allocates nothing. */
    int find(CharSequence name) {
        if (slots == null) {
            // no hashing at this size: most entries differ in length, the rest are compared in place
            int length = name.length();
            for (int i = 0; i < size; i++) {
                if (names[i].length() == length && names[i].equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }
        int hash = KeyedHash.ofIgnoreCase(name);
        int mask = slots.length - 1;
        for (int i = hash & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (slotHash[i] == hash && names[slots[i] - 1].equalsIgnoreCase(name)) {
                return slots[i] - 1;
            }
        }
        return -1;
    }

    /** Index of the first entry named {@code name}, or -1. */
    int find(HeaderName name) {
        int hash = name.keyedHash();
        if (slots == null) {
            for (int i = 0; i < size; i++) {
                HeaderName n = names[i];
                if (n == name || (n.keyedHash() == hash && n.equals(name))) {
                    return i;
                }
            }
            return -1;
        }
        int mask = slots.length - 1;
        for (int i = hash & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (slotHash[i] == hash && names[slots[i] - 1].equals(name)) {
                return slots[i] - 1;
            }
        }
        return -1;
    }

    /** Removes every entry from {@code first} on along its chain; returns whether any was removed. */
    boolean removeChain(int first) {
        if (first < 0) {
            return false;
        }
        boolean[] drop = new boolean[size];
        for (int i = first; i >= 0; i = next[i]) {
            drop[i] = true;
        }
        compact(drop);
        return true;
    }

    /** Replaces every value of the name at {@code first} by {@code value}, at the first one's position. */
    void replaceChain(int first, HeaderValue value) {
        long bytes = sectionBytes - values[first].length() + value.length();
        for (int i = next[first]; i >= 0; i = next[i]) {
            bytes -= names[i].length() + values[i].length();
        }
        if (bytes > MAX_SECTION_BYTES) {
            throw new HeaderError(TOO_LARGE);
        }
        values[first] = value;
        if (next[first] >= 0) {
            boolean[] drop = new boolean[size];
            for (int i = next[first]; i >= 0; i = next[i]) {
                drop[i] = true;
            }
            compact(drop);
        }
        sectionBytes = bytes;
    }

    private void compact(boolean[] drop) {
        int w = 0;
        long bytes = 0;
        for (int r = 0; r < size; r++) {
            if (!drop[r]) {
                names[w] = names[r];
                values[w] = values[r];
                bytes += names[w].length() + values[w].length();
                w++;
            }
        }
        Arrays.fill(names, w, size, null);
        Arrays.fill(values, w, size, null);
        size = w;
        sectionBytes = bytes;
        reindex(slots == null ? 0 : slots.length);
    }
}
