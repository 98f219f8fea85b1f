package sifr.http;

/**
 * A proxy answered {@code CONNECT} with a status other than 2xx: the tunnel was not opened and the
 * connection to the proxy is closed. {@link #status()} is the proxy's status code; 407 (and 401) arrive as
 * {@link ProxyAuthError}.
 */
public class ProxyError extends HttpError {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ProxyError(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The status code of the proxy's reply to {@code CONNECT}. */
    public int status() {
        return status;
    }
}
