package sifr.net;

import java.util.Objects;

/**
 * An options value out of range, thrown by the compact constructor of every options record
 * ({@code TcpConnectOptions}, {@code HttpServerOptions}, {@code Http2Limits}, ...) and so by their
 * builders' {@code build()}. {@link #option()} names the field ({@code HttpServerOptions.maxConnections});
 * the message says what is allowed, in Sifr's words where Sifr has them ({@code HTTP body limit must be
 * positive}). An {@link IllegalArgumentException}, so code that caught that before keeps working.
 */
public final class OptionError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String option;

    /**
     * @param option the field, as {@code Type.field}
     * @param message what is wrong, without the field when Sifr's wording has none
     */
    public OptionError(String option, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.option = Objects.requireNonNull(option, "option");
    }

    /** The field that was refused, as {@code Type.field} (for example {@code Http2Limits.maxFrameSize}). */
    public String option() {
        return option;
    }
}
