package sifr.task;

import java.util.Objects;

/**
 * The outcome of {@link Task#select}: which of the two tasks won ({@link #index()} 0 or 1) and its
 * value. Sifr's {@code Select2}, with typed access: {@link #first()} / {@link #second()} return the
 * winner's value and throw {@link IllegalStateException} when asked for the loser.
 *
 * @param index 0 when the first task won, 1 when the second did
 * @param value the winner's result (null only if the task returned null)
 */
public record Select2<A, B>(int index, Object value) {

    public Select2 {
        if (index != 0 && index != 1) {
            throw new IllegalArgumentException("select index must be 0 or 1: " + index);
        }
    }

    public static <A, B> Select2<A, B> ofFirst(A value) {
        return new Select2<>(0, value);
    }

    public static <A, B> Select2<A, B> ofSecond(B value) {
        return new Select2<>(1, value);
    }

    public boolean isFirst() {
        return index == 0;
    }

    public boolean isSecond() {
        return index == 1;
    }

    /** The first task's result. @throws IllegalStateException {@code the second task won the select} */
    @SuppressWarnings("unchecked")
    public A first() {
        if (index != 0) {
            throw new IllegalStateException("the second task won the select");
        }
        return (A) value;
    }

    /** The second task's result. @throws IllegalStateException {@code the first task won the select} */
    @SuppressWarnings("unchecked")
    public B second() {
        if (index != 1) {
            throw new IllegalStateException("the first task won the select");
        }
        return (B) value;
    }

    @Override
    public String toString() {
        return (index == 0 ? "First(" : "Second(") + Objects.toString(value) + ")";
    }
}
