package sifr.tls.internal;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The certificate rules of Rustls/webpki that the JDK's PKIX validation does not enforce, checked by
 * us over the certification path of every peer chain, client and server certificates alike. The JDK's
 * answer still has to be yes as well; these rules only ever add refusals, and they do not read
 * {@code java.security} ({@code jdk.certpath.disabledAlgorithms} can loosen the JDK, never these):
 * <ul>
 *   <li>every certificate on the path except the trust anchor is X.509 v3;</li>
 *   <li>every signature on the path (the trust anchor's self-signature is not one: nobody verifies
 *       it) is ECDSA P-256/P-384 with SHA-256/384, Ed25519, RSA PKCS#1 v1.5 or RSA-PSS with
 *       SHA-256/384/512 — never SHA-1 or MD5;</li>
 *   <li>every key on the path, the trust anchor's included (it verifies the first signature), is RSA
 *       of {@value #MIN_RSA_BITS} to {@value #MAX_RSA_BITS} bits, EC on P-256 or P-384, or Ed25519;</li>
 *   <li>a server certificate names its host in subjectAltName: DNS names for host names, IP
 *       addresses for IP literals. The subject's common name is never used (the JDK falls back to it
 *       when there is no DNS name; webpki never does).</li>
 * </ul>
 * The path is rebuilt from the leaf through the certificates the peer sent to a trust anchor; extra
 * certificates the peer sent that are not on it are ignored, as webpki ignores them.
 */
final class ChainPolicy {
    static final int MIN_RSA_BITS = 2048;
    /** webpki's upper bound too: verifying with a larger modulus costs a peer's CPU for nothing. */
    static final int MAX_RSA_BITS = 8192;
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    /** Signature algorithm OIDs (RFC 3279, 4055, 5758, 8410) with their hash or curve rules below. */
    private static final Set<String> RSA_PKCS1 = Set.of(
            "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13");
    private static final String RSA_PSS = "1.2.840.113549.1.1.10";
    private static final Set<String> ECDSA = Set.of("1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3");
    private static final String ED25519 = "1.3.101.112";
    /** MD2, MD5 and SHA-1 with RSA (PKCS#1 and the old OIW OID), ECDSA and DSA. */
    private static final Set<String> WEAK_HASH = Set.of(
            "1.2.840.113549.1.1.2", "1.2.840.113549.1.1.4", "1.2.840.113549.1.1.5", "1.3.14.3.2.29",
            "1.2.840.10045.4.1", "1.2.840.10040.4.3");
    private static final Set<String> PSS_DIGESTS = Set.of("SHA-256", "SHA-384", "SHA-512");
    private static final String ACCEPTED_SIGNATURES = "ECDSA P-256/P-384 with SHA-256/384, Ed25519,"
            + " RSA PKCS#1 and RSA-PSS with SHA-256/384/512";

    private final List<X509Certificate> anchors;
    private final Map<X500Principal, List<X509Certificate>> anchorsBySubject = new HashMap<>();

    ChainPolicy(List<X509Certificate> anchors) {
        this.anchors = List.copyOf(anchors);
        for (X509Certificate anchor : this.anchors) {
            anchorsBySubject.computeIfAbsent(anchor.getSubjectX500Principal(), k -> new ArrayList<>()).add(anchor);
        }
    }

    /**
     * The first rule {@code chain} (leaf first, as the peer sent it) breaks, in words; empty if none.
     *
     * @param host for a server certificate, the name or IP literal that was dialled; null when unknown
     *     (the subjectAltName must then still be there)
     */
    Optional<String> problem(List<X509Certificate> chain, boolean serverCertificate, String host) {
        Optional<String> path = pathProblem(chain);
        return path.isPresent() || !serverCertificate ? path : nameProblem(chain.get(0), host);
    }

    /** The first rule about versions, keys and signatures that the path of {@code chain} breaks. */
    Optional<String> pathProblem(List<X509Certificate> chain) {
        X509Certificate current = chain.get(0);
        for (int depth = 0; depth <= chain.size(); depth++) {
            if (isAnchor(current)) {
                break; // a trust anchor the peer sent along: its version and self-signature do not matter
            }
            Optional<String> own = certificateProblem(current);
            if (own.isPresent()) {
                return own;
            }
            X509Certificate anchor = issuerAmong(current, anchorsBySubject.getOrDefault(
                    current.getIssuerX500Principal(), List.of()));
            if (anchor != null) {
                Optional<String> anchorKey = keyProblem(anchor);
                if (anchorKey.isPresent()) {
                    return Optional.of("trusted root " + anchorKey.get());
                }
                break;
            }
            X509Certificate issuer = issuerAmong(current, chain);
            if (issuer == null || issuer.equals(current)) {
                break; // no path to an anchor: the JDK rejects that, and the diagnosis words it
            }
            current = issuer;
        }
        return Optional.empty();
    }

