package sifr.http.internal;

/**
 * An internal failure that says which status a server answers when a handler fails because of it:
 * a malformed HTTP/1.1 request body read by the handler is the client's error (400), not the
 * handler's (500). Found anywhere in the cause chain: public errors wrap the codecs' own.
 */
public interface AnsweredStatus {
    /** The 4xx or 5xx to answer. */
    int status();
}
