package sifr.net;

import java.io.IOException;

/** A network failure, with Sifr's message (for example {@code TCP write side is already shut down}). */
public class NetError extends IOException {
    private static final long serialVersionUID = 1L;

    public NetError(String message) {
        super(message);
    }

    public NetError(String message, Throwable cause) {
        super(message, cause);
    }
}
