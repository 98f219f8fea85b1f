package sifr.http.internal.hpack;

/**
 * The decoder's dynamic table (RFC 7541 §2.3.2, §4): a ring of entries, newest first, whose size is
 * the sum of {@code name.length + value.length + 32} over its entries and never exceeds the maximum
 * size; adding evicts from the oldest end.
 */
final class DynamicTable {
    /** RFC 7541 §4.1: the per-entry overhead counted in the table size. */
    static final int ENTRY_OVERHEAD = 32;

    private String[] names;
    private String[] values;
    // Per entry, what a HeaderFieldSink decoder made of the name and value (HeaderName/HeaderValue or
    // a marker), so an indexed field is validated once per entry, not once per use; null until then.
    private Object[] typedNames;
    private Object[] typedValues;
    private int head; // slot of the newest entry
    private int count;
    private long size;
    private int maxSize;

    DynamicTable(int maxSize) {
        this.maxSize = maxSize;
        int slots = Integer.highestOneBit(Math.max(8, Math.min(maxSize / ENTRY_OVERHEAD + 1, 1 << 12)) * 2 - 1);
        names = new String[slots];
        values = new String[slots];
        typedNames = new Object[slots];
        typedValues = new Object[slots];
    }

    int length() {
        return count;
    }

    long size() {
        return size;
    }

    int maxSize() {
        return maxSize;
    }

    /** Entry {@code i}, 1 being the newest (HPACK index {@code 61 + i}). Caller checks {@code 1 <= i <= length()}. */
    String name(int i) {
        return names[(head - i + 1) & (names.length - 1)];
    }

    String value(int i) {
        return values[(head - i + 1) & (names.length - 1)];
    }

    Object typedName(int i) {
        return typedNames[(head - i + 1) & (names.length - 1)];
    }

    Object typedValue(int i) {
        return typedValues[(head - i + 1) & (names.length - 1)];
    }

    void setTypedName(int i, Object typed) {
        typedNames[(head - i + 1) & (names.length - 1)] = typed;
    }

    void setTypedValue(int i, Object typed) {
        typedValues[(head - i + 1) & (names.length - 1)] = typed;
    }

    void setMaxSize(int newMax) {
        maxSize = newMax;
        evictTo(newMax);
    }

    /**
     * Adds an entry, evicting old ones first; an entry larger than the maximum size empties the
     * table and is not added (RFC 7541 §4.4).
     *
     * @return whether the entry was added (then it is entry 1)
     */
    boolean add(String name, String value) {
        long entrySize = (long) name.length() + value.length() + ENTRY_OVERHEAD;
        if (entrySize > maxSize) {
            evictTo(0);
            return false;
        }
        evictTo(maxSize - entrySize);
        if (count == names.length) {
            grow();
        }
        head = (head + 1) & (names.length - 1);
        names[head] = name;
        values[head] = value;
        typedNames[head] = null;
        typedValues[head] = null;
        count++;
        size += entrySize;
        return true;
    }

    private void evictTo(long target) {
        int mask = names.length - 1;
        while (size > target) {
            int oldest = (head - count + 1) & mask;
            size -= names[oldest].length() + values[oldest].length() + ENTRY_OVERHEAD;
            names[oldest] = null;
            values[oldest] = null;
            typedNames[oldest] = null;
            typedValues[oldest] = null;
            count--;
        }
    }

    private void grow() {
        int n = names.length;
        String[] newNames = new String[n * 2];
        String[] newValues = new String[n * 2];
        Object[] newTypedNames = new Object[n * 2];
        Object[] newTypedValues = new Object[n * 2];
        for (int i = 1; i <= count; i++) { // keep the order, newest at count - 1
            newNames[count - i] = name(i);
            newValues[count - i] = value(i);
            newTypedNames[count - i] = typedName(i);
            newTypedValues[count - i] = typedValue(i);
        }
        names = newNames;
        values = newValues;
        typedNames = newTypedNames;
        typedValues = newTypedValues;
        head = count - 1;
    }
}
