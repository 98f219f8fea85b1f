package sifr.http;

import java.io.Closeable;
import java.io.IOException;

/**
 * A client connection. HTTP/1.1 connections run one exchange at a time and reuse the connection for
 * the next one (keep-alive); concurrent callers wait their turn. HTTP/2 connections multiplex.
 */
public interface HttpConnection extends Closeable {

    /**
     * Sends a request and returns the response once its head has arrived; the body streams. On
     * HTTP/1.1 the previous response's body must have been read or closed first (it is drained if not).
     */
    HttpResponse send(RequestHead head, BodyStream body) throws IOException;

    /** Sends a request without a body. */
    default HttpResponse send(RequestHead head) throws IOException {
        return send(head, BodyStream.empty());
    }

    /** The protocol this connection speaks. */
    Version version();

    /** False once the connection can take no further exchange (closed by either side). */
    boolean isOpen();

    @Override
    void close() throws IOException;
}
