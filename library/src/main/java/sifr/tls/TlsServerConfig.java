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
        this.alpn = Settings.alpn(alpn);
        this.requireClientAuth = requireClientAuth;
        this.handshakeTimeout = Settings.timeout(handshakeTimeout);
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

    /** This configuration with another handshake timeout (default {@link Tls#DEFAULT_HANDSHAKE_TIMEOUT}). */
    public TlsServerConfig withHandshakeTimeout(Duration timeout) {
        return new TlsServerConfig(context, alpn, requireClientAuth, timeout);
    }

    /** This configuration accepting other ALPN protocols, in the server's preference order. */
    public TlsServerConfig withAlpnProtocols(List<String> protocols) {
        return new TlsServerConfig(context, protocols, requireClientAuth, handshakeTimeout);
    }
}
