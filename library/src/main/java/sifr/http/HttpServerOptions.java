package sifr.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import sifr.tls.TlsServerConfig;

/**
 * Settings of an {@link HttpServer}, immutable; start from {@link #defaults()} or {@link #builder()}.
 *
 * @param tls serve HTTPS with this configuration; empty for cleartext. The server sets the ALPN list itself
 *     from the enabled protocols ({@code h2}, {@code http/1.1}, in that order of preference)
 * @param maxConnections connections served at once; further ones are closed on accept (default 10,000)
 * @param idleTimeout how long a kept-alive connection may wait for its next request (default 60 s); an
 *     HTTP/2 connection with no request running and no byte received for this long is drained (GOAWAY)
 * @param headerReadTimeout how long a request head may take to arrive, against slowloris (default 10 s)
 * @param bodyReadTimeout how long a handler reading the request body may wait for its next bytes (default
 *     60 s, like nginx's {@code client_body_timeout}): an inactivity bound between two reads, not a bound on
 *     the whole body. Past it HTTP/1.1 closes the connection, HTTP/2 resets the stream (RST_STREAM CANCEL;
 *     the connection lives on); the handler's read fails with {@code TimeoutError}
 * @param writeTimeout how long writing the response may make no progress (default 60 s, like nginx's
 *     {@code send_timeout}): a client that stops reading. HTTP/1.1 closes the connection when one write of
 *     at most 64 KiB does not complete in time; HTTP/2 resets a stream stalled on a zero flow-control
 *     window, and closes the connection when the socket takes no bytes for that long
 * @param maxRequestBodyBytes largest request body (413 beyond; default 64 MiB)
 * @param maxRequestLineBytes longest request line (414 beyond; default 8 KiB)
 * @param maxHeaderSectionBytes largest header section (431 beyond; default 64 KiB)
 * @param maxHeaderFields most header fields (431 beyond; default 100)
 * @param shutdownGracePeriod how long {@link HttpServer#close()} lets in-flight exchanges finish (default 10 s)
 * @param http1 serve HTTP/1.1 (default on)
 * @param h2 serve HTTP/2 over TLS, chosen by ALPN {@code h2} (default on; needs {@code tls})
 * @param h2cPriorKnowledge serve cleartext HTTP/2 to clients that open with the connection preface
 *     (RFC 9113 §3.3; default on)
 * @param h2cUpgrade switch a cleartext HTTP/1.1 connection to HTTP/2 on {@code Upgrade: h2c}
 *     (RFC 7540 §3.2; default on; needs {@code http1}; requests with a body are answered over HTTP/1.1)
 * @param http2 the HTTP/2 limits (streams, windows, frame and header sizes)
 * @param accessLog told of every exchange once it is answered, on HTTP/1.1 and HTTP/2 alike (default none;
 *     see {@link AccessLog})
 */
public record HttpServerOptions(Optional<TlsServerConfig> tls, int maxConnections, Duration idleTimeout,
                                Duration headerReadTimeout, Duration bodyReadTimeout, Duration writeTimeout,
                                long maxRequestBodyBytes, int maxRequestLineBytes,
                                int maxHeaderSectionBytes, int maxHeaderFields, Duration shutdownGracePeriod,
                                boolean http1, boolean h2, boolean h2cPriorKnowledge, boolean h2cUpgrade,
                                Http2Limits http2, Optional<AccessLog> accessLog) {
    public HttpServerOptions {
        Objects.requireNonNull(http2, "http2");
        Objects.requireNonNull(accessLog, "accessLog");
        if (tls.isPresent() ? !http1 && !h2 : !http1 && !h2cPriorKnowledge) {
            throw new IllegalArgumentException("HTTP server options enable no protocol");
        }
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(headerReadTimeout, "headerReadTimeout");
        Objects.requireNonNull(bodyReadTimeout, "bodyReadTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("max connections must be positive");
        }
        if (maxRequestBodyBytes <= 0) {
            throw new IllegalArgumentException("HTTP body limit must be positive");
        }
        positive(idleTimeout, "idle timeout");
        positive(headerReadTimeout, "header read timeout");
        positive(bodyReadTimeout, "body read timeout");
        positive(writeTimeout, "write timeout");
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
        private Duration bodyReadTimeout = Duration.ofSeconds(60);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private long maxRequestBodyBytes = 64L * 1024 * 1024;
        private int maxRequestLineBytes = 8 * 1024;
        private int maxHeaderSectionBytes = 64 * 1024;
        private int maxHeaderFields = 100;
        private Duration shutdownGracePeriod = Duration.ofSeconds(10);
        private boolean http1 = true;
        private boolean h2 = true;
        private boolean h2cPriorKnowledge = true;
        private boolean h2cUpgrade = true;
        private Http2Limits http2 = Http2Limits.serverDefaults();
        private AccessLog accessLog;

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

        /** Inactivity bound on reading a request body (default 60 s). */
        public Builder bodyReadTimeout(Duration value) {
            bodyReadTimeout = value;
            return this;
        }

        /** Inactivity bound on writing a response (default 60 s). */
        public Builder writeTimeout(Duration value) {
            writeTimeout = value;
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

        /** Serve HTTP/1.1 (default true). */
        public Builder http1(boolean on) {
            http1 = on;
            return this;
        }

        /** Serve HTTP/2 over TLS by ALPN {@code h2} (default true). */
        public Builder h2(boolean on) {
            h2 = on;
            return this;
        }

        /** Serve cleartext HTTP/2 to clients that send the preface first (default true). */
        public Builder h2cPriorKnowledge(boolean on) {
            h2cPriorKnowledge = on;
            return this;
        }

        /** Upgrade cleartext HTTP/1.1 connections on {@code Upgrade: h2c} (default true). */
        public Builder h2cUpgrade(boolean on) {
            h2cUpgrade = on;
            return this;
        }

        /** Turns all HTTP/2 off (ALPN {@code h2}, prior knowledge and upgrade): an HTTP/1.1-only server. */
        public Builder http1Only() {
            h2 = false;
            h2cPriorKnowledge = false;
            h2cUpgrade = false;
            return this;
        }

        /** The HTTP/2 limits (default {@link Http2Limits#serverDefaults()}). */
        public Builder http2(Http2Limits limits) {
            http2 = Objects.requireNonNull(limits, "http2");
            return this;
        }

        /** Calls {@code log} once per exchange, after its response (default none; see {@link AccessLog}). */
        public Builder accessLog(AccessLog log) {
            accessLog = Objects.requireNonNull(log, "accessLog");
            return this;
        }

        public HttpServerOptions build() {
            return new HttpServerOptions(Optional.ofNullable(tls), maxConnections, idleTimeout, headerReadTimeout,
                    bodyReadTimeout, writeTimeout, maxRequestBodyBytes, maxRequestLineBytes, maxHeaderSectionBytes, maxHeaderFields, shutdownGracePeriod,
                    http1, h2, h2cPriorKnowledge, h2cUpgrade, http2, Optional.ofNullable(accessLog));
        }
    }
}
