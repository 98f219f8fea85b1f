package sifr.task.internal;

import java.time.Duration;
import java.util.Objects;

/** Sifr's validation of explicit timeouts: finite, positive, at most one day. */
public final class Timeouts {
    /** The largest timeout Sifr accepts (86,400 s). */
    public static final Duration MAX = Duration.ofSeconds(86_400);

    private Timeouts() {
    }

    /**
     * Checks {@code timeout} and returns it. {@code label} is {@code network}, {@code TLS},
     * {@code HTTP} or {@code task}: it starts the message.
     *
     * @throws IllegalArgumentException {@code <label> timeout must be finite and positive} or
     *     {@code <label> timeout is too large}
     */
    public static Duration validate(Duration timeout, String label) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(label + " timeout must be finite and positive");
        }
        if (timeout.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(label + " timeout is too large");
        }
        return timeout;
    }
}
