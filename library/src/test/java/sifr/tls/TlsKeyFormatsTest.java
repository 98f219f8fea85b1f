package sifr.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sifr.testing.TestPki;

/** PEM certificates and private keys in every format the library reads, and the ones it refuses. */
@Timeout(30)
class TlsKeyFormatsTest {
    private static final TestPki.Cert ROOT = TestPki.root("Key Formats Root");
    private static final TestPki.Cert EC = ROOT.issue(TestPki.spec("localhost").dns("localhost"));
    private static final TestPki.Cert RSA = ROOT.issue(TestPki.spec("localhost").dns("localhost")
            .key(TestPki.KeyType.RSA));

    static Stream<Arguments> keyFormats() {
        return Stream.of(
                Arguments.of("EC key as PKCS#8 PRIVATE KEY", EC, (Function<TestPki.Cert, byte[]>) TestPki.Cert::keyPem),
                Arguments.of("EC key as SEC1 EC PRIVATE KEY", EC,
                        (Function<TestPki.Cert, byte[]>) TestPki.Cert::traditionalKeyPem),
                Arguments.of("RSA key as PKCS#8 PRIVATE KEY", RSA, (Function<TestPki.Cert, byte[]>) TestPki.Cert::keyPem),
                Arguments.of("RSA key as PKCS#1 RSA PRIVATE KEY", RSA,
                        (Function<TestPki.Cert, byte[]>) TestPki.Cert::traditionalKeyPem));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyFormats")
    void serverKeyInEachSupportedFormatCompletesAHandshake(String name, TestPki.Cert cert,
            Function<TestPki.Cert, byte[]> format) throws Exception {
        byte[] keyPem = format.apply(cert);
        assertThat(new String(keyPem, US_ASCII)).contains(name.substring(name.indexOf(" as ") + 4)
                .replaceFirst("^(PKCS#8|SEC1|PKCS#1) ", ""));
        try (var tls = TlsPair.connect(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(cert.chainPem(), keyPem))) {
            tls.client().writeAll("ping".getBytes(US_ASCII));
            assertThat(new String(tls.server().read(8), US_ASCII)).isEqualTo("ping");
        }
    }

    @Test
    void secOneKeyAfterAnEcParametersBlockIsFound() throws Exception {
        byte[] pem = TestPki.concat(
                "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n".getBytes(US_ASCII),
                EC.traditionalKeyPem());
        assertThat(Tls.serverConfig(EC.chainPem(), pem)).isNotNull();
    }

    @Test
    void textAroundPemBlocksIsIgnored() throws Exception {
        byte[] chain = TestPki.concat("Bag Attributes\n    friendlyName: server\nsubject=CN=localhost\n"
                .getBytes(US_ASCII), EC.chainPem(), "trailing notes\n".getBytes(US_ASCII));
        assertThat(Tls.serverConfig(chain, EC.keyPem())).isNotNull();
    }

    @Test
    void encryptedPkcs8KeyIsRefusedWithAMessageSayingSo() {
        assertThatThrownBy(() -> Tls.serverConfig(EC.chainPem(), EC.encryptedPkcs8KeyPem()))
                .isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("server identity private key is encrypted");
    }

    @Test
    void encryptedTraditionalKeyIsRefusedWithAMessageSayingSo() {
        assertThatThrownBy(() -> Tls.serverConfig(RSA.chainPem(), RSA.encryptedTraditionalKeyPem()))
                .isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("server identity private key is encrypted");
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        TestPki.Cert other = ROOT.issue(TestPki.spec("other").dns("other"));
        assertThatThrownBy(() -> Tls.serverConfig(EC.chainPem(), other.keyPem()))
                .isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("server identity private key does not match the server identity certificate");
        assertThatThrownBy(() -> Tls.serverConfig(EC.chainPem(), RSA.keyPem()))
                .isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("server identity private key does not match the server identity certificate");
    }

    @Test
    void clientKeyOfAnotherCertificateIsRefused() {
        assertThatThrownBy(() -> Tls.clientConfigWithClientAuth(ROOT.certPem(), EC.chainPem(), RSA.keyPem()))
                .isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("client identity private key does not match the client identity certificate");
    }

    @Test
    void keyPemWithoutAKeyIsRefusedInSifrsWords() {
        assertThatThrownBy(() -> Tls.serverConfig(EC.chainPem(), EC.certPem()))
                .isInstanceOf(CertificateError.class)
                .hasMessage("server identity private key PEM contains no supported private key");
        assertThatThrownBy(() -> Tls.clientConfigWithClientAuth(ROOT.certPem(), EC.chainPem(), EC.certPem()))
                .isInstanceOf(CertificateError.class)
                .hasMessage("client identity private key PEM contains no supported private key");
    }

    @Test
    void certificatePemWithoutCertificatesIsRefused() {
        assertThatThrownBy(() -> Tls.serverConfig(EC.keyPem(), EC.keyPem()))
                .isInstanceOf(CertificateError.class)
                .hasMessage("server identity certificate PEM contains no certificates");
    }

    @Test
    void clientCaPemWithoutCertificatesIsRefused() {
        assertThatThrownBy(() -> Tls.serverConfigRequireClientAuth(EC.chainPem(), EC.keyPem(), new byte[0]))
                .isInstanceOf(CertificateError.class)
                .hasMessage("client CA certificate PEM contains no certificates");
    }

    @Test
    void corruptKeyIsRefusedWithAParseError() {
        byte[] pem = "-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n".getBytes(US_ASCII);
        assertThatThrownBy(() -> Tls.serverConfig(EC.chainPem(), pem))
                .isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("failed to parse server identity private key: ");
    }

    @Test
    void unterminatedPemBlockIsRefused() {
        byte[] pem = "-----BEGIN CERTIFICATE-----\nAAAA\n".getBytes(US_ASCII);
        assertThatThrownBy(() -> Tls.clientConfigFromCaPem(pem))
                .isInstanceOf(CertificateError.class)
                .hasMessage("failed to parse client root certificates: PEM block BEGIN CERTIFICATE has no END line");
    }
}
