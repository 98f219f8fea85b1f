package sifr.tls;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import sifr.net.ByteStream;
import sifr.tls.internal.Settings;
import sifr.tls.internal.TlsConnection;
import sifr.tls.internal.TlsHandshakeEvent;
import sifr.tls.internal.TlsPolicy;

/**
 * An immutable TLS server configuration: the certificate chain and key, optionally the roots that
 * client certificates must lead to (mutual TLS), ALPN protocols in the server's preference order,
 * and a handshake timeout. Made by the {@link Tls} factories; share one across connections.
 */
public final class TlsServerConfig {
    private final SSLContext context;
    private final List<String> alpn;
    private final boolean requireClientAuth;
    private final Duration handshakeTimeout;

    TlsServerConfig(SSLContext context, List<String> alpn, boolean requireClientAuth, Duration handshakeTimeout) {
        this.context = context;
        this.alpn = Settings.alpn(alpn, "TlsServerConfig.alpnProtocols");
        this.requireClientAuth = requireClientAuth;
        this.handshakeTimeout = Settings.timeout(handshakeTimeout, "TlsServerConfig.handshakeTimeout");
    }

    /**
     * Runs a TLS handshake as server over {@code stream} (typically a freshly accepted TCP stream).
     * The stream belongs to the result from now on; if the handshake fails it is closed.
     *
     * @throws TlsError {@code TLS server handshake failed: ...} (for example a client without the
     *     required certificate); a {@link CertificateError} when the client's certificate was rejected
     * @throws sifr.task.TimeoutError {@code TLS server handshake timed out}
     */
    public TlsStream accept(ByteStream stream) throws IOException {
        Objects.requireNonNull(stream, "stream");
        SSLEngine engine = context.createSSLEngine();
        TlsPolicy.apply(engine, false, alpn, null, requireClientAuth);
        TlsConnection connection = new TlsConnection(stream, engine);
        TlsHandshakeEvent event = TlsHandshakeEvent.start();
        try {
            connection.handshake(handshakeTimeout);
        } catch (IOException | RuntimeException e) {
            event.failed("server", null, stream, e);
            throw e;
        }
        TlsStream tls = new TlsStream(connection, null);
        event.succeeded("server", tls);
        return tls;
    }

    /** The ALPN protocols accepted, in the server's preference order; empty if none. */
    public List<String> alpnProtocols() {
        return alpn;
    }

    /** True if clients must present a certificate that leads to the configured client roots. */
    public boolean requiresClientAuth() {
        return requireClientAuth;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * A builder preset with this configuration's tunables (ALPN protocols, handshake timeout); certificate,
     * key and client-certificate roots stay those of this configuration:
     * {@code config.toBuilder().handshakeTimeout(Duration.ofSeconds(5)).build()}. {@code toBuilder().build()}
     * gives an equal configuration.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Two configurations are equal when they share certificate, key and client roots and their tunables are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TlsServerConfig c && c.context == context && c.alpn.equals(alpn)
                && c.requireClientAuth == requireClientAuth && c.handshakeTimeout.equals(handshakeTimeout);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(context) * 31 + alpn.hashCode() * 17 + handshakeTimeout.hashCode()
                + (requireClientAuth ? 1 : 0);
    }

    /**
     * Changes the tunables of a {@link TlsServerConfig}; the certificate chain, key and client-certificate
     * roots come from the configuration it was made from (key material is set only by the {@link Tls}
     * factories). Not thread-safe.
     */
    public static final class Builder {
        private final SSLContext context;
        private final boolean requireClientAuth;
        private List<String> alpn;
        private Duration handshakeTimeout;

        private Builder(TlsServerConfig from) {
            context = from.context;
            requireClientAuth = from.requireClientAuth;
            alpn = from.alpn;
            handshakeTimeout = from.handshakeTimeout;
        }

        /** ALPN protocols accepted, in the server's preference order (empty: none; at most 64). */
        public Builder alpnProtocols(List<String> protocols) {
            alpn = protocols;
            return this;
        }

        /** Bound on one handshake (default {@link Tls#DEFAULT_HANDSHAKE_TIMEOUT}; positive, at most 86,400 s). */
        public Builder handshakeTimeout(Duration timeout) {
            handshakeTimeout = timeout;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws sifr.net.OptionError (naming the field) {@code TLS timeout must be finite and positive}, {@code TLS timeout
         *     is too large}, or an ALPN name that is empty, too long or not printable ASCII
         */
        public TlsServerConfig build() {
            return new TlsServerConfig(context, alpn, requireClientAuth, handshakeTimeout);
        }
    }
}
