package sifr.net;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import sifr.task.internal.Timeouts;

/**
 * Options of {@link Net#connectTcp(String, TcpConnectOptions)}. Defaults: no timeout of its own (the
 * task's deadline still applies), any local address, TCP_NODELAY on.
 */
public final class TcpConnectOptions {
    private static final TcpConnectOptions DEFAULTS = builder().build();

    private final Duration timeout;
    private final SocketAddr localAddr;
    private final boolean noDelay;

    private TcpConnectOptions(Builder b) {
        this.timeout = b.timeout;
        this.localAddr = b.localAddr;
        this.noDelay = b.noDelay;
    }

    public static TcpConnectOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Bounds the whole connect (resolution and every attempt): expiry → {@code TCP connect timed out}. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** The local address to bind before connecting. */
    public Optional<SocketAddr> localAddr() {
        return Optional.ofNullable(localAddr);
    }

    public boolean noDelay() {
        return noDelay;
    }

    public static final class Builder {
        private Duration timeout;
        private SocketAddr localAddr;
        private boolean noDelay = true;

        private Builder() {
        }

        /**
         * @throws IllegalArgumentException {@code network timeout must be finite and positive} or
         *     {@code network timeout is too large} (over 86,400 s)
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Timeouts.validate(timeout, "network");
            return this;
        }

        public Builder localAddr(SocketAddr localAddr) {
            this.localAddr = Objects.requireNonNull(localAddr, "localAddr");
            return this;
        }

        public Builder noDelay(boolean noDelay) {
            this.noDelay = noDelay;
            return this;
        }

        public TcpConnectOptions build() {
            return new TcpConnectOptions(this);
        }
    }
}
