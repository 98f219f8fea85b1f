package sifr.http;

import java.io.IOException;

/** An HTTP protocol failure: malformed message, limit exceeded, connection closed mid-exchange. */
public class HttpError extends IOException {
    private static final long serialVersionUID = 1L;

    public HttpError(String message) {
        super(message);
    }

    public HttpError(String message, Throwable cause) {
        super(message, cause);
    }
}
