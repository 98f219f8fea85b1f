package sifr.task;

import java.io.IOException;

/**
 * A deadline passed. The message names the operation, e.g. {@code TCP connect timed out}.
 * An {@link IOException} so that network code reports it through its ordinary signature.
 */
public class TimeoutError extends IOException {
    private static final long serialVersionUID = 1L;

    public TimeoutError(String message) {
        super(message);
    }

    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
