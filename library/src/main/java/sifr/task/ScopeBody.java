package sifr.task;

/** The body of {@link Task#scope(ScopeBody)}: runs with the open scope and may throw. */
@FunctionalInterface
public interface ScopeBody<T> {
    T run(TaskScope scope) throws Exception;
}
