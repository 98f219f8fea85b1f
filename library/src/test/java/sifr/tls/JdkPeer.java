package sifr.tls;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import sifr.net.ByteStream;
import sifr.testing.TestPki;
import sifr.tls.internal.TlsConnection;

/**
 * A TLS peer that is plain JSSE with settings Sifr would never use (TLS 1.2 only, CBC suites, a
 * renegotiation), to show how a Sifr endpoint reacts to such a peer. Runs over our engine driver,
 * which is policy-free; the policy lives in the configs.
 */
final class JdkPeer {
    private JdkPeer() {
    }

    static SSLEngine serverEngine(TestPki.Cert identity, List<String> protocols, List<String> suites) throws Exception {
        SSLEngine engine = context(identity, null).createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(protocols.toArray(new String[0]));
        if (suites != null) {
            engine.setEnabledCipherSuites(suites.toArray(new String[0]));
        }
        return engine;
    }

    static SSLEngine clientEngine(TestPki.Cert root, String host, List<String> protocols, List<String> suites)
            throws Exception {
        return clientEngine(null, root, host, protocols, suites);
    }

    /** A client presenting {@code identity} (its chain up to and including the root) when asked. */
    static SSLEngine clientEngine(TestPki.Cert identity, TestPki.Cert root, String host, List<String> protocols,
            List<String> suites) throws Exception {
        SSLEngine engine = context(identity, root).createSSLEngine(host, 443);
        engine.setUseClientMode(true);
        var parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        engine.setEnabledProtocols(protocols.toArray(new String[0]));
        if (suites != null) {
            engine.setEnabledCipherSuites(suites.toArray(new String[0]));
        }
        return engine;
    }

    /** Handshakes {@code engine} over {@code transport} and wraps it as a stream. */
    static TlsStream handshake(SSLEngine engine, ByteStream transport) throws Exception {
        TlsConnection connection = new TlsConnection(transport, engine);
        connection.handshake(java.time.Duration.ofSeconds(10));
        return new TlsStream(connection, null);
    }

    private static SSLContext context(TestPki.Cert identity, TestPki.Cert root) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        if (identity != null) {
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(identity.certificate());
            identity.issuers().forEach(issuer -> chain.add(issuer.certificate()));
            keyStore.setKeyEntry("peer", identity.keys().getPrivate(), "pw".toCharArray(),
                    chain.toArray(new X509Certificate[0]));
        }
        keys.init(keyStore, "pw".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        if (root != null) {
            trustStore.setCertificateEntry("root", root.certificate());
        }
        trust.init(root == null ? null : trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
