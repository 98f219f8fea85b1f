package sifr.tls;

import java.io.IOException;

/** A TLS failure: handshake, protocol or configuration. */
public class TlsError extends IOException {
    private static final long serialVersionUID = 1L;

    public TlsError(String message) {
        super(message);
    }

    public TlsError(String message, Throwable cause) {
        super(message, cause);
    }
}
