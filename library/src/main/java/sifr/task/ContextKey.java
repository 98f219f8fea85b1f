package sifr.task;

import java.util.Objects;
import sifr.task.internal.ContextValues;

/**
 * A typed context value that travels with tasks, Sifr's {@code ContextKey[T]}: bind it for a block
 * with {@link Task#withContext(ContextKey, Object, java.util.concurrent.Callable)}, read it anywhere
 * below with {@link #get()}. Children spawned inside the block ({@link TaskScope}, {@link TaskGroup},
 * {@link Task#firstSuccess}) inherit the binding, so a request id set by a connection's handler
 * reaches every task working for that request.
 *
 * <pre>{@code
 * static final ContextKey<String> REQUEST_ID = ContextKey.of("request_id", "-");
 * Task.withContext(REQUEST_ID, "abc123", () -> handle(request));   // REQUEST_ID.get() == "abc123" inside
 * }</pre>
 *
 * <p><b>Relation to {@code ScopedValue}.</b> The model is the JDK's {@code ScopedValue}: an
 * immutable binding for the dynamic extent of a call, shadowed by inner bindings, never mutated,
 * visible to child tasks. The differences: {@code ScopedValue} is a preview API on Java 21 (final
 * only in JDK 25), and it is inherited only by {@code StructuredTaskScope} forks; {@code ContextKey}
 * works on plain Java 21 and is inherited by {@code sifr.task} children. Neither reaches a raw
 * {@code Thread} started inside the block. Keys compare by identity: two keys with the same name
 * are different keys.
 */
public final class ContextKey<T> {
    private final String name;
    private final T defaultValue;

    private ContextKey(String name, T defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
    }

    /** A new key; {@code defaultValue} is what {@link #get()} returns where the key is not bound. */
    public static <T> ContextKey<T> of(String name, T defaultValue) {
        return new ContextKey<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(defaultValue, "defaultValue"));
    }

    /** The value bound in the current task (or inherited from its spawner), else the default. */
    @SuppressWarnings("unchecked")
    public T get() {
        return (T) ContextValues.current().get(this, defaultValue);
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    @Override
    public String toString() {
        return "ContextKey[" + name + "]";
    }
}
