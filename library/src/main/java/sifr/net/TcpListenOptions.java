package sifr.net;

import java.util.Optional;
import sifr.net.internal.OptionChecks;

/**
 * Options of {@link Net#listenTcp(String, TcpListenOptions)}, immutable:
 * {@code TcpListenOptions.builder().backlog(4096).build()}, {@link #defaults()}, {@link #toBuilder()}.
 *
 * <p>Throws {@link OptionError} from the constructor and {@link Builder#build()}: {@code TCP listener backlog must
 *     be positive and fit in u32} (Sifr's words; every positive {@code int} fits), field
 *     {@code TcpListenOptions.backlog}
 *
 * @param backlog pending connections the kernel queues (default {@link #DEFAULT_BACKLOG}, positive)
 * @param reuseAddr SO_REUSEADDR if set explicitly; default empty: the JDK's platform default (on for
 *     a listener on Unix, as tokio/mio do). {@link Optional} because "not set" is not a value of its own
 * @param reusePort SO_REUSEPORT (default off); listening fails with a {@link NetError} where the JDK does
 *     not support it
 */
public record TcpListenOptions(int backlog, Optional<Boolean> reuseAddr, boolean reusePort) {
    /** Sifr's default backlog. */
    public static final int DEFAULT_BACKLOG = 1024;
    private static final TcpListenOptions DEFAULTS = new TcpListenOptions(DEFAULT_BACKLOG, Optional.empty(), false);

    public TcpListenOptions {
        OptionChecks.check("TcpListenOptions.backlog", backlog, backlog > 0,
                "TCP listener backlog must be positive and fit in u32");
        OptionChecks.required("TcpListenOptions.reuseAddr", reuseAddr);
    }

    /** Backlog 1024, SO_REUSEADDR as the platform sets it, no SO_REUSEPORT. */
    public static TcpListenOptions defaults() {
        return DEFAULTS;
    }

    /** A builder preset with {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder preset with these values: {@code options.toBuilder().build()} equals {@code options}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link TcpListenOptions}; each setter names the record component it sets. Not thread-safe. */
    public static final class Builder {
        private int backlog;
        private Optional<Boolean> reuseAddr;
        private boolean reusePort;

        private Builder(TcpListenOptions from) {
            backlog = from.backlog;
            reuseAddr = from.reuseAddr;
            reusePort = from.reusePort;
        }

        /** Pending connections queued by the kernel (default 1024); checked by {@link #build()}. */
        public Builder backlog(int value) {
            backlog = value;
            return this;
        }

        /** Set SO_REUSEADDR explicitly (default: the platform's). */
        public Builder reuseAddr(boolean on) {
            reuseAddr = Optional.of(on);
            return this;
        }

        /** SO_REUSEPORT (default false). */
        public Builder reusePort(boolean on) {
            reusePort = on;
            return this;
        }

        /**
         * The options.
         *
         * @throws OptionError {@code TCP listener backlog must be positive and fit in u32}
         */
        public TcpListenOptions build() {
            return new TcpListenOptions(backlog, reuseAddr, reusePort);
        }
    }
}
