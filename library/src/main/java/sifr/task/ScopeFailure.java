package sifr.task;

/**
 * Structured-concurrency evidence that a child's failure was not observed by anyone else, with
 * Sifr's messages: {@code unobserved child task failed} (thrown by {@link TaskScope#close()} when a
 * child failed and nobody joined it; cause: the child's exception, further failures suppressed),
 * {@code unobserved child task was cancelled} (a child ended with a {@link CancelledError} nobody
 * requested), and as suppressed secondary evidence {@code race loser task failed} /
 * {@code select loser task failed}. Unchecked, like Sifr's {@code ScopeFailure} it is a failure of
 * the structure, not an I/O error.
 */
public class ScopeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScopeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
