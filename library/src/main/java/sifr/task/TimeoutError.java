package sifr.task;

import java.io.IOException;

/**
 * A deadline passed. The message names the operation, e.g. {@code TCP connect timed out}; a
 * {@link Task#timeout} block whose deadline ended its body reports {@code task timeout expired},
 * with the operation's own error as cause.
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
