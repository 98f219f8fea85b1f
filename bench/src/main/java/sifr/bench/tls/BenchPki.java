package sifr.bench.tls;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A root CA and a {@code localhost} (and 127.0.0.1) server certificate (EC P-256, ECDSA-SHA256), made
 * in memory when a TLS benchmark or an HTTPS load run starts; the same certificates serve Sifr, Netty
 * and nginx.
 */
public final class BenchPki {
    final X509Certificate root;
    final X509Certificate server;
    final KeyPair serverKeys;
    final byte[] rootPem;
    final byte[] serverPem;
    final byte[] serverKeyPem;

    public BenchPki() throws Exception {
        KeyPair rootKeys = ecKeys();
        serverKeys = ecKeys();
        X500Name rootName = new X500Name("CN=Bench Root");
        Instant now = Instant.now();
        var rootBuilder = new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, Date.from(now.minusSeconds(300)),
                Date.from(now.plus(Duration.ofDays(1))), rootName, rootKeys.getPublic());
        rootBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate());
        root = new JcaX509CertificateConverter().getCertificate(rootBuilder.build(signer));
        var serverBuilder = new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO, Date.from(now.minusSeconds(300)),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=localhost"), serverKeys.getPublic());
        serverBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        serverBuilder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        serverBuilder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        server = new JcaX509CertificateConverter().getCertificate(serverBuilder.build(signer));
        rootPem = pem(root);
        serverPem = pem(server);
        serverKeyPem = pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null));
    }

    /** The root CA certificate, PEM. */
    public byte[] rootPem() {
        return rootPem.clone();
    }

    /** The server certificate, PEM. */
    public byte[] serverPem() {
        return serverPem.clone();
    }

    /** The server's private key, PKCS#8 PEM. */
    public byte[] serverKeyPem() {
        return serverKeyPem.clone();
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
