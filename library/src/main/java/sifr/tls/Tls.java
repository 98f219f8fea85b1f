package sifr.tls;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import sifr.tls.internal.Certificates;
import sifr.tls.internal.ClassWarmUp;
import sifr.tls.internal.ExplainingTrustManager;
import sifr.tls.internal.KeyMaterial;
import sifr.tls.internal.SingleKeyManager;

/**
 * Factories for TLS configurations (Sifr's {@code client_config_*} and {@code server_config*}).
 *
 * <p>Every configuration gets the same policy, and nothing loosens it: TLS 1.3 and TLS 1.2 only;
 * AEAD cipher suites with forward secrecy only — TLS 1.3 {@code TLS_AES_256_GCM_SHA384},
 * {@code TLS_AES_128_GCM_SHA256}, {@code TLS_CHACHA20_POLY1305_SHA256}; TLS 1.2 ECDHE with ECDSA or
 * RSA and AES-GCM or ChaCha20-Poly1305; key exchange over X25519, P-256 or P-384 only; signature
 * schemes ECDSA P-256/P-384, Ed25519, RSA-PSS and RSA PKCS#1 with SHA-256/384/512 (no SHA-1, P-521 or
 * Ed448); certificate and hostname verification always (there is deliberately no API or system property
 * that disables it), with the rules of Rustls/webpki on top of the JDK's: X.509 v3 below the trust
 * anchor, no SHA-1 or MD5 signatures, RSA keys of 2048 to 8192 bits, EC keys on P-256/P-384, and server
 * names matched against subjectAltName only (never the common name); no renegotiation. Client
 * certificates get the same chain rules. A certificate of our own whose key the policy refuses
 * (RSA outside 2048 to 8192 bits, P-521, Ed448, DSA) is refused by the factory with a {@link CertificateError}.
 *
 * <p>PEM input: certificates as {@code CERTIFICATE} blocks (a chain leaf first); private keys as
 * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}).
 * Encrypted keys and keys that do not belong to the certificate are refused with a
 * {@link CertificateError} that says so.
 */
public final class Tls {
    /** Handshake timeout of every configuration unless changed with {@code config.toBuilder().handshakeTimeout(...)}. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private static final String CLIENT_ROOTS = "client root certificates";
    private static final String CLIENT_ROOT = "client root certificate";

    private Tls() {
    }

    /** A client that trusts exactly the CA certificates in {@code pem}. */
    public static TlsClientConfig clientConfigFromCaPem(byte[] pem) throws TlsError {
        return clientConfigFromCaPem(pem, List.of());
    }

    /**
     * A client that trusts exactly the CA certificates in {@code pem} and offers {@code alpn}.
     *
     * @throws CertificateError {@code failed to parse client root certificates: ...} or
     *     {@code client root certificate PEM contains no certificates}
     */
    public static TlsClientConfig clientConfigFromCaPem(byte[] pem, List<String> alpn) throws TlsError {
        List<X509Certificate> roots = Certificates.parse(pem, CLIENT_ROOTS, CLIENT_ROOT);
        return new TlsClientConfig(context(null, trusting(roots, CLIENT_ROOTS)), alpn, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** A client that trusts the JDK's default trust store (the platform's public CAs). */
    public static TlsClientConfig clientConfigPlatform() throws TlsError {
        return clientConfigPlatform(List.of());
    }

    public static TlsClientConfig clientConfigPlatform(List<String> alpn) throws TlsError {
        ExplainingTrustManager trust;
        try {
            trust = ExplainingTrustManager.platform();
        } catch (GeneralSecurityException e) {
            throw new TlsError("failed to load the platform's root certificates: " + e.getMessage(), e);
        }
        return new TlsClientConfig(context(null, trust), alpn, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** A client that trusts the roots in {@code rootPem} and proves its identity with a certificate (mutual TLS). */
    public static TlsClientConfig clientConfigWithClientAuth(byte[] rootPem, byte[] certPem, byte[] keyPem)
            throws TlsError {
        return clientConfigWithClientAuth(rootPem, certPem, keyPem, List.of());
    }

    public static TlsClientConfig clientConfigWithClientAuth(byte[] rootPem, byte[] certPem, byte[] keyPem,
            List<String> alpn) throws TlsError {
        List<X509Certificate> roots = Certificates.parse(rootPem, CLIENT_ROOTS, CLIENT_ROOT);
        KeyMaterial identity = KeyMaterial.load(certPem, keyPem, "client");
        return new TlsClientConfig(context(identity, trusting(roots, CLIENT_ROOTS)), alpn, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** A server with the chain in {@code certPem} (leaf first) and its key. */
    public static TlsServerConfig serverConfig(byte[] certPem, byte[] keyPem) throws TlsError {
        return serverConfig(certPem, keyPem, List.of());
    }

    public static TlsServerConfig serverConfig(byte[] certPem, byte[] keyPem, List<String> alpn) throws TlsError {
        KeyMaterial identity = KeyMaterial.load(certPem, keyPem, "server");
        return new TlsServerConfig(context(identity, null), alpn, false, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** A server that requires every client to present a certificate leading to a root in {@code clientCaPem}. */
    public static TlsServerConfig serverConfigRequireClientAuth(byte[] certPem, byte[] keyPem, byte[] clientCaPem)
            throws TlsError {
        return serverConfigRequireClientAuth(certPem, keyPem, clientCaPem, List.of());
    }

    public static TlsServerConfig serverConfigRequireClientAuth(byte[] certPem, byte[] keyPem, byte[] clientCaPem,
            List<String> alpn) throws TlsError {
        KeyMaterial identity = KeyMaterial.load(certPem, keyPem, "server");
        List<X509Certificate> clientRoots = Certificates.parse(clientCaPem, "client CA certificates",
                "client CA certificate");
        return new TlsServerConfig(context(identity, trusting(clientRoots, "client CA certificates")), alpn, true,
                DEFAULT_HANDSHAKE_TIMEOUT);
    }

    private static ExplainingTrustManager trusting(List<X509Certificate> roots, String what) throws CertificateError {
        try {
            return ExplainingTrustManager.trusting(roots);
        } catch (GeneralSecurityException e) {
            throw new CertificateError("failed to parse " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * A JSSE context with exactly our identity (or none: an empty key manager list keeps the JDK from
     * picking up a key store named by system properties) and our trust (or none: a server that does
     * not ask for client certificates trusts nobody).
     */
    private static SSLContext context(KeyMaterial identity, ExplainingTrustManager trust) throws TlsError {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] keys = identity == null ? new KeyManager[0] : new KeyManager[] {new SingleKeyManager(identity)};
            TrustManager[] trusts = trust == null ? new TrustManager[0] : new TrustManager[] {trust};
            context.init(keys, trusts, null);
            ClassWarmUp.run(context);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsError("failed to create the TLS context: " + e.getMessage(), e);
        }
    }
}
