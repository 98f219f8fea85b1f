package sifr.tls;

/** A certificate or key could not be parsed, did not match, or was not trusted. */
public class CertificateError extends TlsError {
    private static final long serialVersionUID = 1L;

    public CertificateError(String message) {
        super(message);
    }

    public CertificateError(String message, Throwable cause) {
        super(message, cause);
    }
}
