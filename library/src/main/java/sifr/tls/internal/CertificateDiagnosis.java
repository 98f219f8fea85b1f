package sifr.tls.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Explains, in words a user can act on, why a certificate chain that the JDK rejected is not
 * acceptable. Used only after the JDK said no, to choose the message; it never decides trust.
 * Checks in the order a person would: is there a path to a trusted root (self-signed, untrusted
 * root, incomplete chain, issuer that is not a CA), are the certificates within their validity
 * period, may the leaf be used for this purpose (extended key usage), does it name the host.
 */
final class CertificateDiagnosis {
    enum Purpose {
        SERVER("1.3.6.1.5.5.7.3.1", "TLS server authentication"),
        CLIENT("1.3.6.1.5.5.7.3.2", "TLS client authentication");

        final String ekuOid;
        final String description;

        Purpose(String ekuOid, String description) {
            this.ekuOid = ekuOid;
            this.description = description;
        }
    }

    private static final String ANY_EKU = "2.5.29.37.0";
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final int KEY_CERT_SIGN = 5;

    private CertificateDiagnosis() {
    }

    static Optional<String> explain(List<X509Certificate> chain, List<X509Certificate> anchors, Purpose purpose,
            String host, Instant now) {
        X509Certificate leaf = chain.get(0);
        Optional<String> path = pathProblem(chain, anchors, now);
        if (path.isPresent()) {
            return path;
        }
        Optional<String> eku = ekuProblem(leaf, purpose);
        if (eku.isPresent()) {
            return eku;
        }
        return host == null || host.isEmpty() ? Optional.empty() : ChainPolicy.nameProblem(leaf, host);
    }

    /** Walks issuer links from the leaf to a trusted root; reports the first broken link. */
    private static Optional<String> pathProblem(List<X509Certificate> chain, List<X509Certificate> anchors,
            Instant now) {
        X509Certificate current = chain.get(0);
        for (int depth = 0; depth <= chain.size(); depth++) {
            Optional<String> validity = validityProblem(current, now);
            if (validity.isPresent()) {
                return validity;
            }
            if (anchors.contains(current)) {
                return Optional.empty();
            }
            X509Certificate anchor = issuerAmong(current, anchors);
            if (anchor != null) {
                return validityProblem(anchor, now);
            }
            X509Certificate issuer = issuerAmong(current, chain);
            if (issuer == null || issuer.equals(current)) {
                if (isSelfSigned(current)) {
                    return Optional.of(depth == 0
                            ? "certificate " + name(current) + " is self-signed and not trusted"
                            : "certificate chain ends at root " + name(current) + ", which is not a trusted root");
                }
                return Optional.of("certificate " + name(current) + " was issued by "
                        + quoted(current.getIssuerX500Principal().getName())
                        + ", which is not a trusted root and was not sent by the peer"
                        + " (untrusted root, or an incomplete chain missing its intermediate certificate)");
            }
            if (issuer.getBasicConstraints() < 0) {
                return Optional.of("certificate " + name(current) + " was issued by " + name(issuer)
                        + ", which is not a CA certificate (its basic constraints do not allow issuing certificates)");
            }
            boolean[] keyUsage = issuer.getKeyUsage();
            if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
                return Optional.of("certificate " + name(current) + " was issued by " + name(issuer)
                        + ", whose key usage does not allow signing certificates");
            }
            current = issuer;
        }
        return Optional.of("certificate chain is too long or loops");
    }

    private static Optional<String> validityProblem(X509Certificate certificate, Instant now) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            return Optional.of("certificate " + name(certificate) + " expired at " + notAfter);
        }
        if (now.isBefore(notBefore)) {
            return Optional.of("certificate " + name(certificate) + " is not valid yet (valid from " + notBefore + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> ekuProblem(X509Certificate leaf, Purpose purpose) {
        List<String> usages;
        try {
            usages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return Optional.of("certificate " + name(leaf) + " has a malformed extended key usage");
        }
        if (usages == null || usages.contains(purpose.ekuOid) || usages.contains(ANY_EKU)) {
            return Optional.empty();
        }
        List<String> named = new ArrayList<>();
        for (String oid : usages) {
            named.add(ekuName(oid));
        }
        return Optional.of("certificate " + name(leaf) + " is not for " + purpose.description
                + " (its extended key usage allows only " + String.join(", ", named) + ")");
    }

    private static String ekuName(String oid) {
        return switch (oid) {
            case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
            case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
            case "1.3.6.1.5.5.7.3.3" -> "codeSigning";
            case "1.3.6.1.5.5.7.3.4" -> "emailProtection";
            case "1.3.6.1.5.5.7.3.8" -> "timeStamping";
            case "1.3.6.1.5.5.7.3.9" -> "OCSPSigning";
            default -> oid;
        };
    }

    private static X509Certificate issuerAmong(X509Certificate certificate, Collection<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && signedBy(certificate, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean isSelfSigned(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                && signedBy(certificate, certificate);
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * RFC 6125 matching as the JDK and webpki do it: DNS names (wildcard only as a whole leftmost
     * label), IP addresses; subjectAltName only.
     */
    static boolean matchesHost(X509Certificate leaf, String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        String target = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        boolean ip = ServerNames.isIpLiteral(target);
        List<List<?>> names = sans(leaf);
        for (List<?> entry : names) {
            int type = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1));
            if (type == SAN_IP && ip && sameAddress(value, target)) {
                return true;
            }
            if (type == SAN_DNS && !ip && dnsMatches(value.toLowerCase(Locale.ROOT), target)) {
                return true;
            }
        }
        // Unlike the JDK (and like webpki): the subject's common name never stands in for missing DNS names.
        return false;
    }

    private static boolean dnsMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    private static boolean sameAddress(String a, String b) {
        try {
            // Both are IP literals (checked by the caller and by the certificate parser): no name lookup.
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static List<List<?>> sans(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : List.copyOf(names);
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    static String describeNames(X509Certificate certificate) {
        List<String> parts = new ArrayList<>();
        for (List<?> entry : sans(certificate)) {
            int type = (Integer) entry.get(0);
            if (type == SAN_DNS) {
                parts.add("DNS:" + entry.get(1));
            } else if (type == SAN_IP) {
                parts.add("IP:" + entry.get(1));
            }
        }
        return parts.isEmpty() ? "no DNS or IP subject alternative names" : String.join(", ", parts);
    }

    private static String name(X509Certificate certificate) {
        return quoted(certificate.getSubjectX500Principal().getName());
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }
}
