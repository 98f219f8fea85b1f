package sifr.url;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import sifr.url.internal.FormUrlEncoded;

/**
 * An immutable list of name/value pairs in application/x-www-form-urlencoded form (the WHATWG
 * {@code URLSearchParams}, as a value: {@link #append}, {@link #set}, {@link #delete} and
 * {@link #sort} return a new query). {@link #toString()} is the form-urlencoded serialization.
 */
public final class UrlQuery {
    private static final UrlQuery EMPTY = new UrlQuery(List.of());

    private final List<Map.Entry<String, String>> pairs;

    private UrlQuery(List<Map.Entry<String, String>> pairs) {
        this.pairs = pairs;
    }

    /** The empty query. */
    public static UrlQuery of() {
        return EMPTY;
    }

    /** A query of the given pairs, in order. */
    public static UrlQuery of(List<Map.Entry<String, String>> pairs) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(pairs.size());
        for (Map.Entry<String, String> pair : pairs) {
            copy.add(Map.entry(Objects.requireNonNull(pair.getKey(), "name"), Objects.requireNonNull(pair.getValue(), "value")));
        }
        return new UrlQuery(Collections.unmodifiableList(copy));
    }

    /**
     * Parses form-urlencoded text as the URL Standard does (a leading {@code '?'} is not
     * stripped; bytes that are not UTF-8 become U+FFFD). {@link Url#parseQuery} is the strict form.
     */
    public static UrlQuery parse(String input) {
        return new UrlQuery(Collections.unmodifiableList(FormUrlEncoded.parse(input, false)));
    }

    static UrlQuery parseStrict(String input) {
        return new UrlQuery(Collections.unmodifiableList(FormUrlEncoded.parse(input, true)));
    }

    /** The first value for {@code name}. */
    public Optional<String> get(String name) {
        for (Map.Entry<String, String> pair : pairs) {
            if (pair.getKey().equals(name)) {
                return Optional.of(pair.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every value for {@code name}, in order. */
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> pair : pairs) {
            if (pair.getKey().equals(name)) {
                values.add(pair.getValue());
            }
        }
        return List.copyOf(values);
    }

    public boolean has(String name) {
        return get(name).isPresent();
    }

    /** The pairs in order (unmodifiable). */
    public List<Map.Entry<String, String>> pairs() {
        return pairs;
    }

    public int size() {
        return pairs.size();
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** This query with {@code name=value} added at the end. */
    public UrlQuery append(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(pairs);
        copy.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
        return new UrlQuery(Collections.unmodifiableList(copy));
    }

    /** The first pair named {@code name} gets {@code value}, later ones are removed; appended if none. */
    public UrlQuery set(String name, String value) {
        Objects.requireNonNull(value, "value");
        List<Map.Entry<String, String>> copy = new ArrayList<>(pairs.size() + 1);
        boolean found = false;
        for (Map.Entry<String, String> pair : pairs) {
            if (!pair.getKey().equals(name)) {
                copy.add(pair);
            } else if (!found) {
                copy.add(Map.entry(name, value));
                found = true;
            }
        }
        if (!found) {
            copy.add(Map.entry(Objects.requireNonNull(name, "name"), value));
        }
        return new UrlQuery(Collections.unmodifiableList(copy));
    }

    /** This query without the pairs named {@code name}. */
    public UrlQuery delete(String name) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(pairs.size());
        for (Map.Entry<String, String> pair : pairs) {
            if (!pair.getKey().equals(name)) {
                copy.add(pair);
            }
        }
        return new UrlQuery(Collections.unmodifiableList(copy));
    }

    /** Sorted by name in UTF-16 code unit order, stable for equal names (as {@code URLSearchParams.sort}). */
    public UrlQuery sort() {
        List<Map.Entry<String, String>> copy = new ArrayList<>(pairs);
        copy.sort(Comparator.comparing(Map.Entry::getKey)); // String.compareTo is code-unit order; List.sort is stable
        return new UrlQuery(Collections.unmodifiableList(copy));
    }

    /** The application/x-www-form-urlencoded serialization (spaces as {@code +}). */
    @Override
    public String toString() {
        return FormUrlEncoded.serialize(pairs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UrlQuery other && pairs.equals(other.pairs);
    }

    @Override
    public int hashCode() {
        return pairs.hashCode();
    }
}