    private boolean isAnchor(X509Certificate certificate) {
        if (anchors.contains(certificate)) {
            return true;
        }
        // The same root re-encoded (another serial or validity, same name and key) is the same anchor.
        for (X509Certificate anchor : anchorsBySubject.getOrDefault(certificate.getSubjectX500Principal(), List.of())) {
            if (anchor.getPublicKey().equals(certificate.getPublicKey())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> certificateProblem(X509Certificate certificate) {
        return versionProblem(certificate).or(() -> keyProblem(certificate)).or(() -> signatureProblem(certificate));
    }

    private static Optional<String> versionProblem(X509Certificate certificate) {
        if (certificate.getVersion() < 3) {
            return Optional.of("certificate " + name(certificate) + " is an X.509 v" + certificate.getVersion()
                    + " certificate; only v3 certificates are accepted (only a trust anchor may be older)");
        }
        return Optional.empty();
    }

    private static Optional<String> signatureProblem(X509Certificate certificate) {
        String oid = certificate.getSigAlgOID();
        String algorithm = certificate.getSigAlgName();
        String pssDigest = RSA_PSS.equals(oid) ? pssDigest(certificate.getSigAlgParams()) : "";
        if (pssDigest.equals("SHA-1")) {
            algorithm = algorithm + " with SHA-1";
        }
        if (WEAK_HASH.contains(oid) || algorithm.startsWith("SHA1") || algorithm.startsWith("MD")
                || pssDigest.equals("SHA-1")) {
            return Optional.of("certificate " + name(certificate) + " is signed with " + algorithm
                    + "; SHA-1 and MD5 signatures are not accepted");
        }
        if (RSA_PKCS1.contains(oid) || ECDSA.contains(oid) || ED25519.equals(oid) || PSS_DIGESTS.contains(pssDigest)) {
            return Optional.empty();
        }
        return Optional.of("certificate " + name(certificate) + " is signed with " + algorithm
                + ", which is not accepted (accepted: " + ACCEPTED_SIGNATURES + ")");
    }

    /** The hash of RSA-PSS parameters ({@code SHA-256}, ...); absent parameters mean SHA-1 (RFC 4055). */
    private static String pssDigest(byte[] encodedParameters) {
        if (encodedParameters == null) {
            return "SHA-1";
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(encodedParameters);
            String digest = parameters.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
            return digest.equalsIgnoreCase("SHA1") || digest.equalsIgnoreCase("SHA") ? "SHA-1" : digest;
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return "unreadable parameters";
        }
    }

    /** Also used for our own key material: a key the policy would refuse in a peer is refused in a config. */
    static Optional<String> keyProblem(X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        String prefix = "certificate " + name(certificate) + ": its ";
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                return Optional.of(prefix + "RSA key of " + bits + " bits is below the minimum of " + MIN_RSA_BITS);
            }
            return bits > MAX_RSA_BITS
                    ? Optional.of(prefix + "RSA key of " + bits + " bits is above the maximum of " + MAX_RSA_BITS)
                    : Optional.empty();
        }
        if (key instanceof ECPublicKey ec) {
            String curve = curveName(ec);
            return curve.equals("secp256r1") || curve.equals("secp384r1") ? Optional.empty()
                    : Optional.of(prefix + "EC key is on " + curve + "; only P-256 (secp256r1) and P-384"
                            + " (secp384r1) are accepted");
        }
        if (key instanceof EdECPublicKey ed) {
            String curve = ed.getParams().getName();
            return curve.equalsIgnoreCase("Ed25519") ? Optional.empty()
                    : Optional.of(prefix + curve + " key is not accepted (of EdDSA keys, only Ed25519 is)");
        }
        return Optional.of(prefix + key.getAlgorithm() + " key is not accepted (accepted: RSA of " + MIN_RSA_BITS
                + " to " + MAX_RSA_BITS + " bits, EC P-256 and P-384, Ed25519)");
    }

    private static String curveName(ECPublicKey key) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(key.getParams());
            String name = parameters.getParameterSpec(ECGenParameterSpec.class).getName();
            return switch (name) {
                case "1.2.840.10045.3.1.7" -> "secp256r1";
                case "1.3.132.0.34" -> "secp384r1";
                case "1.3.132.0.35" -> "secp521r1";
                default -> name;
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            return "a curve of " + key.getParams().getOrder().bitLength() + " bits";
        }
    }

    /** A server certificate must name the host in subjectAltName; there is no common-name fallback. */
    static Optional<String> nameProblem(X509Certificate leaf, String host) {
        boolean any = false;
        for (List<?> entry : subjectAltNames(leaf)) {
            int type = (Integer) entry.get(0);
            any |= type == SAN_DNS || type == SAN_IP;
        }
        if (!any) {
            return Optional.of("certificate " + name(leaf) + " has no subjectAltName (no DNS name or IP address);"
                    + " the subject's common name is never used to match the host");
        }
        if (host != null && !host.isEmpty() && !CertificateDiagnosis.matchesHost(leaf, host)) {
            return Optional.of("certificate " + name(leaf) + " is not valid for " + host + " (it names "
                    + CertificateDiagnosis.describeNames(leaf) + ")");
        }
        return Optional.empty();
    }

    static List<List<?>> subjectAltNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : List.copyOf(names);
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /**
     * The certificate among {@code candidates} that issued {@code certificate}: by name, and by
     * signature only when several share the name (the JDK has verified every signature on the path).
     */
    private static X509Certificate issuerAmong(X509Certificate certificate, Collection<X509Certificate> candidates) {
        X500Principal issuerName = certificate.getIssuerX500Principal();
        List<X509Certificate> named = new ArrayList<>(2);
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(issuerName)) {
                named.add(candidate);
            }
        }
        if (named.size() <= 1) {
            return named.isEmpty() ? null : named.get(0);
        }
        for (X509Certificate candidate : named) {
            try {
                certificate.verify(candidate.getPublicKey());
                return candidate;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this one
            }
        }
        return null;
    }

    private static String name(X509Certificate certificate) {
        return "\"" + certificate.getSubjectX500Principal().getName() + "\"";
    }
}
