package sifr.task;

/** The body of {@link Task#group(GroupBody)}: runs with the open group and may throw. */
@FunctionalInterface
public interface GroupBody<T> {
    T run(TaskGroup group) throws Exception;
}
