package sifr.http;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import sifr.url.Url;

/**
 * A response: a head and a body. Servers send what a handler returns; clients receive one whose body
 * streams from the connection (read it or {@link #close()} it before the connection's next exchange;
 * {@link HttpClient} gives the connection back to its pool then).
 */
public final class HttpResponse implements Closeable {
    private final ResponseHead head;
    private final BodyStream body;
    private final Url url;

    private HttpResponse(ResponseHead head, BodyStream body, Url url) {
        this.head = Objects.requireNonNull(head, "head");
        this.body = Objects.requireNonNull(body, "body");
        this.url = url;
    }

    private HttpResponse(ResponseHead head, BodyStream body) {
        this(head, body, null);
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

    /**
     * This response with the URL it answers ({@link HttpClient} sets the final URL, after redirects).
     *
     * @throws NullPointerException for a null URL
     */
    public HttpResponse withUrl(Url finalUrl) {
        return new HttpResponse(head, body, Objects.requireNonNull(finalUrl, "url"));
    }

    /**
     * The URL this response answers: for responses of {@link HttpClient}, the last request's URL after
     * the redirects it followed.
     *
     * @throws IllegalStateException {@code this response has no URL} for a response that did not come
     *     from {@link HttpClient} (a handler's, or one of a single {@link HttpConnection})
     */
    public Url url() {
        if (url == null) {
            throw new IllegalStateException("this response has no URL: only HttpClient's responses carry one");
        }
        return url;
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
