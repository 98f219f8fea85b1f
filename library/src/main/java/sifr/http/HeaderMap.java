package sifr.http;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An immutable, ordered multimap of HTTP fields with case-insensitive names. Duplicates keep their
 * order; iteration is in insertion order.
 *
 * <p><b>Immutable snapshot plus a mutable builder.</b> {@link #add}, {@link #set} and {@link #remove}
 * return a <em>new</em> map and leave this one unchanged (each copies, O(n)); to assemble many fields
 * use {@link #builder()} / {@link #toBuilder()}, whose methods of the same names mutate in place and
 * whose {@link Builder#build()} hands its storage over without copying. A map is therefore safe to
 * share between threads and to keep inside the immutable {@link RequestHead} and {@link ResponseHead}.
 *
 * <p>Lookups ({@link #get}, {@link #getAll}, {@link #contains}) are O(1) and allocate nothing for
 * {@code get}/{@code contains}: the query string is hashed case-insensitively in place with a
 * per-process random key, so names crafted to collide cannot degrade the table (HashDoS).
 *
 * <p>Limits: at most 1024 fields ({@code too many HTTP headers}) and 1 MiB of names and values
 * ({@code header section is too large}), both thrown as {@link HeaderError}.
 */
public final class HeaderMap implements Iterable<HeaderField> {
    private static final HeaderMap EMPTY = new HeaderMap(new HeaderTable(0));

    private final HeaderTable table;

    private HeaderMap(HeaderTable table) {
        this.table = table;
    }

    /** The empty map. */
    public static HeaderMap empty() {
        return EMPTY;
    }

    /**
     * A map of alternating names and values: {@code HeaderMap.of("content-type", "text/plain")}.
     *
     * @throws IllegalArgumentException for an odd number of arguments
     * @throws HeaderError for an invalid name or value
     */
    public static HeaderMap of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("HeaderMap.of takes names and values in pairs");
        }
        Builder b = new Builder(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** A map of the given pairs, in order (Sifr's {@code headers_from_pairs}). */
    public static HeaderMap fromPairs(List<? extends Map.Entry<String, String>> pairs) {
        Builder b = new Builder(pairs.size());
        for (Map.Entry<String, String> e : pairs) {
            b.add(e.getKey(), e.getValue());
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder(8);
    }

    /** A builder that starts with this map's fields. */
    public Builder toBuilder() {
        return new Builder(table.copy());
    }

    /** The first value of {@code name} (any case), if present. */
    public Optional<String> get(String name) {
        int i = table.find(name);
        return i < 0 ? Optional.empty() : Optional.of(table.values[i].value());
    }

    public Optional<String> get(HeaderName name) {
        int i = table.find(name);
        return i < 0 ? Optional.empty() : Optional.of(table.values[i].value());
    }

    /** The first value of {@code name} as a typed value (keeps the sensitive flag and the raw bytes). */
    public Optional<HeaderValue> getValue(String name) {
        int i = table.find(name);
        return i < 0 ? Optional.empty() : Optional.of(table.values[i]);
    }

    public Optional<HeaderValue> getValue(HeaderName name) {
        int i = table.find(name);
        return i < 0 ? Optional.empty() : Optional.of(table.values[i]);
    }

    /** Every value of {@code name}, in order; empty if absent. */
    public List<String> getAll(String name) {
        return collect(table.find(name));
    }

    public List<String> getAll(HeaderName name) {
        return collect(table.find(name));
    }

    private List<String> collect(int first) {
        if (first < 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        for (int i = first; i >= 0; i = table.next[i]) {
            out.add(table.values[i].value());
        }
        return Collections.unmodifiableList(out);
    }

    /** Every value of {@code name}, in order, as typed values. */
    public List<HeaderValue> getAllValues(HeaderName name) {
        int first = table.find(name);
        if (first < 0) {
            return List.of();
        }
        List<HeaderValue> out = new ArrayList<>(2);
        for (int i = first; i >= 0; i = table.next[i]) {
            out.add(table.values[i]);
        }
        return Collections.unmodifiableList(out);
    }

    public boolean contains(String name) {
        return table.find(name) >= 0;
    }

    public boolean contains(HeaderName name) {
        return table.find(name) >= 0;
    }

    /** A new map with {@code name: value} appended. This map is unchanged. */
    public HeaderMap add(String name, String value) {
        return add(HeaderName.of(name), HeaderValue.of(value));
    }

    public HeaderMap add(HeaderName name, HeaderValue value) {
        HeaderTable t = table.copy();
        t.add(name, value);
        return new HeaderMap(t);
    }

    /**
     * A new map where {@code name} has the single value {@code value}: it replaces the first existing
     * value in place and drops the others, or is appended. This map is unchanged.
     */
    public HeaderMap set(String name, String value) {
        return set(HeaderName.of(name), HeaderValue.of(value));
    }

    public HeaderMap set(HeaderName name, HeaderValue value) {
        HeaderTable t = table.copy();
        Builder.set(t, name, value);
        return new HeaderMap(t);
    }

    /** A new map without any field named {@code name}; this map itself if there is none. */
    public HeaderMap remove(String name) {
        int first = table.find(name);
        if (first < 0) {
            return this;
        }
        HeaderTable t = table.copy();
        t.removeChain(first);
        return new HeaderMap(t);
    }

    public HeaderMap remove(HeaderName name) {
        return remove(name.value());
    }

    /** The number of fields (pairs), duplicates counted. */
    public int size() {
        return table.size;
    }

    public boolean isEmpty() {
        return table.size == 0;
    }

    /** The name of the field at {@code index} in insertion order (for encoders: no iterator). */
    public HeaderName nameAt(int index) {
        checkIndex(index);
        return table.names[index];
    }

    /** The value of the field at {@code index} in insertion order. */
    public HeaderValue valueAt(int index) {
        checkIndex(index);
        return table.values[index];
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= table.size) {
            throw new IndexOutOfBoundsException(index);
        }
    }

    /** The sum of name and value lengths in bytes (what the 1 MiB section limit counts). */
    public long sectionBytes() {
        return table.sectionBytes;
    }

    /** Calls {@code action} for each field in order, without allocating. */
    public void forEach(BiConsumer<HeaderName, HeaderValue> action) {
        for (int i = 0; i < table.size; i++) {
            action.accept(table.names[i], table.values[i]);
        }
    }

    @Override
    public Iterator<HeaderField> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < table.size;
            }

            @Override
            public HeaderField next() {
                if (i >= table.size) {
                    throw new NoSuchElementException();
                }
                HeaderField f = new HeaderField(table.names[i], table.values[i]);
                i++;
                return f;
            }
        };
    }

    /** The fields as (name, value) string pairs, in order. */
    public List<Map.Entry<String, String>> toPairs() {
        List<Map.Entry<String, String>> out = new ArrayList<>(table.size);
        for (int i = 0; i < table.size; i++) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(table.names[i].value(), table.values[i].value()));
        }
        return Collections.unmodifiableList(out);
    }

    /** Equal when both have the same fields in the same order. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HeaderMap other) || other.table.size != table.size) {
            return false;
        }
        for (int i = 0; i < table.size; i++) {
            if (!table.names[i].equals(other.table.names[i]) || !table.values[i].equals(other.table.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < table.size; i++) {
            h = 31 * h + table.names[i].value().hashCode();
            h = 31 * h + table.values[i].hashCode();
        }
        return h;
    }

    /** {@code {name: value, ...}}; sensitive values print as {@code <sensitive>}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < table.size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(table.names[i]).append(": ").append(table.values[i]);
        }
        return sb.append('}').toString();
    }

    /**
     * A mutable, single-threaded builder with the same operations, which change it in place.
     * {@link #build()} hands the storage to the map; the next change copies it first.
     */
    public static final class Builder {
        private HeaderTable table;
        private boolean shared;

        Builder(int capacity) {
            this.table = new HeaderTable(capacity);
        }

        private Builder(HeaderTable table) {
            this.table = table;
        }

        private HeaderTable writable() {
            if (shared) {
                table = table.copy();
                shared = false;
            }
            return table;
        }

        public Builder add(String name, String value) {
            return add(HeaderName.of(name), HeaderValue.of(value));
        }

        public Builder add(HeaderName name, HeaderValue value) {
            writable().add(name, value);
            return this;
        }

        public Builder set(String name, String value) {
            return set(HeaderName.of(name), HeaderValue.of(value));
        }

        public Builder set(HeaderName name, HeaderValue value) {
            set(writable(), name, value);
            return this;
        }

        static void set(HeaderTable t, HeaderName name, HeaderValue value) {
            int first = t.find(name);
            if (first < 0) {
                t.add(name, value);
            } else {
                t.replaceChain(first, value);
            }
        }

        public Builder remove(String name) {
            int first = table.find(name);
            if (first >= 0) {
                writable().removeChain(first);
            }
            return this;
        }

        public Builder remove(HeaderName name) {
            return remove(name.value());
        }

        public Optional<String> get(String name) {
            int i = table.find(name);
            return i < 0 ? Optional.empty() : Optional.of(table.values[i].value());
        }

        public boolean contains(String name) {
            return table.find(name) >= 0;
        }

        public boolean contains(HeaderName name) {
            return table.find(name) >= 0;
        }

        public int size() {
            return table.size;
        }

        /** The sum of name and value lengths in bytes so far. */
        public long sectionBytes() {
            return table.sectionBytes;
        }

        /** An immutable map of the fields so far. The builder stays usable. */
        public HeaderMap build() {
            if (table.size == 0) {
                return EMPTY;
            }
            shared = true;
            return new HeaderMap(table);
        }
    }
}
