package sifr.cli;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A throw-away certificate authority for {@code sifr demo}, made in memory with nothing but the JDK:
 * fresh EC P-256 keys, a root CA certificate and a server certificate for {@code localhost} and
 * {@code 127.0.0.1}, valid for one hour. Nothing is written to disk or committed, so no demo key
 * can leak or expire in the repository.
 *
 * <p>Why hand-written DER: the JDK can sign but has no public API to build certificates
 * ({@code keytool} is a separate process and BouncyCastle is not a runtime dependency). X.509 v3
 * (RFC 5280 §4.1) needs only a handful of DER shapes: SEQUENCE, SET, INTEGER, OID, UTF8String,
 * UTCTime, BOOLEAN, BIT STRING, OCTET STRING and context tags. The result is checked by the JDK's own
 * certificate parser and PKIX validation when the demo's TLS client verifies it — the same checks
 * any other certificate gets; this class is not used anywhere else.
 */
final class DemoCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    /** The PEMs a TLS demo needs: what the client trusts, what the server presents. */
    record Pems(byte[] rootCertificate, byte[] serverCertificate, byte[] serverKey) {
    }

    private DemoCertificates() {
    }

    /** A new root CA and a server certificate for localhost / 127.0.0.1 issued by it. */
    static Pems create() throws GeneralSecurityException {
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofMinutes(5));
        Instant to = now.plus(Duration.ofHours(1));
        KeyPair rootKeys = newKeyPair();
        KeyPair serverKeys = newKeyPair();
        byte[] rootName = name("Sifr Demo Root CA");
        byte[] rootExtensions = seq(
                extension(BASIC_CONSTRAINTS, true, seq(der(0x01, new byte[] {(byte) 0xFF}))),
                // keyCertSign (bit 5) and cRLSign (bit 6): one unused bit
                extension(KEY_USAGE, true, der(0x03, new byte[] {0x01, 0x06})));
        byte[] root = certificate(rootName, rootName, from, to, rootKeys.getPublic().getEncoded(), rootExtensions,
                rootKeys.getPrivate());
        byte[] serverExtensions = seq(
                extension(BASIC_CONSTRAINTS, true, seq()),
                // digitalSignature (bit 0): seven unused bits
                extension(KEY_USAGE, true, der(0x03, new byte[] {0x07, (byte) 0x80})),
                extension(EXTENDED_KEY_USAGE, false, seq(oid(SERVER_AUTH))),
                extension(SUBJECT_ALT_NAME, false, seq(
                        der(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)), // dNSName [2]
                        der(0x87, new byte[] {127, 0, 0, 1}))));                     // iPAddress [7]
        byte[] server = certificate(rootName, name("localhost"), from, to, serverKeys.getPublic().getEncoded(),
                serverExtensions, rootKeys.getPrivate());
        return new Pems(pem("CERTIFICATE", root), pem("CERTIFICATE", server),
                pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    /** RFC 5280 §4.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }. */
    private static byte[] certificate(byte[] issuer, byte[] subject, Instant from, Instant to, byte[] publicKeyInfo,
            byte[] extensions, PrivateKey signingKey) throws GeneralSecurityException {
        byte[] algorithm = seq(oid(ECDSA_WITH_SHA256));
        byte[] serial = new BigInteger(127, RANDOM).add(BigInteger.ONE).toByteArray(); // positive, at most 16 bytes
        byte[] tbs = seq(
                der(0xA0, der(0x02, new byte[] {2})),   // [0] EXPLICIT version v3
                der(0x02, serial),
                algorithm,
                issuer,
                seq(utcTime(from), utcTime(to)),
                subject,
                publicKeyInfo,                          // the JDK's encoding is already a SubjectPublicKeyInfo
                der(0xA3, extensions));                 // [3] EXPLICIT extensions
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(signingKey);
        signer.update(tbs);
        byte[] signature = signer.sign();               // DER ECDSA-Sig-Value, as X.509 wants it
        return seq(tbs, algorithm, bitString(signature));
    }

    /** Name ::= SEQUENCE { SET { SEQUENCE { id-at-commonName, UTF8String } } }. */
    private static byte[] name(String commonName) {
        return seq(der(0x31, seq(oid(COMMON_NAME), der(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    /** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
    private static byte[] extension(String id, boolean critical, byte[] value) {
        return critical
                ? seq(oid(id), der(0x01, new byte[] {(byte) 0xFF}), der(0x04, value))
                : seq(oid(id), der(0x04, value));
    }

    private static byte[] utcTime(Instant instant) {
        return der(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bitString(byte[] bits) {
        byte[] content = new byte[bits.length + 1]; // leading 0: no unused bits
        System.arraycopy(bits, 0, content, 1, bits.length);
        return der(0x03, content);
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, Long.parseLong(arcs[i]));
        }
        return der(0x06, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) (value >>> (7 * i)) & 0x7F;
            out.write(i == 0 ? group : group | 0x80);
        }
    }

    private static byte[] seq(byte[]... parts) {
        return der(0x30, parts);
    }

    /** One DER TLV with a minimal definite length. */
    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 4);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static byte[] pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
