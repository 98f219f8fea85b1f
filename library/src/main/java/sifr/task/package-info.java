/**
 * Sifr's structured tasks on virtual threads: plain scopes that wait for their children
 * ({@link sifr.task.TaskScope}, with the lambda form {@link sifr.task.Task#scope(sifr.task.ScopeBody)}
 * that cancels them when its body throws), all-or-cancel {@link sifr.task.TaskGroup}s, gather, race
 * and select over handles, timeout blocks ({@code task timeout expired}), cancellation, and
 * {@link sifr.task.ContextKey} values inherited by child tasks.
 */
package sifr.task;
