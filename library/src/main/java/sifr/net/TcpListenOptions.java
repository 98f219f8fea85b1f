package sifr.net;

import java.util.Optional;

/**
 * Options of {@link Net#listenTcp(String, TcpListenOptions)}. Defaults: backlog 1024, SO_REUSEADDR
 * as the JDK sets it (on by default on Unix, as tokio/mio do), no SO_REUSEPORT.
 */
public final class TcpListenOptions {
    /** Sifr's default backlog. */
    public static final int DEFAULT_BACKLOG = 1024;
    private static final TcpListenOptions DEFAULTS = builder().build();

    private final int backlog;
    private final Boolean reuseAddr;
    private final boolean reusePort;

    private TcpListenOptions(Builder b) {
        this.backlog = b.backlog;
        this.reuseAddr = b.reuseAddr;
        this.reusePort = b.reusePort;
    }

    public static TcpListenOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int backlog() {
        return backlog;
    }

    /** SO_REUSEADDR if set explicitly; empty keeps the platform default. */
    public Optional<Boolean> reuseAddr() {
        return Optional.ofNullable(reuseAddr);
    }

    public boolean reusePort() {
        return reusePort;
    }

    public static final class Builder {
        private int backlog = DEFAULT_BACKLOG;
        private Boolean reuseAddr;
        private boolean reusePort;

        private Builder() {
        }

        /**
         * @throws IllegalArgumentException {@code TCP listener backlog must be positive and fit in u32}
         *     (Sifr's wording; every positive {@code int} fits)
         */
        public Builder backlog(int backlog) {
            if (backlog <= 0) {
                throw new IllegalArgumentException("TCP listener backlog must be positive and fit in u32");
            }
            this.backlog = backlog;
            return this;
        }

        public Builder reuseAddr(boolean reuseAddr) {
            this.reuseAddr = reuseAddr;
            return this;
        }

        /** SO_REUSEPORT; listening fails with a {@link NetError} where the JDK does not support it. */
        public Builder reusePort(boolean reusePort) {
            this.reusePort = reusePort;
            return this;
        }

        public TcpListenOptions build() {
            return new TcpListenOptions(this);
        }
    }
}
