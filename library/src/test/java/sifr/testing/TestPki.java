package sifr.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * Test PKI built at test time (BouncyCastle, test scope only): CAs, intermediates and leaf
 * certificates with exactly the properties a test needs, and PEM in every format the library
 * reads. Nothing is committed, so no key in the repository can expire or leak. Keys are generated
 * fresh per JVM (RSA keys are pooled because RSA key generation is slow on 2 cores).
 *
 * <pre>{@code
 * TestPki.Cert root = TestPki.root("Test Root");
 * TestPki.Cert server = root.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));
 * Tls.serverConfig(server.chainPem(), server.keyPem());
 * Tls.clientConfigFromCaPem(root.certPem());
 * }</pre>
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Used only to encrypt test keys (PBE schemes the JDK lacks); never registered globally. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final ReentrantLock RSA_POOL_LOCK = new ReentrantLock();
    private static final List<KeyPair> RSA_POOL = new ArrayList<>();
    private static int rsaNext;

    private TestPki() {
    }

    /** EC is P-256 and RSA 2048 bits (what tests normally want); the others exist to be refused or accepted at the edges. */
    public enum KeyType { EC, EC_P384, EC_P521, RSA, RSA_1024, ED25519, ED448 }

    /** What a certificate should say. Defaults: EC P-256 key, valid from an hour ago for a year, serverAuth leaf. */
    public static final class Spec {
        private final String commonName;
        private final List<GeneralName> names = new ArrayList<>();
        private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private boolean ca;
        private boolean basicConstraints = true;
        private List<KeyPurposeId> extendedKeyUsage = List.of(KeyPurposeId.id_kp_serverAuth);
        private KeyType keyType = KeyType.EC;
        private String signatureAlgorithm;
        private boolean v1;

        private Spec(String commonName) {
            this.commonName = commonName;
        }

        public Spec dns(String... dnsNames) {
            for (String name : dnsNames) {
                names.add(new GeneralName(GeneralName.dNSName, name));
            }
            return this;
        }

        public Spec ip(String... addresses) {
            for (String address : addresses) {
                names.add(new GeneralName(GeneralName.iPAddress, address));
            }
            return this;
        }

        public Spec validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** A CA certificate (basicConstraints CA=true, keyCertSign), no extended key usage. */
        public Spec ca() {
            this.ca = true;
            this.extendedKeyUsage = List.of();
            return this;
        }

        /** Leaves out the basicConstraints extension entirely (an "issuer that is not a CA"). */
        public Spec noBasicConstraints() {
            this.basicConstraints = false;
            return this;
        }

        public Spec clientAuthOnly() {
            this.extendedKeyUsage = List.of(KeyPurposeId.id_kp_clientAuth);
            return this;
        }

        public Spec serverAndClientAuth() {
            this.extendedKeyUsage = List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
            return this;
        }

        public Spec key(KeyType type) {
            this.keyType = type;
            return this;
        }

        /** The JCA algorithm the issuer signs this certificate with (default: SHA-256 with the issuer's key type). */
        public Spec signedWith(String jcaAlgorithm) {
            this.signatureAlgorithm = jcaAlgorithm;
            return this;
        }

        /** An X.509 v1 certificate: no extensions at all (so no names, constraints or key usage). */
        public Spec v1() {
            this.v1 = true;
            return this;
        }
    }

    public static Spec spec(String commonName) {
        return new Spec(commonName);
    }

    /** A self-signed root CA with an EC key. */
    public static Cert root(String commonName) {
        return selfSigned(spec(commonName).ca());
    }

    /** A self-signed certificate made from {@code spec} (a root when {@code spec.ca()}). */
    public static Cert selfSigned(Spec spec) {
        KeyPair keys = keyPair(spec.keyType);
        return new Cert(build(spec, keys, new X500Name("CN=" + spec.commonName), keys, null), keys, List.of());
    }

    /** A certificate, its key and the certificates above it (issuer first, root last). */
    public record Cert(X509Certificate certificate, KeyPair keys, List<Cert> issuers) {

        /** Issues a certificate signed by this one. */
        public Cert issue(Spec spec) {
            KeyPair subjectKeys = keyPair(spec.keyType);
            X509Certificate issued = build(spec, subjectKeys,
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), keys, certificate);
            List<Cert> above = new ArrayList<>();
            above.add(this);
            above.addAll(issuers);
            return new Cert(issued, subjectKeys, List.copyOf(above));
        }

        /** This certificate alone. */
        public byte[] certPem() {
            return pem(certificate);
        }

        /** This certificate and its issuers, without the root: what a server sends. */
        public byte[] chainPem() {
            List<Object> chain = new ArrayList<>();
            chain.add(certificate);
            for (int i = 0; i < issuers.size() - 1; i++) {
                chain.add(issuers.get(i).certificate());
            }
            return pem(chain.toArray());
        }

        /** This certificate, every issuer, and the root. */
        public byte[] fullChainPem() {
            List<Object> chain = new ArrayList<>();
            chain.add(certificate);
            for (Cert issuer : issuers) {
                chain.add(issuer.certificate());
            }
            return pem(chain.toArray());
        }

        /** PKCS#8 {@code PRIVATE KEY}. */
        public byte[] keyPem() {
            try {
                return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** OpenSSL's traditional format: PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}. */
        public byte[] traditionalKeyPem() {
            try {
                if (keys.getPrivate() instanceof java.security.interfaces.ECPrivateKey ec) {
                    // SEC1 as OpenSSL writes it: with the named curve ([0]) and the public key ([1]).
                    var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(ec.getEncoded());
                    var parameters = org.bouncycastle.asn1.x9.X962Parameters.getInstance(
                            info.getPrivateKeyAlgorithm().getParameters());
                    var publicKey = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                            keys.getPublic().getEncoded()).getPublicKeyData();
                    var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(ec.getParams().getOrder().bitLength(),
                            ec.getS(), publicKey, parameters);
                    return pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
                }
                return pem(new JcaMiscPEMGenerator(keys.getPrivate()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** PKCS#8 {@code ENCRYPTED PRIVATE KEY}. */
        public byte[] encryptedPkcs8KeyPem() {
            try {
                var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                        .setProvider(BC).setPassword("secret".toCharArray()).setRandom(RANDOM).build();
                return pem(new JcaPKCS8Generator(keys.getPrivate(), encryptor));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Traditional format with {@code Proc-Type: 4,ENCRYPTED} headers. */
        public byte[] encryptedTraditionalKeyPem() {
            try {
                var encryptor = new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).setSecureRandom(RANDOM)
                        .build("secret".toCharArray());
                return pem(new JcaMiscPEMGenerator(keys.getPrivate(), encryptor));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static X509Certificate build(Spec spec, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            X509Certificate issuerCertificate) {
        try {
            X500Name subject = new X500Name("CN=" + spec.commonName);
            var signerBuilder = new JcaContentSignerBuilder(spec.signatureAlgorithm != null ? spec.signatureAlgorithm
                    : defaultSignature(issuerKeys));
            if (spec.signatureAlgorithm != null && spec.signatureAlgorithm.endsWith("andMGF1")) {
                signerBuilder.setProvider(BC); // RSA-PSS with its parameters by BouncyCastle's name for it
            }
            var signer = signerBuilder.build(issuerKeys.getPrivate());
            if (spec.v1) {
                var v1 = new org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder(issuer,
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(spec.notBefore),
                        Date.from(spec.notAfter), subject, subjectKeys.getPublic());
                return new JcaX509CertificateConverter().getCertificate(v1.build(signer));
            }
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(spec.notBefore), Date.from(spec.notAfter),
                    subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuerCertificate == null
                    ? utils.createAuthorityKeyIdentifier(subjectKeys.getPublic())
                    : utils.createAuthorityKeyIdentifier(issuerCertificate));
            if (spec.basicConstraints) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(spec.ca));
            }
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(spec.ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!spec.extendedKeyUsage.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(spec.extendedKeyUsage.toArray(new KeyPurposeId[0])));
            }
            if (!spec.names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(spec.names.toArray(new GeneralName[0])));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("test certificate generation failed", e);
        }
    }

    private static String defaultSignature(KeyPair issuerKeys) {
        return switch (issuerKeys.getPrivate().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519", "Ed448" -> ((java.security.interfaces.EdECKey) issuerKeys.getPrivate()).getParams()
                    .getName();
            default -> ((java.security.interfaces.ECKey) issuerKeys.getPrivate()).getParams().getOrder().bitLength() > 256
                    ? "SHA384withECDSA" : "SHA256withECDSA";
        };
    }

    public static KeyPair keyPair(KeyType type) {
        try {
            switch (type) {
                case EC, EC_P384, EC_P521 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(type == KeyType.EC ? "secp256r1"
                            : type == KeyType.EC_P384 ? "secp384r1" : "secp521r1"), RANDOM);
                    return generator.generateKeyPair();
                }
                case ED25519, ED448 -> {
                    return KeyPairGenerator.getInstance(type == KeyType.ED25519 ? "Ed25519" : "Ed448").generateKeyPair();
                }
                case RSA_1024 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(1024, RANDOM);
                    return generator.generateKeyPair();
                }
                case RSA -> {
                    // below
                }
            }
            RSA_POOL_LOCK.lock();
            try {
                if (RSA_POOL.size() < 3) {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048, RANDOM);
                    RSA_POOL.add(generator.generateKeyPair());
                    return RSA_POOL.get(RSA_POOL.size() - 1);
                }
                return RSA_POOL.get(rsaNext++ % RSA_POOL.size());
            } finally {
                RSA_POOL_LOCK.unlock();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM of certificates or BouncyCastle PEM generators, concatenated. */
    public static byte[] pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                if (object instanceof PemObjectGenerator generator) {
                    writer.writeObject(generator);
                } else {
                    writer.writeObject(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Concatenates PEM byte arrays. */
    public static byte[] concat(byte[]... pems) {
        StringBuilder all = new StringBuilder();
        for (byte[] pem : pems) {
            all.append(new String(pem, StandardCharsets.US_ASCII));
        }
        return all.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
