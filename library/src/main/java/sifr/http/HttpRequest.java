package sifr.http;

import java.util.Objects;
import java.util.Optional;
import sifr.net.SocketAddr;

/**
 * A received request: its head, its body (streamed from the connection: read it within the handler)
 * and the peer's address.
 */
public final class HttpRequest {
    private final RequestHead head;
    private final BodyStream body;
    private final SocketAddr remoteAddr;

    private HttpRequest(RequestHead head, BodyStream body, SocketAddr remoteAddr) {
        this.head = Objects.requireNonNull(head, "head");
        this.body = Objects.requireNonNull(body, "body");
        this.remoteAddr = remoteAddr;
    }

    /** A request as a transport hands it to a handler. */
    public static HttpRequest of(RequestHead head, BodyStream body, SocketAddr remoteAddr) {
        return new HttpRequest(head, body, Objects.requireNonNull(remoteAddr, "remoteAddr"));
    }

    /** A request without a peer (for calling handlers directly, e.g. in tests). */
    public static HttpRequest of(RequestHead head, BodyStream body) {
        return new HttpRequest(head, body, null);
    }

    public RequestHead head() {
        return head;
    }

    public BodyStream body() {
        return body;
    }

    /** The trailer fields; complete once the body has been read to its end. */
    public HeaderMap trailers() {
        return body.trailers();
    }

    /** The peer's address; empty for a request that did not come from a connection. */
    public Optional<SocketAddr> remoteAddr() {
        return Optional.ofNullable(remoteAddr);
    }

    public Method method() {
        return head.method();
    }

    public String path() {
        return head.path();
    }

    public HeaderMap headers() {
        return head.headers();
    }

    @Override
    public String toString() {
        return head.toString();
    }
}
