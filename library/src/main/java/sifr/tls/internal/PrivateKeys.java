package sifr.tls.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import sifr.tls.CertificateError;

/**
 * Private key PEM loading without BouncyCastle: PKCS#8 ({@code PRIVATE KEY}) goes straight to the
 * JDK's {@link KeyFactory}; PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}) are
 * re-wrapped as PKCS#8 first (RFC 5208: version 0, the algorithm identifier, the key as an OCTET
 * STRING). Encrypted keys are refused with a message that says so.
 */
public final class PrivateKeys {
    static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    static final String ED25519 = "1.3.101.112";
    static final String ED448 = "1.3.101.113";

    /** DER content octets of the two OIDs we write when re-wrapping. */
    private static final byte[] RSA_ENCRYPTION_OID = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
    private static final byte[] VERSION_0 = Der.encode(Der.INTEGER, new byte[] {0});

    private PrivateKeys() {
    }

    /** Parses the first private key in {@code pem}; {@code role} is {@code server} or {@code client}. */
    public static PrivateKey parse(byte[] pem, String role) throws CertificateError {
        String what = role + " identity private key";
        if (pem == null) {
            throw new CertificateError("failed to parse " + what + ": PEM is null");
        }
        List<Pem.Block> blocks;
        try {
            blocks = Pem.parse(pem);
        } catch (Pem.PemException e) {
            throw new CertificateError("failed to parse " + what + ": " + e.getMessage(), e);
        }
        for (Pem.Block block : blocks) {
            switch (block.label()) {
                case "ENCRYPTED PRIVATE KEY" -> throw encrypted(what);
                case "PRIVATE KEY" -> {
                    return fromPkcs8(block.der(), what);
                }
                case "RSA PRIVATE KEY" -> {
                    if (block.encryptedHeader()) {
                        throw encrypted(what);
                    }
                    return fromPkcs8(wrapPkcs1(block.der()), what);
                }
                case "EC PRIVATE KEY" -> {
                    if (block.encryptedHeader()) {
                        throw encrypted(what);
                    }
                    return fromPkcs8(wrapSec1(block.der(), what), what);
                }
                default -> {
                    // certificates, EC PARAMETERS and other blocks are not keys: skip them
                }
            }
        }
        // Sifr's wording; the supported blocks are PRIVATE KEY (PKCS#8), RSA PRIVATE KEY and EC PRIVATE KEY
        throw new CertificateError(what + " PEM contains no supported private key");
    }

    private static CertificateError encrypted(String what) {
        return new CertificateError(what + " is encrypted, and encrypted keys are not supported: decrypt it first"
                + " (for example: openssl pkey -in key.pem -out plain-key.pem)");
    }

    private static PrivateKey fromPkcs8(byte[] pkcs8, String what) throws CertificateError {
        String algorithm;
        try {
            algorithm = keyFactoryAlgorithm(algorithmOid(pkcs8));
        } catch (Der.DerException e) {
            throw new CertificateError("failed to parse " + what + ": malformed PKCS#8 (" + e.getMessage() + ")", e);
        }
        if (algorithm == null) {
            throw new CertificateError("failed to parse " + what + ": unsupported key algorithm (RSA, RSASSA-PSS,"
                    + " EC, Ed25519 and Ed448 are supported)");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CertificateError("failed to parse " + what + ": " + e.getMessage(), e);
        }
    }

    /** The algorithm OID of a PKCS#8 PrivateKeyInfo: SEQUENCE { version, SEQUENCE { OID, params }, ... }. */
    static String algorithmOid(byte[] pkcs8) throws Der.DerException {
        Der.Reader info = Der.contents(Der.single(pkcs8, Der.SEQUENCE, "PrivateKeyInfo SEQUENCE"));
        info.expect(Der.INTEGER, "PrivateKeyInfo version");
        Der.Reader algorithm = Der.contents(info.expect(Der.SEQUENCE, "AlgorithmIdentifier"));
        return Der.oidToString(algorithm.expect(Der.OID, "algorithm OID").value());
    }

    private static String keyFactoryAlgorithm(String oid) {
        return switch (oid) {
            case RSA_ENCRYPTION -> "RSA";
            case RSASSA_PSS -> "RSASSA-PSS";
            case EC_PUBLIC_KEY -> "EC";
            case ED25519 -> "Ed25519";
            case ED448 -> "Ed448";
            default -> null;
        };
    }

    /** PKCS#1 RSAPrivateKey → PKCS#8 with algorithm rsaEncryption and NULL parameters (RFC 8017 A.1). */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] algorithm = Der.encode(Der.SEQUENCE, Der.encode(Der.OID, RSA_ENCRYPTION_OID), Der.encode(Der.NULL));
        return Der.encode(Der.SEQUENCE, VERSION_0, algorithm, Der.encode(Der.OCTET_STRING, pkcs1));
    }

    /**
     * SEC1 ECPrivateKey (RFC 5915: SEQUENCE { version 1, privateKey OCTET STRING, [0] namedCurve OID,
     * [1] publicKey }) → PKCS#8 with algorithm id-ecPublicKey and the named curve as its parameter.
     */
    static byte[] wrapSec1(byte[] sec1, String what) throws CertificateError {
        byte[] curve = null;
        try {
            Der.Reader key = Der.contents(Der.single(sec1, Der.SEQUENCE, "ECPrivateKey SEQUENCE"));
            key.expect(Der.INTEGER, "ECPrivateKey version");
            key.expect(Der.OCTET_STRING, "EC private key octets");
            while (key.hasMore()) {
                Der.Tlv field = key.read();
                if (field.tag() == Der.CONTEXT_0) {
                    curve = Der.contents(field).expect(Der.OID, "named curve OID").encoded();
                }
            }
        } catch (Der.DerException e) {
            throw new CertificateError("failed to parse " + what + ": malformed SEC1 EC key (" + e.getMessage() + ")", e);
        }
        if (curve == null) {
            throw new CertificateError("failed to parse " + what + ": SEC1 EC key does not name its curve");
        }
        byte[] algorithm = Der.encode(Der.SEQUENCE, Der.encode(Der.OID, EC_PUBLIC_KEY_OID), curve);
        return Der.encode(Der.SEQUENCE, VERSION_0, algorithm, Der.encode(Der.OCTET_STRING, sec1));
    }
}
