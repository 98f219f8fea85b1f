package sifr.task;

import java.util.concurrent.CancellationException;

/**
 * The current task was cancelled: by request ({@link TaskHandle#cancel()}, {@link TaskScope#cancel()}),
 * because a {@link TaskGroup} sibling failed, a race was lost, or a lambda-form scope's body threw.
 * Unchecked, and deliberately not an {@code IOException}: a handler for I/O failures must not
 * swallow a cancellation.
 */
public class CancelledError extends CancellationException {
    private static final long serialVersionUID = 1L;

    public CancelledError(String message) {
        super(message);
    }
}
