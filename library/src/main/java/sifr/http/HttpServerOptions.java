package sifr.http;

import java.time.Duration;
import java.util.Optional;
import sifr.net.OptionError;
import sifr.net.internal.OptionChecks;
import sifr.tls.TlsServerConfig;

/**
 * Settings of an {@link HttpServer}, immutable: {@code HttpServerOptions.builder().tls(config).maxConnections(500).build()},
 * {@link #defaults()}, {@link #toBuilder()}. Limits both protocols share sit here; per-protocol ones in
 * {@link #http1()} and {@link #http2()}; which protocols are served in the four {@code serve*} fields.
 *
 * <p>Throws {@link OptionError} from the constructor and {@link Builder#build()}, naming the field: a value out of
 *     range ({@code HttpServerOptions.maxConnections must be at least 1 (was 0)}), a body limit below one
 *     ({@code HTTP body limit must be positive}), or protocols that leave nothing to serve
 *     ({@code HTTP server options enable no protocol}, field {@code HttpServerOptions.serveHttp1})
 *
 * @param tls serve HTTPS with this configuration; empty (default) for cleartext. The server sets the ALPN
 *     list itself from the protocols served ({@code h2}, {@code http/1.1}, in that order of preference)
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
 * @param shutdownGracePeriod how long {@link HttpServer#close()} lets in-flight exchanges finish (default
 *     10 s; zero allowed)
 * @param maxRequestBodyBytes largest request body, HTTP/1.1 and HTTP/2 (413 beyond; default 64 MiB)
 * @param maxHeaderSectionBytes largest request header section, both protocols (default 64 KiB, 1..1 MiB):
 *     on HTTP/1.1 the field lines as sent with their CRLFs (431 beyond); on HTTP/2 the decoded header list
 *     size of RFC 9113 §6.5.2 (name + value + 32 octets per field), announced as
 *     {@code SETTINGS_MAX_HEADER_LIST_SIZE} and enforced by the HPACK decoder (431 beyond)
 * @param http1 HTTP/1.1 framing limits (default {@link Http1Limits#defaults()})
 * @param http2 HTTP/2 limits (default {@link Http2Limits#serverDefaults()})
 * @param serveHttp1 serve HTTP/1.1 (default on)
 * @param serveH2 serve HTTP/2 over TLS, chosen by ALPN {@code h2} (default on; needs {@code tls})
 * @param serveH2cPriorKnowledge serve cleartext HTTP/2 to clients that open with the connection preface
 *     (RFC 9113 §3.3; default on)
 * @param serveH2cUpgrade switch a cleartext HTTP/1.1 connection to HTTP/2 on {@code Upgrade: h2c}
 *     (RFC 7540 §3.2; default on; needs {@code serveHttp1}; requests with a body are answered over HTTP/1.1)
 * @param serveH2WebSocket announce {@code SETTINGS_ENABLE_CONNECT_PROTOCOL=1} on HTTP/2 (RFC 8441 §3) and hand
 *     extended CONNECT requests ({@code :protocol}) to the handler, where
 *     {@link sifr.websocket.WebSocket#upgrade} serves WebSocket over the HTTP/2 stream (default on). Off:
 *     the setting is not sent and a request carrying {@code :protocol} is reset (PROTOCOL_ERROR)
 * @param accessLog told of every exchange once it is answered, on HTTP/1.1 and HTTP/2 alike (default none;
 *     see {@link AccessLog})
 */
