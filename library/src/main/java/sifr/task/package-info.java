/**
 * Sifr's structured tasks on virtual threads: plain scopes that wait for their children ({@link
 * sifr.task.TaskScope}, with the lambda form {@link sifr.task.Task#scope(sifr.task.ScopeBody)} that
 * cancels them when its body throws), all-or-cancel {@link sifr.task.TaskGroup}s, gather, race and
 * select over handles, timeout blocks ({@code task timeout expired}), cancellation, and {@link
 * sifr.task.ContextKey} values inherited by child tasks.
 *
 * <table>
 * <caption>Start here</caption>
 * <tr><th>To</th><th>Start with</th></tr>
 * <tr><td>run children and wait for all of them</td><td>{@link sifr.task.TaskScope}, or {@link sifr.task.Task#scope(sifr.task.ScopeBody)}</td></tr>
 * <tr><td>all or nothing: the first failure cancels the rest</td><td>{@link sifr.task.TaskGroup}</td></tr>
 * <tr><td>bound a block in time</td><td>{@link sifr.task.Task#timeout(java.time.Duration, java.util.concurrent.Callable)}, {@link sifr.task.Task#deadline(java.time.Instant, java.util.concurrent.Callable)}</td></tr>
 * <tr><td>combine handles</td><td>{@code Task.gather}, {@code Task.race}, {@code Task.select}, {@code Task.firstSuccess}</td></tr>
 * <tr><td>pass a value to every child</td><td>{@link sifr.task.ContextKey}</td></tr>
 * <tr><td>tell failures apart</td><td>{@link sifr.task.TimeoutError}, {@link sifr.task.CancelledError}, {@link sifr.task.ScopeFailure}</td></tr>
 * </table>
 */
package sifr.task;
