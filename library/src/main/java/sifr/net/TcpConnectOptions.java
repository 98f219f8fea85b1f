package sifr.net;

import java.time.Duration;
import java.util.Optional;
import sifr.net.internal.OptionChecks;

/**
 * Options of {@link Net#connectTcp(String, TcpConnectOptions)}, immutable:
 * {@code TcpConnectOptions.builder().timeout(Duration.ofSeconds(5)).build()}, {@link #defaults()},
 * {@link #toBuilder()}. The two optional fields are {@link Optional} because "not set" means something
 * of its own (the task's deadline, the system's choice of local address), not a default value.
 *
 * <p>Throws {@link OptionError} from the constructor and {@link Builder#build()}, naming the field:
 *     {@code network timeout must be finite and positive} or {@code network timeout is too large}
 *     (Sifr's words, field {@code TcpConnectOptions.timeout})
 *
 * @param timeout bounds the whole connect (resolution and every attempt): expiry → {@code TCP connect
 *     timed out}. Default empty: no timeout of its own, the calling task's deadline still applies. When set,
 *     finite, positive and at most 86,400 s
 * @param localAddr the local address to bind before connecting; default empty: any
 * @param noDelay TCP_NODELAY (default on: Nagle's algorithm off, as every HTTP stack sets it)
 */
public record TcpConnectOptions(Optional<Duration> timeout, Optional<SocketAddr> localAddr, boolean noDelay) {
    private static final TcpConnectOptions DEFAULTS = new TcpConnectOptions(Optional.empty(), Optional.empty(), true);

    public TcpConnectOptions {
        OptionChecks.required("TcpConnectOptions.timeout", timeout);
        OptionChecks.required("TcpConnectOptions.localAddr", localAddr);
        timeout.ifPresent(t -> OptionChecks.sifrTimeout("TcpConnectOptions.timeout", t, "network"));
    }

    /** No timeout of its own, any local address, TCP_NODELAY on. */
    public static TcpConnectOptions defaults() {
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

    /** Builds {@link TcpConnectOptions}; each setter names the record component it sets. Not thread-safe. */
    public static final class Builder {
        private Optional<Duration> timeout;
        private Optional<SocketAddr> localAddr;
        private boolean noDelay;

        private Builder(TcpConnectOptions from) {
            timeout = from.timeout;
            localAddr = from.localAddr;
            noDelay = from.noDelay;
        }

        /** Bound on the whole connect (default: none of its own); checked by {@link #build()}. */
        public Builder timeout(Duration value) {
            timeout = Optional.of(OptionChecks.required("TcpConnectOptions.timeout", value));
            return this;
        }

        /** Bind this local address before connecting (default: any). */
        public Builder localAddr(SocketAddr value) {
            localAddr = Optional.of(OptionChecks.required("TcpConnectOptions.localAddr", value));
            return this;
        }

        /** TCP_NODELAY (default true). */
        public Builder noDelay(boolean on) {
            noDelay = on;
            return this;
        }

        /**
         * The options.
         *
         * @throws OptionError {@code network timeout must be finite and positive} or
         *     {@code network timeout is too large} (over 86,400 s)
         */
        public TcpConnectOptions build() {
            return new TcpConnectOptions(timeout, localAddr, noDelay);
        }
    }
}
