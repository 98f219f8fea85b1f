package sifr.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import sifr.net.ByteStream;
import sifr.net.SocketAddr;
import sifr.tls.internal.TlsConnection;

/**
 * A TLS connection over another {@link ByteStream}, itself a {@code ByteStream}: HTTP and anything
 * else that runs over TCP runs over it unchanged. Made by {@link TlsClientConfig#connect} and
 * {@link TlsServerConfig#accept}, already handshaken.
 *
 * <p>One reader and one writer may use it at once (or the halves from {@link #split()}). Writes are
 * encrypted and sent at once, so {@link #flush()} only flushes the transport.
 *
 * <p>Closing: {@link #closeNotify()} sends TLS close_notify and half-closes the transport (the peer
 * reads end of stream; this side can still read); {@link #close()} sends close_notify if it has not
 * been sent and then closes the transport. A transport that ends without close_notify makes
 * {@code read} fail once with {@code TLS peer closed the connection without close_notify ...}
 * (truncation is an attack, not an end of stream).
 */
public final class TlsStream implements ByteStream {
    private final TlsConnection connection;
    private final String serverName;
    private final AtomicBoolean split = new AtomicBoolean();

    TlsStream(TlsConnection connection, String serverName) {
        this.connection = connection;
        this.serverName = serverName;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return connection.read(dst);
    }

    /**
     * {@link ByteStream#whenReadable} on the transport, when nothing is buffered here (no decrypted
     * bytes not yet read, no partial or whole record not yet decrypted); false otherwise, and the caller
     * reads what is buffered first.
     */
    @Override
    public boolean whenReadable(Runnable action) {
        return !connection.inputPending() && connection.transport().whenReadable(action);
    }

    /**
     * Decrypts records into the connection's own buffer and drops the plaintext there (no copy, no
     * allocation), at most one record's worth per call. See {@link ByteStream#skip}.
     */
    @Override
    public long skip(long maxBytes) throws IOException {
        ByteStream.checkSkipSize(maxBytes);
        return connection.skip(maxBytes);
    }

    /**
     * @throws IllegalArgumentException {@code TLS read size must be positive} or
     *     {@code TLS read size exceeds 1048576 bytes}
     */
    @Override
    public byte[] read(int maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("TLS read size must be positive");
        }
        if (maxBytes > MAX_READ_SIZE) {
            throw new IllegalArgumentException("TLS read size exceeds " + MAX_READ_SIZE + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate(maxBytes);
        int n = connection.read(buffer);
        if (n <= 0) {
            return new byte[0];
        }
        byte[] result = new byte[n];
        buffer.flip().get(result);
        return result;
    }

    /** Encrypts and sends all of {@code data} (TLS records are all-or-nothing); returns its length. */
    @Override
    public int write(byte[] data) throws IOException {
        connection.writeAll(ByteBuffer.wrap(data));
        return data.length;
    }

    /** @throws TlsError {@code TLS write side is already close-notified} after {@link #closeNotify()} */
    @Override
    public void writeAll(ByteBuffer src) throws IOException {
        connection.writeAll(src);
    }

    /** Flushes the transport. Succeeds (as a no-op) after {@link #closeNotify()}. */
    @Override
    public void flush() throws IOException {
        connection.flush();
    }

    /**
     * Sends TLS close_notify and half-closes the transport. Idempotent. Afterwards writes fail with
     * {@code TLS write side is already close-notified}; reading goes on until the peer closes too.
     */
    public void closeNotify() throws IOException {
        connection.closeNotify();
    }

    /** The same as {@link #closeNotify()}: the TLS way to half-close. */
    @Override
    public void shutdownWrite() throws IOException {
        connection.closeNotify();
    }

    /** Sends close_notify unless already sent (without waiting for a busy writer), then closes the transport. Idempotent. */
    @Override
    public void close() {
        connection.close();
    }

    /**
     * Splits into a read half and a write half for two threads (or tasks). The halves share this
     * stream; closing both closes it. Only once per stream.
     *
     * @throws IllegalStateException {@code TLS stream is already split}
     */
    public TlsHalves split() {
        if (!split.compareAndSet(false, true)) {
            throw new IllegalStateException("TLS stream is already split");
        }
        AtomicBoolean otherClosed = new AtomicBoolean();
        return new TlsHalves(new TlsReadHalf(this, otherClosed), new TlsWriteHalf(this, otherClosed));
    }

    /** The ALPN protocol both sides agreed on; empty if ALPN was not negotiated. */
    public Optional<String> alpnProtocol() {
        String protocol = connection.engine().getApplicationProtocol();
        return protocol == null || protocol.isEmpty() ? Optional.empty() : Optional.of(protocol);
    }

    /** {@code "TLSv1.3"} or {@code "TLSv1.2"}. */
    public String protocolVersion() {
        return connection.protocol();
    }

    /** The negotiated cipher suite, e.g. {@code TLS_AES_256_GCM_SHA384}. */
    public String cipherSuite() {
        return connection.engine().getSession().getCipherSuite();
    }

    /**
     * The server name: on a client the name given to {@code connect}; on a server the SNI name the
     * client sent (empty if it sent none, e.g. when it connected by IP address).
     */
    public Optional<String> serverName() {
        if (serverName != null) {
            return Optional.of(serverName);
        }
        SSLSession session = connection.engine().getSession();
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return Optional.of(host.getAsciiName());
                }
            }
        }
        return Optional.empty();
    }

    /** The peer's verified certificate chain, leaf first; empty if the peer sent none (a client without mTLS). */
    public List<X509Certificate> peerCertificates() {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : connection.engine().getSession().getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    @Override
    public SocketAddr localAddr() {
        return connection.transport().localAddr();
    }

    @Override
    public SocketAddr remoteAddr() {
        return connection.transport().remoteAddr();
    }

    @Override
    public String toString() {
        return "TlsStream[" + protocolVersion() + " " + connection.transport() + "]";
    }
}
