package sifr.task;

import java.util.concurrent.CancellationException;

/**
 * The current task was cancelled (its scope closed, a sibling failed, or a race was lost).
 * Unchecked, and deliberately not an {@code IOException}: a handler for I/O failures must not
 * swallow a cancellation.
 */
public class CancelledError extends CancellationException {
    private static final long serialVersionUID = 1L;

    public CancelledError(String message) {
        super(message);
    }
}
