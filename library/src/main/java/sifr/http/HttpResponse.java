package sifr.http;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;

/**
 * A response: a head and a body. Servers send what a handler returns; clients receive one whose body
 * streams from the connection (read it or {@link #close()} it before the connection's next exchange).
 */
public final class HttpResponse implements Closeable {
    private final ResponseHead head;
    private final BodyStream body;

    private HttpResponse(ResponseHead head, BodyStream body) {
        this.head = Objects.requireNonNull(head, "head");
        this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * An HTTP/1.1 response (the transport sends it in the connection's own version).
     *
     * @throws IllegalArgumentException {@code invalid HTTP status} outside 100..999
     */
    public static HttpResponse of(int status, HeaderMap headers, BodyStream body) {
        return new HttpResponse(new ResponseHead(Status.of(status), headers, Version.HTTP_1_1), body);
    }

    public static HttpResponse of(ResponseHead head, BodyStream body) {
        return new HttpResponse(head, body);
    }

    /** A response without a body. */
    public static HttpResponse of(int status, HeaderMap headers) {
        return of(status, headers, BodyStream.empty());
    }

    public ResponseHead head() {
        return head;
    }

    public BodyStream body() {
        return body;
    }

    public Status status() {
        return head.status();
    }

    public HeaderMap headers() {
        return head.headers();
    }

    public Version version() {
        return head.version();
    }

    /** The trailer fields; complete once the body has been read to its end. */
    public HeaderMap trailers() {
        return body.trailers();
    }

    /** Discards the unread rest of the body. */
    @Override
    public void close() throws IOException {
        body.close();
    }

    @Override
    public String toString() {
        return head.toString();
    }
}
