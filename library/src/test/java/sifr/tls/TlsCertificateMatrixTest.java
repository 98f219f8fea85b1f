package sifr.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sifr.testing.MemoryByteStreams;
import sifr.testing.TestPki;

/**
 * The certificate matrix: server certificates built at test time by the tests' own CAs, each with
 * one property that makes it acceptable or not. Rejections must say why, in words.
 */
@Timeout(60)
class TlsCertificateMatrixTest {
    private static final TestPki.Cert ROOT = TestPki.root("Matrix Root");
    private static final TestPki.Cert RSA_ROOT = TestPki.selfSigned(TestPki.spec("Matrix RSA Root").ca()
            .key(TestPki.KeyType.RSA));
    private static final TestPki.Cert OTHER_ROOT = TestPki.root("Unrelated Root");
    private static final TestPki.Cert INTERMEDIATE = ROOT.issue(TestPki.spec("Matrix Intermediate").ca());
    /** Trust anchors may be old: a SHA-1 self-signature and X.509 v1 are fine on a root (nobody checks them). */
    private static final TestPki.Cert SHA1_ROOT = TestPki.selfSigned(TestPki.spec("Matrix SHA-1 Root").ca()
            .key(TestPki.KeyType.RSA).signedWith("SHA1withRSA"));
    private static final TestPki.Cert V1_ROOT = TestPki.selfSigned(TestPki.spec("Matrix v1 Root").v1());
    private static final Instant NOW = Instant.now();
    private static final List<String> TLS13_AND_12 = List.of("TLSv1.3", "TLSv1.2");
    /** Peers block on I/O: each gets a virtual thread, never a common-pool worker. */
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().start(task);

    /** A server certificate, what the server sends, which roots the client trusts, and the host it dials. */
    record Case(TestPki.Cert server, byte[] sentChain, TestPki.Cert trustedRoot, String host) {
        static Case of(TestPki.Cert server, String host) {
            return new Case(server, server.chainPem(), ROOT, host);
        }

