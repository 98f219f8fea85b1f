package sifr.http;

import java.util.Arrays;
import sifr.http.internal.KeyedHash;

/**
 * The storage behind {@link HeaderMap} and its builder: entries in insertion order in parallel
 * arrays, and an open-addressing index from each distinct name (by its keyed hash) to the first and
 * last entry of that name; entries of one name are chained through {@code next}. Lookups by a
 * {@code String} hash it case-insensitively in place and compare in place: no allocation.
 * Not thread-safe; {@link HeaderMap} never mutates a table it has published.
 */
final class HeaderTable {
    static final int MAX_FIELDS = 1024;
    static final long MAX_SECTION_BYTES = 1024 * 1024;
    static final String TOO_MANY = "too many HTTP headers";
    static final String TOO_LARGE = "header section is too large";

    HeaderName[] names;
    HeaderValue[] values;
    int[] next; // next entry with the same name, or -1
    int size;
    long sectionBytes;

    // index over distinct names; slots hold first-entry index + 1 (0 = empty)
    private int[] slots;
    private int[] slotHash;
    private int[] slotTail;
    private int distinct;

    HeaderTable(int capacity) {
        int cap = Math.max(4, capacity);
        names = new HeaderName[cap];
        values = new HeaderValue[cap];
        next = new int[cap];
        int slotCount = Integer.highestOneBit(Math.max(8, cap * 2 - 1)) << 1;
        slots = new int[slotCount];
        slotHash = new int[slotCount];
        slotTail = new int[slotCount];
    }

    HeaderTable copy() {
        HeaderTable t = new HeaderTable(0);
        t.names = names.clone();
        t.values = values.clone();
        t.next = next.clone();
        t.size = size;
        t.sectionBytes = sectionBytes;
        t.slots = slots.clone();
        t.slotHash = slotHash.clone();
        t.slotTail = slotTail.clone();
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
        link(index);
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
        slots = new int[slotCount];
        slotHash = new int[slotCount];
        slotTail = new int[slotCount];
        distinct = 0;
        for (int i = 0; i < size; i++) {
            next[i] = -1;
            link(i);
        }
    }

    /** Index of the first entry named {@code name} (any case), or -1. Allocates nothing. */
    int find(CharSequence name) {
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
        reindex(slots.length);
    }
}
