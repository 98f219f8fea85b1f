package sifr.task.internal;

/**
 * The context-key bindings of a task: an immutable linked list, newest binding first. Binding a
 * key prepends a node (the outer list is untouched, so restoring it is one assignment), and a child
 * task shares its spawner's list as is: inheritance costs nothing. Lists stay short (a few keys per
 * request), so a lookup walks them.
 */
public final class ContextValues {
    /** No bindings. */
    public static final ContextValues EMPTY = new ContextValues(null, null, null);

    private final Object key;
    private final Object value;
    private final ContextValues next;

    private ContextValues(Object key, Object value, ContextValues next) {
        this.key = key;
        this.value = value;
        this.next = next;
    }

    /** These bindings with {@code key} bound to {@code value} (shadowing an outer binding). */
    public ContextValues with(Object key, Object value) {
        return new ContextValues(key, value, this);
    }

    /** The value bound to {@code key}, or {@code fallback} if it is not bound. */
    public Object get(Object key, Object fallback) {
        for (ContextValues v = this; v != EMPTY; v = v.next) {
            if (v.key == key) {
                return v.value;
            }
        }
        return fallback;
    }

    /** The bindings of the current thread (empty outside any {@code withContext}). */
    public static ContextValues current() {
        TaskContext ctx = TaskContext.peek();
        return ctx == null ? EMPTY : ctx.values();
    }
}
