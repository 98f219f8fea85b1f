package sifr.tls;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import sifr.net.ByteStream;
import sifr.tls.internal.ServerNames;
import sifr.tls.internal.Settings;
import sifr.tls.internal.TlsConnection;
import sifr.tls.internal.TlsHandshakeEvent;
import sifr.tls.internal.TlsPolicy;

/**
 * An immutable TLS client configuration: trusted roots, an optional client certificate, ALPN
 * protocols and a handshake timeout. Made by the {@link Tls} factories; reuse one for many
 * connections (it holds the session cache, so reconnects to the same server can resume).
 *
 * <p>Verification is always on: the server's chain must lead to a trusted root, be valid now, be
 * meant for TLS servers, meet the certificate policy described in {@link Tls}, and name the host
 * given to {@link #connect} in its subjectAltName. Nothing turns that off.
 */
public final class TlsClientConfig {
    private final SSLContext context;
    private final List<String> alpn;
    private final Duration handshakeTimeout;

    TlsClientConfig(SSLContext context, List<String> alpn, Duration handshakeTimeout) {
        this.context = context;
        this.alpn = Settings.alpn(alpn, "TlsClientConfig.alpnProtocols");
        this.handshakeTimeout = Settings.timeout(handshakeTimeout, "TlsClientConfig.handshakeTimeout");
    }

    /**
     * Runs a TLS handshake as client over {@code stream} and returns the secured stream. The stream
     * belongs to the result from now on; if the handshake fails it is closed.
     *
     * @param serverName the host name (sent as SNI and checked against the certificate's DNS names)
     *     or IP address literal (checked against its IP addresses; IPv6 with or without brackets)
     * @throws TlsError {@code TLS client handshake failed: ...}; a {@link CertificateError} when the
     *     server's certificate was rejected, saying why
     * @throws sifr.task.TimeoutError {@code TLS client handshake timed out}
     */
    public TlsStream connect(String serverName, ByteStream stream) throws IOException {
        Objects.requireNonNull(stream, "stream");
        String name = ServerNames.normalize(serverName);
        boolean ip = ServerNames.isIpLiteral(name);
        SSLEngine engine = context.createSSLEngine(name, portOf(stream));
        TlsPolicy.apply(engine, true, alpn, ip ? null : name, false);
        TlsConnection connection = new TlsConnection(stream, engine);
        TlsHandshakeEvent event = TlsHandshakeEvent.start();
        try {
            connection.handshake(handshakeTimeout);
        } catch (IOException | RuntimeException e) {
            event.failed("client", name, stream, e);
            throw e;
        }
        TlsStream tls = new TlsStream(connection, name);
        event.succeeded("client", tls);
        return tls;
    }

    private static int portOf(ByteStream stream) {
        try {
            return stream.remoteAddr().port();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The ALPN protocols offered, in preference order; empty if none. */
    public List<String> alpnProtocols() {
        return alpn;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * A builder preset with this configuration's tunables (ALPN protocols, handshake timeout); trust,
     * identity and session cache stay those of this configuration:
     * {@code config.toBuilder().alpnProtocols(List.of("h2")).build()}. {@code toBuilder().build()} gives an
     * equal configuration.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Two configurations are equal when they share trust, identity and session cache and their tunables are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TlsClientConfig c && c.context == context && c.alpn.equals(alpn)
                && c.handshakeTimeout.equals(handshakeTimeout);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(context) * 31 + alpn.hashCode() * 17 + handshakeTimeout.hashCode();
    }

    /**
     * Changes the tunables of a {@link TlsClientConfig}; the trust, identity and session cache come from
     * the configuration it was made from (key material is set only by the {@link Tls} factories). Not
     * thread-safe.
     */
    public static final class Builder {
        private final SSLContext context;
        private List<String> alpn;
        private Duration handshakeTimeout;

        private Builder(TlsClientConfig from) {
            context = from.context;
            alpn = from.alpn;
            handshakeTimeout = from.handshakeTimeout;
        }

        /** ALPN protocols offered, in preference order (empty: none; at most 64, each 1..255 printable ASCII). */
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
        public TlsClientConfig build() {
            return new TlsClientConfig(context, alpn, handshakeTimeout);
        }
    }
}
