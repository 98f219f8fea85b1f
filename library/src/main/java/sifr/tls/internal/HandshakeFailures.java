package sifr.tls.internal;

import java.security.cert.CertificateException;
import sifr.tls.CertificateError;
import sifr.tls.TlsError;

/**
 * Turns the JDK's handshake exceptions into Sifr's {@code TLS client handshake failed: ...} /
 * {@code TLS server handshake failed: ...} errors, with a plain explanation in front of the JDK's
 * wording where the JDK's wording alone would leave the user guessing. Failures caused by a
 * certificate this side rejected are {@link CertificateError}s.
 */
final class HandshakeFailures {
    private static final String GROUPS = String.join(", ", TlsPolicy.NAMED_GROUPS);
    private static final String SCHEMES = "ECDSA P-256/P-384 with SHA-256/384, Ed25519, RSA-PSS and RSA PKCS#1 with"
            + " SHA-256/384/512";

    private HandshakeFailures() {
    }

    static TlsError of(String side, Exception e) {
        CertificateException certificate = certificateCause(e);
        String jdk = String.valueOf(e.getMessage());
        String detail = certificate != null ? certificate.getMessage()
                : jdk.contains("nrecognized SSL message") ? plaintext(side) + " (" + jdk + ")"
                : explain(jdk);
        String message = "TLS " + side + " handshake failed: " + detail;
        return certificate != null ? new CertificateError(message, e) : new TlsError(message, e);
    }

    private static CertificateException certificateCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException c) {
                return c;
            }
        }
        return null;
    }

    /** What bytes that are not a TLS record mean at the start of a handshake. */
    private static String plaintext(String side) {
        return side.equals("client") ? "the server answered in plaintext, not TLS (a plain port: use http:// there)"
                : "the client spoke plaintext, not TLS (it needs https:// for this port)";
    }

    static String explain(String jdk) {
        if (jdk.contains("Empty client certificate chain") || jdk.contains("Empty certificate chain")) {
            return "the client sent no certificate, but this server requires one (" + jdk + ")";
        }
        if (jdk.contains("certificate_required")) {
            return "the server requires a client certificate (" + jdk + ")";
        }
        if (jdk.startsWith("No appropriate protocol") || jdk.contains("is not enabled or supported")
                || jdk.contains("protocol_version")) {
            return "no TLS version in common with the peer; Sifr speaks TLS 1.3 and TLS 1.2 only (" + jdk + ")";
        }
        if (jdk.contains("No common named group")) {
            return "no key exchange group in common with the peer; Sifr allows only " + GROUPS + " (" + jdk + ")";
        }
        if (jdk.contains("no cipher suites in common")) {
            return "no cipher suite with a key exchange group in common with the peer; Sifr allows only AEAD suites"
                    + " with forward secrecy (in TLS 1.2 ECDHE over " + GROUPS + ") (" + jdk + ")";
        }
        if (jdk.contains("No supported signature algorithm") || jdk.contains("No available authentication scheme")
                || jdk.contains("No supported CertificateVerify signature algorithm")) {
            return "no signature scheme in common with the peer that this side's key can sign with; Sifr allows only "
                    + SCHEMES + " (" + jdk + ")";
        }
        if (jdk.contains("handshake_failure")) {
            // The peer gave up without saying why; these are the ways Sifr's offer can leave it nothing to pick.
            return "the peer refused the handshake: no TLS version, cipher suite, key exchange group or signature"
                    + " scheme in common with Sifr's (TLS 1.3 and 1.2; AEAD suites with forward secrecy; groups "
                    + GROUPS + "; signature schemes " + SCHEMES + ") (" + jdk + ")";
        }
        if (jdk.contains("no_application_protocol") || jdk.contains("No matching application layer protocol")
                || jdk.contains("No matching ALPN")) {
            return "no ALPN protocol in common with the peer (" + jdk + ")";
        }
        return jdk;
    }
}
