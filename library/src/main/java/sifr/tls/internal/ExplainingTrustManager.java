package sifr.tls.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust manager (path building, validity, key usage, algorithm constraints, and —
 * because every client engine has endpoint identification {@code HTTPS} — hostname checks), unchanged
 * in what it accepts. When it rejects a chain, the exception is replaced by one whose message says
 * why in plain words ({@link CertificateDiagnosis}); the JDK's own exception stays as the cause.
 * Nothing here can accept a chain that the JDK rejected.
 */
public final class ExplainingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final List<X509Certificate> anchors;

    private ExplainingTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
        this.anchors = List.of(delegate.getAcceptedIssuers());
    }

    /** Trusts exactly {@code roots}. */
    public static ExplainingTrustManager trusting(List<X509Certificate> roots) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < roots.size(); i++) {
            store.setCertificateEntry("root-" + i, roots.get(i));
        }
        return fromStore(store);
    }

    /** Trusts the JDK's default trust store ({@code cacerts}, or what {@code javax.net.ssl.trustStore} names). */
    public static ExplainingTrustManager platform() throws GeneralSecurityException {
        return fromStore(null);
    }

    private static ExplainingTrustManager fromStore(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return new ExplainingTrustManager(extended);
            }
        }
        throw new GeneralSecurityException("the JDK's PKIX trust manager factory returned no X509ExtendedTrustManager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.SERVER, engine == null ? null : engine.getPeerHost());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.CLIENT, null);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.SERVER, null);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.CLIENT, null);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.SERVER, null);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.CLIENT, null);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private CertificateException explained(CertificateException original, X509Certificate[] chain,
            CertificateDiagnosis.Purpose purpose, String host) {
        Optional<String> reason = chain == null || chain.length == 0 ? Optional.empty()
                : CertificateDiagnosis.explain(List.of(chain), anchors, purpose, host, Instant.now());
        String message = reason.orElseGet(() -> "certificate rejected: " + original.getMessage());
        return new CertificateException(message, original);
    }
}
