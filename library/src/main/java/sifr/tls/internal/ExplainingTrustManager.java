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
 * because every client engine has endpoint identification {@code HTTPS} — hostname checks), and on
 * top of it, for chains the JDK accepted, the Rustls/webpki rules it does not have
 * ({@link ChainPolicy}: v3 only, no SHA-1/MD5 signatures, RSA of 2048 to 8192 bits, EC P-256/P-384,
 * subjectAltName required with no common-name fallback). A chain is accepted only if both say yes.
 * When either rejects, the message says why in plain words (the policy's rule, else
 * {@link CertificateDiagnosis}); the JDK's own exception stays as the cause. Nothing here can accept
 * a chain that the JDK rejected, and nothing turns the policy off.
 */
public final class ExplainingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final List<X509Certificate> anchors;
    private final ChainPolicy policy;

    private ExplainingTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
        this.anchors = List.of(delegate.getAcceptedIssuers());
        this.policy = new ChainPolicy(anchors);
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
        String host = engine == null ? null : engine.getPeerHost();
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.SERVER, host);
        }
        enforcePolicy(chain, CertificateDiagnosis.Purpose.SERVER, host);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        String host = null;
        try {
            delegate.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.CLIENT, host);
        }
        enforcePolicy(chain, CertificateDiagnosis.Purpose.CLIENT, host);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        String host = null;
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.SERVER, host);
        }
        enforcePolicy(chain, CertificateDiagnosis.Purpose.SERVER, host);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        String host = null;
        try {
            delegate.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.CLIENT, host);
        }
        enforcePolicy(chain, CertificateDiagnosis.Purpose.CLIENT, host);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        String host = null;
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.SERVER, host);
        }
        enforcePolicy(chain, CertificateDiagnosis.Purpose.SERVER, host);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        String host = null;
        try {
            delegate.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw explained(e, chain, CertificateDiagnosis.Purpose.CLIENT, host);
        }
        enforcePolicy(chain, CertificateDiagnosis.Purpose.CLIENT, host);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /** The JDK accepted {@code chain}; now our rules must too. */
    private void enforcePolicy(X509Certificate[] chain, CertificateDiagnosis.Purpose purpose, String host)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer sent an empty certificate chain");
        }
        Optional<String> problem = policy.problem(List.of(chain), purpose == CertificateDiagnosis.Purpose.SERVER, host);
        if (problem.isPresent()) {
            throw new CertificateException(problem.get());
        }
    }

    /**
     * The JDK rejected {@code chain}: say why, by our rules first (the JDK refuses some of the same
     * things, MD5 say, in its own words), then by the diagnosis of what the JDK checks.
     */
    private CertificateException explained(CertificateException original, X509Certificate[] chain,
            CertificateDiagnosis.Purpose purpose, String host) {
        Optional<String> reason = chain == null || chain.length == 0 ? Optional.empty()
                : policy.pathProblem(List.of(chain))
                        .or(() -> CertificateDiagnosis.explain(List.of(chain), anchors, purpose, host, Instant.now()));
        String message = reason.orElseGet(() -> "certificate rejected: " + original.getMessage());
        return new CertificateException(message, original);
    }
}