public record HttpServerOptions(Optional<TlsServerConfig> tls, int maxConnections, Duration idleTimeout,
                                Duration headerReadTimeout, Duration bodyReadTimeout, Duration writeTimeout,
                                Duration shutdownGracePeriod, long maxRequestBodyBytes, int maxHeaderSectionBytes,
                                Http1Limits http1, Http2Limits http2, boolean serveHttp1, boolean serveH2,
                                boolean serveH2cPriorKnowledge, boolean serveH2cUpgrade, boolean serveH2WebSocket,
                                Optional<AccessLog> accessLog) {
    private static final HttpServerOptions DEFAULTS = new HttpServerOptions(Optional.empty(), 10_000,
            Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60),
            Duration.ofSeconds(10), 64L * 1024 * 1024, 64 * 1024, Http1Limits.defaults(),
            Http2Limits.serverDefaults(), true, true, true, true, true, Optional.empty());

    public HttpServerOptions {
        OptionChecks.required("HttpServerOptions.tls", tls);
        OptionChecks.atLeast("HttpServerOptions.maxConnections", maxConnections, 1);
        OptionChecks.positive("HttpServerOptions.idleTimeout", idleTimeout);
        OptionChecks.positive("HttpServerOptions.headerReadTimeout", headerReadTimeout);
        OptionChecks.positive("HttpServerOptions.bodyReadTimeout", bodyReadTimeout);
        OptionChecks.positive("HttpServerOptions.writeTimeout", writeTimeout);
        OptionChecks.notNegative("HttpServerOptions.shutdownGracePeriod", shutdownGracePeriod);
        OptionChecks.check("HttpServerOptions.maxRequestBodyBytes", maxRequestBodyBytes, maxRequestBodyBytes > 0,
                "HTTP body limit must be positive"); // Sifr's words
        OptionChecks.inRange("HttpServerOptions.maxHeaderSectionBytes", maxHeaderSectionBytes, 1, 1024 * 1024);
        OptionChecks.required("HttpServerOptions.http1", http1);
        OptionChecks.required("HttpServerOptions.http2", http2);
        OptionChecks.required("HttpServerOptions.accessLog", accessLog);
        boolean servesSomething = tls.isPresent() ? serveHttp1 || serveH2 : serveHttp1 || serveH2cPriorKnowledge;
        OptionChecks.check("HttpServerOptions.serveHttp1", tls, servesSomething,
                "HTTP server options enable no protocol");
    }

    /** Cleartext, every protocol on, and the defaults named on each field. */
    public static HttpServerOptions defaults() {
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

    /** Builds {@link HttpServerOptions}; each setter names the record component it sets. Not thread-safe. */
    public static final class Builder {
        private Optional<TlsServerConfig> tls;
        private int maxConnections;
        private Duration idleTimeout;
        private Duration headerReadTimeout;
        private Duration bodyReadTimeout;
        private Duration writeTimeout;
        private Duration shutdownGracePeriod;
        private long maxRequestBodyBytes;
        private int maxHeaderSectionBytes;
        private Http1Limits http1;
        private Http2Limits http2;
        private boolean serveHttp1;
        private boolean serveH2;
        private boolean serveH2cPriorKnowledge;
        private boolean serveH2cUpgrade;
        private boolean serveH2WebSocket;
        private Optional<AccessLog> accessLog;

        private Builder(HttpServerOptions from) {
            tls = from.tls;
            maxConnections = from.maxConnections;
            idleTimeout = from.idleTimeout;
            headerReadTimeout = from.headerReadTimeout;
            bodyReadTimeout = from.bodyReadTimeout;
            writeTimeout = from.writeTimeout;
            shutdownGracePeriod = from.shutdownGracePeriod;
            maxRequestBodyBytes = from.maxRequestBodyBytes;
            maxHeaderSectionBytes = from.maxHeaderSectionBytes;
            http1 = from.http1;
            http2 = from.http2;
            serveHttp1 = from.serveHttp1;
            serveH2 = from.serveH2;
            serveH2cPriorKnowledge = from.serveH2cPriorKnowledge;
            serveH2cUpgrade = from.serveH2cUpgrade;
            serveH2WebSocket = from.serveH2WebSocket;
            accessLog = from.accessLog;
        }

        /** Serve HTTPS with {@code config} (default: cleartext). */
        public Builder tls(TlsServerConfig config) {
            tls = Optional.of(OptionChecks.required("HttpServerOptions.tls", config));
            return this;
        }

        /** Serve cleartext (the default). */
        public Builder cleartext() {
            tls = Optional.empty();
            return this;
        }

        /** Connections served at once (default 10,000). */
        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** Wait for a kept-alive connection's next request (default 60 s). */
        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        /** Bound on a request head's arrival (default 10 s). */
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

        /** How long {@link HttpServer#close()} lets exchanges finish (default 10 s). */
        public Builder shutdownGracePeriod(Duration value) {
            shutdownGracePeriod = value;
            return this;
        }

        /** Largest request body on both protocols (default 64 MiB). */
        public Builder maxRequestBodyBytes(long value) {
            maxRequestBodyBytes = value;
            return this;
        }

        /** Largest request header section on both protocols (default 64 KiB). */
        public Builder maxHeaderSectionBytes(int value) {
            maxHeaderSectionBytes = value;
            return this;
        }

        /** HTTP/1.1 framing limits (default {@link Http1Limits#defaults()}). */
        public Builder http1(Http1Limits limits) {
            http1 = OptionChecks.required("HttpServerOptions.http1", limits);
            return this;
        }

        /** HTTP/2 limits (default {@link Http2Limits#serverDefaults()}). */
        public Builder http2(Http2Limits limits) {
            http2 = OptionChecks.required("HttpServerOptions.http2", limits);
            return this;
        }

        /** Serve HTTP/1.1 (default true). */
        public Builder serveHttp1(boolean on) {
            serveHttp1 = on;
            return this;
        }

        /** Serve HTTP/2 over TLS by ALPN {@code h2} (default true). */
        public Builder serveH2(boolean on) {
            serveH2 = on;
            return this;
        }

        /** Serve cleartext HTTP/2 to clients that send the preface first (default true). */
        public Builder serveH2cPriorKnowledge(boolean on) {
            serveH2cPriorKnowledge = on;
            return this;
        }

        /** Upgrade cleartext HTTP/1.1 connections on {@code Upgrade: h2c} (default true). */
        public Builder serveH2cUpgrade(boolean on) {
            serveH2cUpgrade = on;
            return this;
        }

        /** WebSocket over HTTP/2 by RFC 8441 extended CONNECT (default true). */
        public Builder serveH2WebSocket(boolean on) {
            serveH2WebSocket = on;
            return this;
        }

        /** HTTP/1.1 only: {@code serveHttp1} on, the three HTTP/2 ways ({@code h2}, prior knowledge, upgrade) off. */
        public Builder http1Only() {
            serveHttp1 = true;
            serveH2 = false;
            serveH2cPriorKnowledge = false;
            serveH2cUpgrade = false;
            return this;
        }

        /** Calls {@code log} once per exchange, after its response (default none; see {@link AccessLog}). */
        public Builder accessLog(AccessLog log) {
            accessLog = Optional.of(OptionChecks.required("HttpServerOptions.accessLog", log));
            return this;
        }

        /**
         * The options.
         *
         * @throws OptionError for a value out of range or no protocol to serve, naming the field
         */
        public HttpServerOptions build() {
            return new HttpServerOptions(tls, maxConnections, idleTimeout, headerReadTimeout, bodyReadTimeout,
                    writeTimeout, shutdownGracePeriod, maxRequestBodyBytes, maxHeaderSectionBytes, http1, http2,
                    serveHttp1, serveH2, serveH2cPriorKnowledge, serveH2cUpgrade, serveH2WebSocket, accessLog);
        }
    }
}
