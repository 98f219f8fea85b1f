package sifr.http;

import java.io.Closeable;
import java.io.IOException;
import sifr.http.internal.client.ConnectEvents;
import sifr.http.internal.client.ConnectionOpener;
import sifr.http.internal.client.Origin;
import sifr.http.internal.h1.H1HostConnection;
import sifr.url.Url;

/**
 * One client connection, for callers who want exactly one ({@link HttpClient} pools them for
 * everyone else): {@code HttpConnection.open("http://127.0.0.1:8080")} → {@link #send}. HTTP/1.1
 * connections run one exchange at a time and reuse the connection for the next one (keep-alive);
 * concurrent callers wait their turn. HTTP/2 connections multiplex.
 *
 * <p>{@code https} origins go through {@code sifr.tls} (hostname verification always on) and offer
 * ALPN {@code h2, http/1.1}: the connection speaks HTTP/2 (multiplexed: {@code send} from many threads
 * at once) when the server picks {@code h2}, else HTTP/1.1. {@code http} origins speak HTTP/1.1, or
 * HTTP/2 from the first byte with {@link HttpClientOptions#h2cPriorKnowledge()}. Requests
 * without a {@code host} field get the origin's (on HTTP/2 it becomes {@code :authority}).
 */
public interface HttpConnection extends Closeable {

    /** {@link #open(String, HttpClientOptions)} with {@link HttpClientOptions#defaults()}. */
    static HttpConnection open(String origin) throws IOException {
        return open(origin, HttpClientOptions.defaults());
    }

    /**
     * Connects to {@code origin} ({@code scheme://host[:port]}, a trailing {@code /} allowed); each
     * request's target goes in its {@link RequestHead}.
     *
     * @throws IllegalArgumentException for a URL without a scheme ({@code host:8080}: {@code HTTP client
     *     URL is missing its scheme ...}), one that does not parse, whose scheme is not http/https, or
     *     with a path, query, fragment or user info ({@code connection URLs take an origin only ...})
     * @throws sifr.task.TimeoutError {@code TCP connect timed out} / {@code TLS client handshake timed out}
     *     past the options' connect timeout
     * @throws IOException when the connection or the TLS handshake fails
     */
    static HttpConnection open(String origin, HttpClientOptions options) throws IOException {
        if (!origin.contains("://")) {
            // "host:8080" parses as scheme "host": say what is missing instead of naming a strange scheme
            throw new IllegalArgumentException("HTTP client URL is missing its scheme (http:// or https://): " + origin);
        }
        Url u = Url.parse(origin);
        Origin o = Origin.of(u);
        if (!(u.path().isEmpty() || u.path().equals("/")) || u.query().isPresent() || u.fragment().isPresent()
                || !u.username().isEmpty() || !u.password().isEmpty()) {
            // the origin, not the URL, goes into the message: user info may hold a password
            throw new IllegalArgumentException("connection URLs take an origin only: connect to " + u.origin()
                    + " and give the path and query in each RequestHead (or use HttpClient, which takes whole URLs)");
        }
        return new H1HostConnection(ConnectionOpener.open(o, options, ConnectEvents.NONE).connection(), o.hostField());
    }

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
