package sifr.tls.internal;

import java.security.cert.X509Certificate;

/**
 * Whether a server certificate, already verified for one host, also names another: what an HTTP/2
 * client asks before it sends a second origin's requests over that connection (RFC 9113 §9.1.1).
 * The same rule as the handshake's host check: subjectAltName only (DNS names with one whole-label
 * leftmost wildcard, IP addresses for IP literals), never the common name.
 */
public final class HostCoverage {
    private HostCoverage() {
    }

    /** True when {@code leaf}'s subjectAltName covers {@code host} (a DNS name or an IP literal). */
    public static boolean covers(X509Certificate leaf, String host) {
        return CertificateDiagnosis.matchesHost(leaf, host);
    }
}
