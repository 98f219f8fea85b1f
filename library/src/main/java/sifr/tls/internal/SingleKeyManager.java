package sifr.tls.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager with exactly one identity. It offers the identity when the key type the handshake
 * asks for matches the certificate's key algorithm (the JDK asks with {@code RSA}, {@code EC},
 * {@code RSASSA-PSS}, {@code EdDSA}, and for TLS 1.2 sometimes {@code KEY_SIGALG} forms like
 * {@code EC_EC}); otherwise it declines and the handshake picks a scheme the key can do.
 */
public final class SingleKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "sifr";
    private final KeyMaterial material;
    private final String keyAlgorithm;

    public SingleKeyManager(KeyMaterial material) {
        this.material = material;
        this.keyAlgorithm = material.chain().get(0).getPublicKey().getAlgorithm();
    }

    private boolean offers(String keyType) {
        if (keyType == null) {
            return false;
        }
        int underscore = keyType.indexOf('_');
        String algorithm = underscore < 0 ? keyType : keyType.substring(0, underscore);
        return algorithm.equals(keyAlgorithm)
                || (algorithm.equals("EdDSA") && keyAlgorithm.startsWith("Ed"));
    }

    private String aliasFor(String[] keyTypes) {
        if (keyTypes != null) {
            for (String keyType : keyTypes) {
                if (offers(keyType)) {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return offers(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return aliasFor(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return offers(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return offers(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return offers(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? material.chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? material.key() : null;
    }
}
