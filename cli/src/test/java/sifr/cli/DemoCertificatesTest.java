package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sifr.tls.Tls;

class DemoCertificatesTest {

    @Test
    void demoServerCertificateValidatesAgainstTheDemoRootWithTheJdksPkixValidator() throws Exception {
        DemoCertificates.Pems pems = DemoCertificates.create();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate root = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(pems.rootCertificate()));
        X509Certificate server = (X509Certificate) factory.generateCertificate(
                new ByteArrayInputStream(pems.serverCertificate()));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(server)), parameters);
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "localhost"),
                List.of(7, "127.0.0.1"));
        assertThat(server.getNotAfter().getTime() - server.getNotBefore().getTime())
                .isLessThanOrEqualTo(2 * 3600 * 1000L);
    }

    @Test
    void demoPemsLoadAsSifrTlsConfigs() throws Exception {
        DemoCertificates.Pems pems = DemoCertificates.create();
        assertThat(Tls.serverConfig(pems.serverCertificate(), pems.serverKey())).isNotNull();
        assertThat(Tls.clientConfigFromCaPem(pems.rootCertificate())).isNotNull();
    }
}
