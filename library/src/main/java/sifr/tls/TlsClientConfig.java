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
        this.alpn = Settings.alpn(alpn);
        this.handshakeTimeout = Settings.timeout(handshakeTimeout);
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

    /** This configuration with another handshake timeout (default {@link Tls#DEFAULT_HANDSHAKE_TIMEOUT}). */
    public TlsClientConfig withHandshakeTimeout(Duration timeout) {
        return new TlsClientConfig(context, alpn, timeout);
    }

    /** This configuration offering other ALPN protocols (same trust and identity, same session cache). */
    public TlsClientConfig withAlpnProtocols(List<String> protocols) {
        return new TlsClientConfig(context, protocols, handshakeTimeout);
    }
}
