package sifr.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
    private static final Instant NOW = Instant.now();

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
                        "both.example.test")));
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
                        "is not valid for 127.0.0.1 (it names DNS:localhost)"));
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
}
