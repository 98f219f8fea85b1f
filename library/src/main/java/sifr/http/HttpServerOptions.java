package sifr.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import sifr.tls.TlsServerConfig;

/**
 * Settings of an {@link HttpServer}, immutable; start from {@link #defaults()} or {@link #builder()}.
 *
 * @param tls serve HTTPS with this configuration (ALPN {@code http/1.1}); empty for cleartext
 * @param maxConnections connections served at once; further ones are closed on accept (default 10,000)
 * @param idleTimeout how long a kept-alive connection may wait for its next request (default 60 s)
 * @param headerReadTimeout how long a request head may take to arrive, against slowloris (default 10 s)
 * @param maxRequestBodyBytes largest request body (413 beyond; default 64 MiB)
 * @param maxRequestLineBytes longest request line (414 beyond; default 8 KiB)
 * @param maxHeaderSectionBytes largest header section (431 beyond; default 64 KiB)
 * @param maxHeaderFields most header fields (431 beyond; default 100)
 * @param shutdownGracePeriod how long {@link HttpServer#close()} lets in-flight exchanges finish (default 10 s)
 */
public record HttpServerOptions(Optional<TlsServerConfig> tls, int maxConnections, Duration idleTimeout,
                                Duration headerReadTimeout, long maxRequestBodyBytes, int maxRequestLineBytes,
                                int maxHeaderSectionBytes, int maxHeaderFields, Duration shutdownGracePeriod) {
    public HttpServerOptions {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(headerReadTimeout, "headerReadTimeout");
        Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("max connections must be positive");
        }
        if (maxRequestBodyBytes < 0) {
            throw new IllegalArgumentException("request body limit must not be negative");
        }
        positive(idleTimeout, "idle timeout");
        positive(headerReadTimeout, "header read timeout");
        if (shutdownGracePeriod.isNegative()) {
            throw new IllegalArgumentException("shutdown grace period must not be negative");
        }
    }

    private static void positive(Duration d, String what) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    public static HttpServerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults preset. */
    public static final class Builder {
        private TlsServerConfig tls;
        private int maxConnections = 10_000;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration headerReadTimeout = Duration.ofSeconds(10);
        private long maxRequestBodyBytes = 64L * 1024 * 1024;
        private int maxRequestLineBytes = 8 * 1024;
        private int maxHeaderSectionBytes = 64 * 1024;
        private int maxHeaderFields = 100;
        private Duration shutdownGracePeriod = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder tls(TlsServerConfig config) {
            this.tls = Objects.requireNonNull(config, "tls");
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder headerReadTimeout(Duration value) {
            headerReadTimeout = value;
            return this;
        }

        public Builder maxRequestBodyBytes(long value) {
            maxRequestBodyBytes = value;
            return this;
        }

        public Builder maxRequestLineBytes(int value) {
            maxRequestLineBytes = value;
            return this;
        }

        public Builder maxHeaderSectionBytes(int value) {
            maxHeaderSectionBytes = value;
            return this;
        }

        public Builder maxHeaderFields(int value) {
            maxHeaderFields = value;
            return this;
        }

        public Builder shutdownGracePeriod(Duration value) {
            shutdownGracePeriod = value;
            return this;
        }

        public HttpServerOptions build() {
            return new HttpServerOptions(Optional.ofNullable(tls), maxConnections, idleTimeout, headerReadTimeout,
                    maxRequestBodyBytes, maxRequestLineBytes, maxHeaderSectionBytes, maxHeaderFields, shutdownGracePeriod);
        }
    }
}
