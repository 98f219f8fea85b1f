package sifr.http;

/**
 * A proxy answered {@code CONNECT} with {@code 407 Proxy Authentication Required} (or {@code 401}, which
 * tinyproxy sends for refused credentials; before the tunnel only the proxy can answer): no
 * credentials were given ({@link Proxy#withBasicAuth}) or the proxy refused them. {@link #challenge()} is its
 * {@code Proxy-Authenticate} field (empty when it sent none).
 */
public class ProxyAuthError extends ProxyError {
    private static final long serialVersionUID = 1L;

    private final String challenge;

    public ProxyAuthError(String message, int status, String challenge) {
        super(message, status);
        this.challenge = challenge;
    }

    /** The proxy's {@code Proxy-Authenticate} field, e.g. {@code Basic realm="proxy"}; empty if absent. */
    public String challenge() {
        return challenge;
    }
}