        @Override
        public String toString() {
            return server.certificate().getSubjectX500Principal().getName() + " @ " + host;
        }
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("valid RSA chain", new Case(
                        RSA_ROOT.issue(TestPki.spec("rsa.example.test").dns("rsa.example.test").key(TestPki.KeyType.RSA)),
                        null, RSA_ROOT, "rsa.example.test")),
                Arguments.of("valid ECDSA", Case.of(
                        ROOT.issue(TestPki.spec("ec.example.test").dns("ec.example.test")), "ec.example.test")),
                Arguments.of("valid through an intermediate", Case.of(
                        INTERMEDIATE.issue(TestPki.spec("deep.example.test").dns("deep.example.test")),
                        "deep.example.test")),
                Arguments.of("IPv4 address in an IP SAN", Case.of(
                        ROOT.issue(TestPki.spec("ip4").ip("127.0.0.1")), "127.0.0.1")),
                Arguments.of("IPv6 address in an IP SAN", Case.of(
                        ROOT.issue(TestPki.spec("ip6").ip("::1")), "[::1]")),
                Arguments.of("wildcard for one label", Case.of(
                        ROOT.issue(TestPki.spec("wildcard").dns("*.example.test")), "api.example.test")),
                Arguments.of("host name is case-insensitive", Case.of(
                        ROOT.issue(TestPki.spec("case").dns("case.example.test")), "CASE.Example.Test")),
                Arguments.of("server and client EKU together", Case.of(
                        ROOT.issue(TestPki.spec("both").dns("both.example.test").serverAndClientAuth()),
                        "both.example.test")),
                Arguments.of("EC P-384 leaf", Case.of(ROOT.issue(TestPki.spec("p384.example.test")
                        .dns("p384.example.test").key(TestPki.KeyType.EC_P384)), "p384.example.test")),
                Arguments.of("Ed25519 leaf", Case.of(ROOT.issue(TestPki.spec("ed25519.example.test")
                        .dns("ed25519.example.test").key(TestPki.KeyType.ED25519)), "ed25519.example.test")),
                Arguments.of("RSA-PSS signature (SHA-256, MGF1) on the leaf", new Case(RSA_ROOT.issue(TestPki.spec(
                        "pss.example.test").dns("pss.example.test").signedWith("SHA256withRSAandMGF1")), null, RSA_ROOT,
                        "pss.example.test")),
                Arguments.of("Ed25519 intermediate signing the leaf", Case.of(ROOT.issue(TestPki.spec(
                        "Ed25519 Intermediate").ca().key(TestPki.KeyType.ED25519))
                        .issue(TestPki.spec("under-ed25519.example.test").dns("under-ed25519.example.test")),
                        "under-ed25519.example.test")),
                Arguments.of("trust anchor with a SHA-1 self-signature", new Case(SHA1_ROOT.issue(
                        TestPki.spec("sha1root.example.test").dns("sha1root.example.test")), null, SHA1_ROOT,
                        "sha1root.example.test")),
                Arguments.of("X.509 v1 trust anchor", new Case(V1_ROOT.issue(TestPki.spec("v1root.example.test")
                        .dns("v1root.example.test")), null, V1_ROOT, "v1root.example.test")));
    }

    static Stream<Arguments> rejected() {
        TestPki.Cert untrustedLeaf = OTHER_ROOT.issue(TestPki.spec("untrusted.example.test").dns("untrusted.example.test"));
        TestPki.Cert notCa = ROOT.issue(TestPki.spec("Not A CA").noBasicConstraints().serverAndClientAuth());
        TestPki.Cert underNotCa = notCa.issue(TestPki.spec("under.example.test").dns("under.example.test"));
        TestPki.Cert behindIntermediate = INTERMEDIATE.issue(TestPki.spec("incomplete.example.test")
                .dns("incomplete.example.test"));
        return Stream.of(
                Arguments.of("expired", Case.of(ROOT.issue(TestPki.spec("expired.example.test").dns("expired.example.test")
                        .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)))), "expired.example.test"),
                        "certificate \"CN=expired.example.test\" expired at "),
                Arguments.of("not yet valid", Case.of(ROOT.issue(TestPki.spec("future.example.test")
                        .dns("future.example.test")
                        .validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)))), "future.example.test"),
                        "certificate \"CN=future.example.test\" is not valid yet (valid from "),
                Arguments.of("wrong host", Case.of(ROOT.issue(TestPki.spec("right.example.test")
                        .dns("right.example.test")), "wrong.example.test"),
                        "certificate \"CN=right.example.test\" is not valid for wrong.example.test (it names"
                                + " DNS:right.example.test)"),
                Arguments.of("untrusted root, leaf only", Case.of(untrustedLeaf, "untrusted.example.test"),
                        "was issued by \"CN=Unrelated Root\", which is not a trusted root and was not sent by the peer"),
                Arguments.of("untrusted root sent along", new Case(untrustedLeaf, untrustedLeaf.fullChainPem(), ROOT,
                        "untrusted.example.test"),
                        "certificate chain ends at root \"CN=Unrelated Root\", which is not a trusted root"),
                Arguments.of("self-signed", new Case(TestPki.selfSigned(TestPki.spec("self.example.test")
                        .dns("self.example.test")), null, ROOT, "self.example.test"),
                        "certificate \"CN=self.example.test\" is self-signed and not trusted"),
                Arguments.of("incomplete chain", new Case(behindIntermediate, behindIntermediate.certPem(), ROOT,
                        "incomplete.example.test"),
                        "was issued by \"CN=Matrix Intermediate\", which is not a trusted root and was not sent by the"
                                + " peer (untrusted root, or an incomplete chain missing its intermediate certificate)"),
                Arguments.of("issuer not a CA", Case.of(underNotCa, "under.example.test"),
                        "certificate \"CN=under.example.test\" was issued by \"CN=Not A CA\", which is not a CA"
                                + " certificate"),
                Arguments.of("wildcard two labels deep", Case.of(ROOT.issue(TestPki.spec("wildcard")
                        .dns("*.example.test")), "a.b.example.test"),
                        "is not valid for a.b.example.test (it names DNS:*.example.test)"),
                Arguments.of("wildcard does not match the bare domain", Case.of(ROOT.issue(TestPki.spec("wildcard")
                        .dns("*.example.test")), "example.test"),
                        "is not valid for example.test"),
                Arguments.of("client-auth-only EKU", Case.of(ROOT.issue(TestPki.spec("clientonly.example.test")
                        .dns("clientonly.example.test").clientAuthOnly()), "clientonly.example.test"),
                        "certificate \"CN=clientonly.example.test\" is not for TLS server authentication (its extended"
                                + " key usage allows only clientAuth)"),
                Arguments.of("IP address not in the certificate", Case.of(ROOT.issue(TestPki.spec("ip")
                        .ip("127.0.0.2")), "127.0.0.1"),
                        "is not valid for 127.0.0.1 (it names IP:127.0.0.2)"),
                Arguments.of("DNS name does not cover an IP address", Case.of(ROOT.issue(TestPki.spec("dns")
                        .dns("localhost")), "127.0.0.1"),
                        "is not valid for 127.0.0.1 (it names DNS:localhost)"),
                // The rules of Rustls/webpki that the JDK's PKIX validation lacks (ChainPolicy):
                Arguments.of("no subjectAltName, the host only in the common name", Case.of(ROOT.issue(
                        TestPki.spec("cnonly.example.test")), "cnonly.example.test"),
                        "certificate \"CN=cnonly.example.test\" has no subjectAltName"),
                Arguments.of("only an IP subjectAltName, the host name only in the common name", Case.of(ROOT.issue(
                        TestPki.spec("localhost").ip("127.0.0.1")), "localhost"),
                        "certificate \"CN=localhost\" is not valid for localhost (it names IP:127.0.0.1)"),
                Arguments.of("RSA key of 1024 bits in an intermediate", new Case(RSA_ROOT.issue(
                        TestPki.spec("Weak RSA Intermediate").ca().key(TestPki.KeyType.RSA_1024))
                        .issue(TestPki.spec("weakca.example.test").dns("weakca.example.test")), null, RSA_ROOT,
                        "weakca.example.test"),
                        "certificate \"CN=Weak RSA Intermediate\": its RSA key of 1024 bits is below the minimum"
                                + " of 2048"),
                Arguments.of("EC P-521 key in an intermediate", Case.of(ROOT.issue(TestPki.spec("P-521 Intermediate")
                        .ca().key(TestPki.KeyType.EC_P521))
                        .issue(TestPki.spec("p521ca.example.test").dns("p521ca.example.test")), "p521ca.example.test"),
                        "certificate \"CN=P-521 Intermediate\": its EC key is on secp521r1; only P-256"),
                Arguments.of("X.509 v1 leaf", Case.of(ROOT.issue(TestPki.spec("v1.example.test").v1()),
                        "v1.example.test"),
                        "certificate \"CN=v1.example.test\" is an X.509 v1 certificate; only v3 certificates are"
                                + " accepted"),
                Arguments.of("X.509 v1 intermediate", Case.of(ROOT.issue(TestPki.spec("V1 Intermediate").v1())
                        .issue(TestPki.spec("underv1.example.test").dns("underv1.example.test")), "underv1.example.test"),
                        "certificate \"CN=V1 Intermediate\" is an X.509 v1 certificate"),
                Arguments.of("SHA-1 signature on the leaf", Case.of(ROOT.issue(TestPki.spec("sha1.example.test")
                        .dns("sha1.example.test").signedWith("SHA1withECDSA")), "sha1.example.test"),
                        "certificate \"CN=sha1.example.test\" is signed with SHA1withECDSA; SHA-1 and MD5 signatures"
                                + " are not accepted"),
                Arguments.of("SHA-1 signature on an intermediate", new Case(RSA_ROOT.issue(TestPki.spec(
                        "SHA-1 Intermediate").ca().signedWith("SHA1withRSA"))
                        .issue(TestPki.spec("sha1ca.example.test").dns("sha1ca.example.test")), null, RSA_ROOT,
                        "sha1ca.example.test"),
                        "certificate \"CN=SHA-1 Intermediate\" is signed with SHA1withRSA; SHA-1 and MD5"),
                Arguments.of("MD5 signature on the leaf", new Case(RSA_ROOT.issue(TestPki.spec("md5.example.test")
                        .dns("md5.example.test").signedWith("MD5withRSA")), null, RSA_ROOT, "md5.example.test"),
                        "certificate \"CN=md5.example.test\" is signed with MD5withRSA; SHA-1 and MD5"),
                Arguments.of("RSA-PSS signature with SHA-1 on the leaf", new Case(RSA_ROOT.issue(TestPki.spec(
                        "pss1.example.test").dns("pss1.example.test").signedWith("SHA1withRSAandMGF1")), null, RSA_ROOT,
                        "pss1.example.test"),
                        "certificate \"CN=pss1.example.test\" is signed with RSASSA-PSS with SHA-1; SHA-1 and MD5"
                                + " signatures"),
                Arguments.of("SHA-1 signature under a root that is itself SHA-1 signed", new Case(SHA1_ROOT.issue(
                        TestPki.spec("sha1both.example.test").dns("sha1both.example.test").signedWith("SHA1withRSA")),
                        null, SHA1_ROOT, "sha1both.example.test"),
                        "certificate \"CN=sha1both.example.test\" is signed with SHA1withRSA"));
    }

    @ParameterizedTest(name = "accepted: {0}")
    @MethodSource("accepted")
    void acceptedCertificates(String name, Case c) throws Exception {
        try (var tls = TlsPair.connect(Tls.clientConfigFromCaPem(c.trustedRoot().certPem()), c.host(),
                Tls.serverConfig(c.sentChain() == null ? c.server().chainPem() : c.sentChain(), c.server().keyPem()))) {
            tls.client().writeAll("ping".getBytes(US_ASCII));
            assertThat(new String(tls.server().read(8), US_ASCII)).isEqualTo("ping");
            assertThat(tls.client().peerCertificates().get(0)).isEqualTo(c.server().certificate());
        }
    }

    @ParameterizedTest(name = "rejected: {0}")
    @MethodSource("rejected")
    void rejectedCertificatesSayWhy(String name, Case c, String reason) throws Exception {
        var outcome = TlsPair.handshake(Tls.clientConfigFromCaPem(c.trustedRoot().certPem()), c.host(),
                Tls.serverConfig(c.sentChain() == null ? c.server().chainPem() : c.sentChain(), c.server().keyPem()));
        assertThat(outcome.client()).as("client must not connect").isNull();
        assertThat(outcome.clientError()).isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("TLS client handshake failed: ")
                .hasMessageContaining(reason);
        assertThat(outcome.serverError()).as("the server learns of it by an alert").isInstanceOf(TlsError.class);
    }

    @Test
    void serverRejectsAClientCertificateMeantOnlyForServers() throws Exception {
        TestPki.Cert serverCert = ROOT.issue(TestPki.spec("localhost").dns("localhost"));
        TestPki.Cert serverOnlyClient = ROOT.issue(TestPki.spec("client-with-server-eku"));
        var outcome = TlsPair.handshake(
                Tls.clientConfigWithClientAuth(ROOT.certPem(), serverOnlyClient.chainPem(), serverOnlyClient.keyPem()),
                "localhost",
                Tls.serverConfigRequireClientAuth(serverCert.chainPem(), serverCert.keyPem(), ROOT.certPem()));
        assertThat(outcome.serverError()).isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining("is not for TLS client authentication");
    }

    @Test
    void serverRejectsAClientCertificateFromAnUntrustedRoot() throws Exception {
        TestPki.Cert serverCert = ROOT.issue(TestPki.spec("localhost").dns("localhost"));
        TestPki.Cert stranger = OTHER_ROOT.issue(TestPki.spec("stranger").clientAuthOnly());
        var outcome = TlsPair.handshake(
                Tls.clientConfigWithClientAuth(ROOT.certPem(), stranger.chainPem(), stranger.keyPem()),
                "localhost",
                Tls.serverConfigRequireClientAuth(serverCert.chainPem(), serverCert.keyPem(), ROOT.certPem()));
        assertThat(outcome.serverError()).isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining("not a trusted root");
    }

    /** A plain JSSE server (no Sifr policy on its side) presenting {@code identity}; the Sifr client's outcome. */
    private static Throwable clientErrorAgainstJsseServer(TestPki.Cert identity, TestPki.Cert trusted, String host)
            throws Exception {
        var pair = MemoryByteStreams.pair();
        var peer = CompletableFuture.supplyAsync(() -> {
            try {
                return JdkPeer.handshake(JdkPeer.serverEngine(identity, TLS13_AND_12, null), pair.server());
            } catch (Exception e) {
                return e;
            }
        }, VIRTUAL);
        Throwable error = null;
        try (TlsStream ignored = Tls.clientConfigFromCaPem(trusted.certPem()).connect(host, pair.client())) {
            error = null;
        } catch (TlsError e) {
            error = e;
        }
        Object server = peer.get(20, TimeUnit.SECONDS);
        if (server instanceof TlsStream stream) {
            stream.close();
        }
        return error;
    }

    @Test
    void clientRefusesAnRsaLeafOf1024BitsSayingItsSize() throws Exception {
        TestPki.Cert weak = RSA_ROOT.issue(TestPki.spec("weak.example.test").dns("weak.example.test")
                .key(TestPki.KeyType.RSA_1024));
        assertThat(clientErrorAgainstJsseServer(weak, RSA_ROOT, "weak.example.test"))
                .isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("TLS client handshake failed: ")
                .hasMessageContaining("certificate \"CN=weak.example.test\": its RSA key of 1024 bits is below the"
                        + " minimum of 2048");
    }

    /**
     * A P-521 leaf cannot come with a handshake signature Sifr accepts, so a server presenting one fails
     * on its own side, racing our check of its Certificate message; the trust manager is asked directly.
     */
    @Test
    void trustManagerRefusesAP521LeafSayingTheCurve() throws Exception {
        TestPki.Cert p521 = ROOT.issue(TestPki.spec("p521.example.test").dns("p521.example.test")
                .key(TestPki.KeyType.EC_P521));
        var trust = sifr.tls.internal.ExplainingTrustManager.trusting(List.of(ROOT.certificate()));
        assertThatThrownBy(() -> trust.checkServerTrusted(
                new java.security.cert.X509Certificate[] {p521.certificate()}, "EC"))
                .isInstanceOf(java.security.cert.CertificateException.class)
                .hasMessage("certificate \"CN=p521.example.test\": its EC key is on secp521r1; only P-256"
                        + " (secp256r1) and P-384 (secp384r1) are accepted");
        assertThatThrownBy(() -> trust.checkClientTrusted(
                new java.security.cert.X509Certificate[] {p521.certificate()}, "EC"))
                .isInstanceOf(java.security.cert.CertificateException.class)
                .hasMessageContaining("its EC key is on secp521r1");
    }

    /** As webpki: RSA moduli above 8192 bits are refused too (a synthetic key: nobody signs with it here). */
    @Test
    void trustManagerRefusesAnRsaKeyAbove8192Bits() throws Exception {
        java.math.BigInteger modulus = new java.math.BigInteger(8256, new java.util.Random(1))
                .setBit(8255).setBit(0);
        var publicKey = java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.RSAPublicKeySpec(modulus, java.math.BigInteger.valueOf(65537)));
        var name = new org.bouncycastle.asn1.x500.X500Name("CN=huge.example.test");
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(ROOT.certificate(),
                java.math.BigInteger.TEN, java.util.Date.from(NOW.minus(Duration.ofHours(1))),
                java.util.Date.from(NOW.plus(Duration.ofDays(1))), name, publicKey);
        builder.addExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName, false,
                new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                        org.bouncycastle.asn1.x509.GeneralName.dNSName, "huge.example.test")));
        var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                .build(ROOT.keys().getPrivate());
        var huge = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(signer));
        var trust = sifr.tls.internal.ExplainingTrustManager.trusting(List.of(ROOT.certificate()));
        assertThatThrownBy(() -> trust.checkServerTrusted(new java.security.cert.X509Certificate[] {huge}, "RSA"))
                .isInstanceOf(java.security.cert.CertificateException.class)
                .hasMessage("certificate \"CN=huge.example.test\": its RSA key of 8256 bits is above the maximum"
                        + " of 8192");
    }

    static Stream<Arguments> refusedOwnKeys() {
        return Stream.of(
                Arguments.of(TestPki.KeyType.RSA_1024, "its RSA key of 1024 bits is below the minimum of 2048"),
                Arguments.of(TestPki.KeyType.EC_P521, "its EC key is on secp521r1; only P-256 (secp256r1) and P-384"
                        + " (secp384r1) are accepted"),
                Arguments.of(TestPki.KeyType.ED448, "its Ed448 key is not accepted (of EdDSA keys, only Ed25519 is)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedOwnKeys")
    void configsRefuseKeysThePolicyRefusesInPeers(TestPki.KeyType type, String reason) throws Exception {
        TestPki.Cert cert = ROOT.issue(TestPki.spec("localhost").dns("localhost").key(type).serverAndClientAuth());
        assertThatThrownBy(() -> Tls.serverConfig(cert.chainPem(), cert.keyPem()))
                .isInstanceOf(CertificateError.class)
                .hasMessage("server identity certificate \"CN=localhost\": " + reason);
        assertThatThrownBy(() -> Tls.clientConfigWithClientAuth(ROOT.certPem(), cert.chainPem(), cert.keyPem()))
                .isInstanceOf(CertificateError.class)
                .hasMessage("client identity certificate \"CN=localhost\": " + reason);
    }

    static Stream<Arguments> refusedClientCertificates() {
        return Stream.of(
                Arguments.of("RSA key of 1024 bits", RSA_ROOT.issue(TestPki.spec("weak-client").clientAuthOnly()
                        .key(TestPki.KeyType.RSA_1024)), RSA_ROOT,
                        "certificate \"CN=weak-client\": its RSA key of 1024 bits is below the minimum of 2048"),
                Arguments.of("SHA-1 signature", RSA_ROOT.issue(TestPki.spec("sha1-client").clientAuthOnly()
                        .key(TestPki.KeyType.RSA).signedWith("SHA1withRSA")), RSA_ROOT,
                        "certificate \"CN=sha1-client\" is signed with SHA1withRSA; SHA-1 and MD5 signatures are not"
                                + " accepted"),
                Arguments.of("X.509 v1", ROOT.issue(TestPki.spec("v1-client").v1()), ROOT,
                        "certificate \"CN=v1-client\" is an X.509 v1 certificate"),
                Arguments.of("EC P-521 key in an intermediate", ROOT.issue(TestPki.spec("P-521 Client CA").ca()
                        .key(TestPki.KeyType.EC_P521)).issue(TestPki.spec("p521-ca-client").clientAuthOnly()), ROOT,
                        "certificate \"CN=P-521 Client CA\": its EC key is on secp521r1"));
    }

    /** Client certificates go through the same chain policy on the server (a plain JSSE client presents them). */
    @ParameterizedTest(name = "client certificate refused: {0}")
    @MethodSource("refusedClientCertificates")
    void serverRefusesClientCertificatesThePolicyRefuses(String name, TestPki.Cert client, TestPki.Cert clientRoot,
            String reason) throws Exception {
        TestPki.Cert serverCert = ROOT.issue(TestPki.spec("localhost").dns("localhost"));
        var pair = MemoryByteStreams.pair();
        var peer = CompletableFuture.supplyAsync(() -> {
            try {
                return JdkPeer.handshake(JdkPeer.clientEngine(client, ROOT, "localhost", TLS13_AND_12, null),
                        pair.client());
            } catch (Exception e) {
                return e;
            }
        }, VIRTUAL);
        assertThatThrownBy(() -> Tls.serverConfigRequireClientAuth(serverCert.chainPem(), serverCert.keyPem(),
                clientRoot.certPem()).accept(pair.server()))
                .isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining(reason);
        Object outcome = peer.get(20, TimeUnit.SECONDS);
        if (outcome instanceof TlsStream stream) {
            stream.close(); // a TLS 1.3 client finishes before it hears the server's verdict
        }
    }

    @Test
    void serverAcceptsAClientCertificateWithoutSubjectAltName() throws Exception {
        // webpki checks names of servers only; a client certificate needs none.
        TestPki.Cert serverCert = ROOT.issue(TestPki.spec("localhost").dns("localhost"));
        TestPki.Cert client = ROOT.issue(TestPki.spec("plain-client").clientAuthOnly());
        try (var tls = TlsPair.connect(Tls.clientConfigWithClientAuth(ROOT.certPem(), client.chainPem(),
                client.keyPem()), "localhost",
                Tls.serverConfigRequireClientAuth(serverCert.chainPem(), serverCert.keyPem(), ROOT.certPem()))) {
            tls.client().writeAll("ping".getBytes(US_ASCII));
            assertThat(new String(tls.server().read(8), US_ASCII)).isEqualTo("ping");
            assertThat(tls.server().peerCertificates().get(0)).isEqualTo(client.certificate());
        }
    }
}
