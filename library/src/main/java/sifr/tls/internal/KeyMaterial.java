package sifr.tls.internal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import sifr.tls.CertificateError;

/**
 * A certificate chain (leaf first) and the private key of its leaf, checked to belong together and
 * to be a key the TLS policy signs with (RSA of 2048 to 8192 bits, EC P-256/P-384, Ed25519).
 */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey key) {

    public KeyMaterial {
        chain = List.copyOf(chain);
    }

    /** Loads and cross-checks a chain and key; {@code role} is {@code server} or {@code client}. */
    public static KeyMaterial load(byte[] certPem, byte[] keyPem, String role) throws CertificateError {
        // Sifr labels a peer's own certificate and key "server identity" / "client identity"
        String label = role + " identity";
        List<X509Certificate> chain = Certificates.parse(certPem, label + " certificates", label + " certificate");
        PrivateKey key = PrivateKeys.parse(keyPem, role);
        if (!matches(chain.get(0).getPublicKey(), key)) {
            throw new CertificateError(label + " private key does not match the " + label + " certificate"
                    + " (the first certificate in the PEM must be the one the key belongs to)");
        }
        // Like rustls (whose providers cannot load such keys): refuse at config time a key our own policy
        // refuses in peers, rather than fail every handshake later with "no authentication scheme".
        java.util.Optional<String> refused = ChainPolicy.keyProblem(chain.get(0));
        if (refused.isPresent()) {
            throw new CertificateError(label + " " + refused.get());
        }
        return new KeyMaterial(chain, key);
    }

    /**
     * True if {@code key} is the private half of {@code publicKey}: RSA keys by modulus (and public
     * exponent where the private key carries it), other keys by signing a random challenge.
     */
    static boolean matches(PublicKey publicKey, PrivateKey key) {
        if (publicKey instanceof RSAPublicKey rsaPublic) {
            if (!(key instanceof RSAKey rsaKey) || !rsaPublic.getModulus().equals(rsaKey.getModulus())) {
                return false;
            }
            return !(key instanceof RSAPrivateCrtKey crt) || crt.getPublicExponent().equals(rsaPublic.getPublicExponent());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null || !publicKey.getAlgorithm().equals(key.getAlgorithm())
                && !(algorithm.equals("EdDSA") && publicKey.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
