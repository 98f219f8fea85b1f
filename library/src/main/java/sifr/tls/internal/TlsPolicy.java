package sifr.tls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The one TLS policy every Sifr engine gets, client and server alike. There is no way to loosen it.
 * <ul>
 *   <li>Protocols: TLS 1.3 and TLS 1.2.</li>
 *   <li>Cipher suites (AEAD with forward secrecy only; the same set rustls offers):
 *       {@link #CIPHER_SUITES}. No CBC, no RSA key exchange, no static DH, no DHE.</li>
 *   <li>Key exchange groups (rustls's defaults): {@link #NAMED_GROUPS}. No finite-field DH, no P-521.</li>
 *   <li>Signature schemes (rustls's with the ring provider): {@link #SIGNATURE_SCHEMES}: ECDSA P-256
 *       with SHA-256 and P-384 with SHA-384, Ed25519, RSA-PSS and RSA PKCS#1 v1.5 with SHA-256/384/512.
 *       No SHA-1, no P-521, no Ed448. (RSA PKCS#1 v1.5 is only used by TLS 1.2 and for certificate
 *       signatures; TLS 1.3 handshakes never sign with it.) The JDK applies the list to handshake
 *       signatures and, as {@code signature_algorithms_cert}, to certificates.</li>
 *   <li>Certificates: the JDK's PKIX checks plus {@link ChainPolicy} (v3 only, no SHA-1/MD5, RSA of
 *       2048 to 8192 bits, EC P-256/P-384, Ed25519, subjectAltName without common-name fallback),
 *       for server and client certificates alike.</li>
 *   <li>Clients: endpoint identification {@code HTTPS} (RFC 2818/6125 hostname and IP checks), SNI
 *       for DNS names.</li>
 *   <li>Renegotiation: refused by {@code TlsStream} (TLS 1.3 has none).</li>
 * </ul>
 */
public final class TlsPolicy {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** In preference order. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** In preference order (rustls's: X25519 first). */
    public static final List<String> NAMED_GROUPS = List.of("x25519", "secp256r1", "secp384r1");

    /** In preference order. */
    public static final List<String> SIGNATURE_SCHEMES = List.of(
            "ecdsa_secp384r1_sha384", "ecdsa_secp256r1_sha256",
            "ed25519",
            "rsa_pss_rsae_sha512", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha256",
            "rsa_pss_pss_sha512", "rsa_pss_pss_sha384", "rsa_pss_pss_sha256",
            "rsa_pkcs1_sha512", "rsa_pkcs1_sha384", "rsa_pkcs1_sha256");

    private TlsPolicy() {
    }

    /** Applies the policy plus the per-connection settings to {@code engine}. */
    public static void apply(SSLEngine engine, boolean client, List<String> alpn, String sniName,
            boolean requireClientAuth) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(supported(PROTOCOLS, engine.getSupportedProtocols()));
        parameters.setCipherSuites(supported(CIPHER_SUITES, engine.getSupportedCipherSuites()));
        parameters.setUseCipherSuitesOrder(true);
        parameters.setNamedGroups(NAMED_GROUPS.toArray(new String[0]));
        parameters.setSignatureSchemes(SIGNATURE_SCHEMES.toArray(new String[0]));
        parameters.setApplicationProtocols(alpn.toArray(new String[0]));
        if (client) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setServerNames(sniName == null ? List.of() : List.of(new javax.net.ssl.SNIHostName(sniName)));
        } else {
            parameters.setNeedClientAuth(requireClientAuth);
        }
        engine.setSSLParameters(parameters);
        engine.setUseClientMode(client);
    }

    private static String[] supported(List<String> wanted, String[] available) {
        Set<String> offered = Set.of(available);
        List<String> result = new ArrayList<>();
        for (String name : wanted) {
            if (offered.contains(name)) {
                result.add(name);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalStateException("the JDK's TLS provider supports none of " + wanted);
        }
        return result.toArray(new String[0]);
    }
}
