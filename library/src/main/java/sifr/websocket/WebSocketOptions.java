package sifr.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import sifr.http.HeaderMap;
import sifr.http.Proxy;
import sifr.tls.TlsClientConfig;

/**
 * Settings of a {@link WebSocket}, for both roles; immutable. Start from {@link #defaults()} or
 * {@link #builder()}; change one with {@link #toBuilder()}. Every limit bounds what a peer can make this
 * side hold; a peer that passes one has the connection closed with the code named below, and the
 * violation is counted in {@link #counters()}.
 *
 * @param maxFrameSize largest data frame payload accepted, in bytes (default 1 MiB; close 1009 beyond)
 * @param maxMessageSize largest message accepted, in bytes, counting every fragment and, for compressed
 *     messages, the inflated bytes (default 1 MiB; close 1009 beyond). Also bounds what {@code receive} holds
 * @param maxFragments most frames one message may arrive in (default 1,024; close 1009 beyond): many tiny
 *     fragments cost per-frame work far above their bytes
 * @param maxQueuedMessages received messages held for {@link WebSocket#receive()} (default 16); when full
 *     the connection stops reading, so the peer is slowed by TCP (and its pings wait too)
 * @param maxOutgoingQueueBytes encoded frames waiting to be written (default 1 MiB); a send blocks while
 *     the queue is full. A single message larger than this is still sent, alone in the queue
 * @param deliverFragments hand each received frame to {@code receive} as it ends instead of whole messages
 *     (default false); text fragments always end on a character boundary
 * @param closeTimeout how long the closing handshake may take: after our Close frame, the wait for the
 *     peer's, and for a client the wait for the server to close TCP (default 5 s); then the socket is closed
 * @param idleTimeout close (1001) after this long without receiving any frame (default 5 min)
 * @param pingInterval send a Ping after this long without receiving any frame (default 30 s; zero for
 *     none), so a live peer's Pong keeps an idle connection open and a dead one meets {@code idleTimeout}
 * @param writeTimeout how long one write to the socket may take before the connection is dropped
 *     (default 60 s): a peer that stops reading
 * @param handshakeTimeout how long the opening handshake may take (default 10 s)
 * @param maxHandshakeBytes largest handshake head (request or response), in bytes (default 64 KiB;
 *     a server answers 431 beyond)
 * @param subprotocols client: offered in order ({@code Sec-WebSocket-Protocol}); server: supported, in
 *     order of preference; the first the client also offered is chosen (default none)
 * @param originAllowed server: whether to accept a handshake with this {@code Origin} (empty when the
 *     request has none); refused with 403 (default: every origin. A server that browsers reach with
 *     cookies should check it, against cross-site WebSocket hijacking)
 * @param permessageDeflate offer (client) or accept (server) permessage-deflate, RFC 7692 (default
 *     false: each compressing connection holds about 300 KiB of zlib state while it keeps context)
 * @param deflateNoContextTakeover with permessage-deflate, ask both sides to reset their window after
 *     every message, so idle connections hold no zlib state, at some cost in ratio (default false)
 * @param tls client: the TLS configuration for {@code wss://} (default: the platform's trust roots); its ALPN
 *     list is replaced by the one {@code http2} asks for
 * @param http2 client: WebSocket over HTTP/2 (RFC 8441) or HTTP/1.1 (default {@link WebSocketHttp2#PREFERRED}:
 *     HTTP/2 for {@code wss://} when the server offers it)
 * @param proxy client: an HTTP proxy to reach the server through (default none): a {@code CONNECT host:port}
 *     tunnel (RFC 9110 §9.3.6) for {@code ws://} and {@code wss://} alike, as browsers do (an upgrade cannot
 *     pass a proxy that forwards requests), with {@code Proxy-Authorization} when the proxy has credentials;
 *     TLS and the handshake then run with the server through the tunnel, verified as without a proxy.
 *     A refusal fails with {@link sifr.http.ProxyError} (its status), 407 with {@link sifr.http.ProxyAuthError}
 * @param headers client: extra request header fields, e.g. {@code origin} or {@code authorization}
 *     (default none)
 * @param counters where violations and timeouts of connections made with these options are counted
 *     (default: a fresh set per {@link Builder#build()})
 */
public record WebSocketOptions(int maxFrameSize, int maxMessageSize, int maxFragments, int maxQueuedMessages,
                               int maxOutgoingQueueBytes, boolean deliverFragments, Duration closeTimeout,
                               Duration idleTimeout, Duration pingInterval, Duration writeTimeout,
                               Duration handshakeTimeout, int maxHandshakeBytes, List<String> subprotocols,
                               Predicate<Optional<String>> originAllowed, boolean permessageDeflate,
                               boolean deflateNoContextTakeover, Optional<TlsClientConfig> tls, WebSocketHttp2 http2,
                               Optional<Proxy> proxy, HeaderMap headers, WebSocketCounters counters) {

    /** Validates every field. */
    public WebSocketOptions {
        positive(maxFrameSize, "max frame size");
        positive(maxMessageSize, "max message size");
        positive(maxFragments, "max fragments");
        positive(maxQueuedMessages, "max queued messages");
        positive(maxOutgoingQueueBytes, "max outgoing queue bytes");
        positive(maxHandshakeBytes, "max handshake bytes");
        positive(closeTimeout, "close timeout");
        positive(idleTimeout, "idle timeout");
        positive(writeTimeout, "write timeout");
        positive(handshakeTimeout, "handshake timeout");
        Objects.requireNonNull(pingInterval, "pingInterval");
        if (pingInterval.isNegative()) {
            throw new IllegalArgumentException("WebSocket ping interval must not be negative");
        }
        subprotocols = List.copyOf(subprotocols);
        for (String p : subprotocols) {
            if (!isToken(p)) {
                throw new IllegalArgumentException("WebSocket subprotocol must be a token: " + p);
            }
        }
        Objects.requireNonNull(originAllowed, "originAllowed");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(http2, "http2");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(counters, "counters");
    }

    private static void positive(int v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException("WebSocket " + what + " must be positive");
        }
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("WebSocket " + what + " must be positive");
        }
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The defaults listed above. */
    public static WebSocketOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link WebSocketOptions}; each setter documents its field on the record. */
    public static final class Builder {
        private int maxFrameSize = 1 << 20;
        private int maxMessageSize = 1 << 20;
        private int maxFragments = 1024;
        private int maxQueuedMessages = 16;
        private int maxOutgoingQueueBytes = 1 << 20;
        private boolean deliverFragments;
        private Duration closeTimeout = Duration.ofSeconds(5);
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration pingInterval = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private int maxHandshakeBytes = 64 * 1024;
        private List<String> subprotocols = List.of();
        private Predicate<Optional<String>> originAllowed = origin -> true;
        private boolean permessageDeflate;
        private boolean deflateNoContextTakeover;
        private Optional<TlsClientConfig> tls = Optional.empty();
        private WebSocketHttp2 http2 = WebSocketHttp2.PREFERRED;
        private Optional<Proxy> proxy = Optional.empty();
        private HeaderMap headers = HeaderMap.of();
        private WebSocketCounters counters;

        private Builder() {
        }

        private Builder(WebSocketOptions o) {
            maxFrameSize = o.maxFrameSize;
            maxMessageSize = o.maxMessageSize;
            maxFragments = o.maxFragments;
            maxQueuedMessages = o.maxQueuedMessages;
            maxOutgoingQueueBytes = o.maxOutgoingQueueBytes;
            deliverFragments = o.deliverFragments;
            closeTimeout = o.closeTimeout;
            idleTimeout = o.idleTimeout;
            pingInterval = o.pingInterval;
            writeTimeout = o.writeTimeout;
            handshakeTimeout = o.handshakeTimeout;
            maxHandshakeBytes = o.maxHandshakeBytes;
            subprotocols = o.subprotocols;
            originAllowed = o.originAllowed;
            permessageDeflate = o.permessageDeflate;
            deflateNoContextTakeover = o.deflateNoContextTakeover;
            tls = o.tls;
            http2 = o.http2;
            proxy = o.proxy;
            headers = o.headers;
            counters = o.counters;
        }

        public Builder maxFrameSize(int bytes) {
            this.maxFrameSize = bytes;
            return this;
        }

        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = bytes;
            return this;
        }

        public Builder maxFragments(int count) {
            this.maxFragments = count;
            return this;
        }

        public Builder maxQueuedMessages(int count) {
            this.maxQueuedMessages = count;
            return this;
        }

        public Builder maxOutgoingQueueBytes(int bytes) {
            this.maxOutgoingQueueBytes = bytes;
            return this;
        }

        public Builder deliverFragments(boolean value) {
            this.deliverFragments = value;
            return this;
        }

        public Builder closeTimeout(Duration value) {
            this.closeTimeout = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        public Builder pingInterval(Duration value) {
            this.pingInterval = value;
            return this;
        }

        public Builder writeTimeout(Duration value) {
            this.writeTimeout = value;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            this.handshakeTimeout = value;
            return this;
        }

        public Builder maxHandshakeBytes(int bytes) {
            this.maxHandshakeBytes = bytes;
            return this;
        }

        public Builder subprotocols(List<String> value) {
            this.subprotocols = value;
            return this;
        }

        public Builder originAllowed(Predicate<Optional<String>> value) {
            this.originAllowed = value;
            return this;
        }

        public Builder permessageDeflate(boolean value) {
            this.permessageDeflate = value;
            return this;
        }

        public Builder deflateNoContextTakeover(boolean value) {
            this.deflateNoContextTakeover = value;
            return this;
        }

        public Builder tls(TlsClientConfig value) {
            this.tls = Optional.of(value);
            return this;
        }

        /** Client: HTTP/2 (RFC 8441) or HTTP/1.1; see {@link WebSocketHttp2} (default {@code PREFERRED}). */
        public Builder http2(WebSocketHttp2 value) {
            this.http2 = value;
            return this;
        }

        /** Client: reach the server through this HTTP proxy's CONNECT tunnel (default none). */
        public Builder proxy(Proxy value) {
            this.proxy = Optional.of(value);
            return this;
        }

        public Builder headers(HeaderMap value) {
            this.headers = value;
            return this;
        }

        public Builder counters(WebSocketCounters value) {
            this.counters = value;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException a limit or timeout that is not positive, a subprotocol that is not a token
         * @throws NullPointerException a null field
         */
        public WebSocketOptions build() {
            return new WebSocketOptions(maxFrameSize, maxMessageSize, maxFragments, maxQueuedMessages,
                    maxOutgoingQueueBytes, deliverFragments, closeTimeout, idleTimeout, pingInterval, writeTimeout,
                    handshakeTimeout, maxHandshakeBytes, subprotocols, originAllowed, permessageDeflate,
                    deflateNoContextTakeover, tls, http2, proxy, headers, counters == null ? new WebSocketCounters() : counters);
        }
    }
}
