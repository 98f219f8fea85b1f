package sifr.http;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import sifr.http.internal.client.ClientCall;
import sifr.http.internal.client.ClientSettings;
import sifr.http.internal.client.ConnectionPool;
import sifr.http.internal.client.PoolLimits;
import sifr.net.SocketAddr;
import sifr.tls.TlsClientConfig;
import sifr.url.Url;
import sifr.url.UrlError;

/**
 * A pooled HTTP client: {@code try (HttpClient client = HttpClient.create()) { client.get(url) }}.
 * Thread-safe; its calls block, and are meant for virtual threads (thousands at once are fine).
 *
 * <p>Connections are pooled per origin (scheme, host, port): HTTP/1.1 keep-alive connections, one
 * exchange each at a time, up to {@link Builder#maxConnectionsPerOrigin(int)}; HTTP/2 (ALPN {@code h2}
 * on {@code https}, or prior knowledge on {@code http}) multiplexes exchanges on one connection up to
 * the server's stream limit and opens another when it is full. An idle HTTP/1.1 connection whose peer
 * closed it is noticed before reuse; idle connections close after {@link Builder#idleTimeout(Duration)}.
 * Two https origins share an HTTP/2 connection (coalescing, RFC 9113 §9.1.1) only when the
 * connection's certificate covers the second origin's host, the port is the same and that host
 * resolves to the connection's address; a {@code 421 Misdirected Request} on a shared connection
 * sends the request again on the origin's own connection (a retry event), and that origin shares no
 * more. Requests whose body streams (cannot be sent again) and proxied requests never share.
 *
 * <p>Each call follows redirects ({@link Redirects}, at most 20, loops fail), retries what is safe to
 * retry (a request the server did not process, a stale connection found on write, an idempotent
 * request whose connection failed before any response byte; never a POST that may have reached the
 * server), and obeys the caller's {@code sifr.task} deadline and cancellation as well as the client's
 * timeouts. The response body streams: read it to its end or close the response (try-with-resources),
 * which gives its connection back to the pool. Responses are limited to
 * {@link Builder#maxResponseBodyBytes(long)} each, or to a call's own
 * {@link RequestOptions#maxResponseBodyBytes()}.
 */
public final class HttpClient implements AutoCloseable {
    private final ClientSettings settings;
    private final ConnectionPool pool;

    private HttpClient(Builder b) {
        // each call enforces its own body limit (RequestOptions, else the client's) in PooledBody, so the
        // connections underneath take any length
        HttpClientOptions.Builder options = HttpClientOptions.builder().connectTimeout(b.connectTimeout)
                .maxResponseBodyBytes(Long.MAX_VALUE).offerH2(b.http2).h2cPriorKnowledge(b.http2PriorKnowledge);
        if (b.tls != null) {
            options.tls(b.tls);
        }
        HttpClientOptions connection = options.build();
        this.pool = new ConnectionPool(connection,
                new PoolLimits(b.maxConnectionsPerOrigin, b.maxWaitingRequests, b.connectTimeout, b.idleTimeout), b.proxy);
        this.settings = new ClientSettings(pool, b.listener, b.redirects, Optional.ofNullable(b.requestTimeout),
                b.readTimeout, b.maxRetries, b.maxResponseBodyBytes, b.decompression, Optional.ofNullable(b.cookieJar));
    }

    /** A client with every default (see {@link Builder}). */
    public static HttpClient create() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code GET url}.
     *
     * @see #send(String, String, HeaderMap, BodyStream)
     */
    public HttpResponse get(String url) throws IOException {
        return send("GET", url, HeaderMap.empty(), BodyStream.empty());
    }

    /**
     * Sends a request to {@code url} and returns the final response once its head has arrived (after
     * the redirects followed); its body streams. A {@code host} field is added unless {@code headers}
     * has one. A request body of known length up to 64 KiB is kept in memory so that a retry or a
     * 307/308 can send it again; a larger or unknown-length body ({@link BodyStream#ofInputStream},
     * a file) streams once without buffering, so such a request is not retried and a 307/308 to it is
     * returned as it is.
     *
     * @param method the method ({@code GET}, {@code POST}, ...)
     * @param url an absolute {@code http} or {@code https} URL; its fragment is not sent
     * @throws IllegalArgumentException a method that is not a token, a URL that does not parse, is not
     *     http/https, or holds user info ({@code put credentials in an Authorization header})
     * @throws sifr.task.TimeoutError {@code HTTP request timed out after N ms} past the request timeout;
     *     the operation's own ({@code TCP connect timed out}, {@code TCP read timed out}, ...) past the
     *     connect or read timeout or the caller's deadline; {@code HTTP connection pool wait timed out}
     * @throws PoolExhaustedError when the origin's connections are busy and its wait queue is full
     * @throws HttpError a malformed response, {@code too many redirects}, {@code redirect loop},
     *     {@code HTTP client is closed}, and the connection failures no retry could mend
     * @throws sifr.task.CancelledError when the calling task is cancelled (the exchange is abandoned)
     */
    public HttpResponse send(String method, String url, HeaderMap headers, BodyStream body) throws IOException {
        return send(method, url, headers, body, RequestOptions.defaults());
    }

    /**
     * {@link #send(String, String, HeaderMap, BodyStream)} with settings of this call only: a response
     * body limit of its own ({@link RequestOptions#maxResponseBodyBytes()}, higher or lower than the
     * client's). Throws as that method does; a body over the limit fails its read with a
     * {@link BodyError} whose {@link BodyError#isLimitExceeded()} is true.
     */
    public HttpResponse send(String method, String url, HeaderMap headers, BodyStream body, RequestOptions options)
            throws IOException {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(options, "options");
        Method m = Method.of(method);
        Url u = parseUrl(url);
        return ClientCall.execute(settings, m, u, headers, body,
                options.maxResponseBodyBytes().orElse(settings.maxResponseBodyBytes()));
    }

    private static Url parseUrl(String url) {
        Objects.requireNonNull(url, "url");
        Url u;
        try {
            u = Url.parse(url);
        } catch (UrlError e) {
            throw new IllegalArgumentException("invalid HTTP client URL: " + e.getMessage(), e);
        }
        if (!u.scheme().equals("http") && !u.scheme().equals("https")) {
            throw new IllegalArgumentException("HTTP client URL scheme must be http or https: " + u.scheme());
        }
        if (!u.username().isEmpty() || !u.password().isEmpty()) {
            // the origin only in the message: user info may hold a password
            throw new IllegalArgumentException("HTTP client URLs must not hold user info (" + u.origin()
                    + "): put credentials in an Authorization header");
        }
        return u.fragment().isPresent() ? u.withFragment("") : u;
    }

    /**
     * Closes every pooled connection; calls in progress fail and later ones fail with
     * {@code HTTP client is closed}. Idempotent.
     */
    @Override
    public void close() {
        pool.close();
    }

    /**
     * The call an event belongs to: one per {@link #send}, redirects and retries included.
     *
     * @param id unique within the process, increasing
     * @param method the first request's method
     * @param url the first request's URL
     */
    public record Call(long id, Method method, Url url) {
    }

    /**
     * Events of a client's calls, in the style of OkHttp's {@code EventListener}. Every method does
     * nothing by default; they run on the thread that makes the call (body events on the thread that
     * reads the body), so they should be quick; an exception they throw reaches the caller. Events of
     * one call come in this order: {@code callStart}, then per attempt [{@code dnsStart}, {@code dnsEnd}],
     * [{@code connectStart}, [{@code tlsStart}, {@code tlsEnd}], {@code connectEnd} or
     * {@code connectFailed}], {@code connectionAcquired}, {@code requestHeaders}, [{@code requestBodyEnd}],
     * {@code responseHeaders} or ({@code connectionReleased}, {@code retry}), with a {@code redirect}
     * between the attempts of successive requests; {@code callEnd} with the final head, or
     * {@code callFailed}; later {@code responseBodyEnd} and {@code connectionReleased}.
     */
    public interface Listener {
        /** The listener that does nothing (the default). */
        Listener NONE = new Listener() {
        };

        /** A call starts. */
        default void callStart(Call call) {
        }

        /** The host is being resolved (reported only when a listener is set: names only, not literals). */
        default void dnsStart(Call call, String host) {
        }

        /** The host resolved to these addresses (the connect tries them, Happy Eyeballs, RFC 8305). */
        default void dnsEnd(Call call, String host, List<SocketAddr> addresses) {
        }

        /** A new connection to {@code origin} ({@code scheme://host[:port]}) is being opened. */
        default void connectStart(Call call, String origin) {
        }

        /** The TLS handshake starts (https). */
        default void tlsStart(Call call, String origin) {
        }

        /** The TLS handshake finished; {@code alpnProtocol} is {@code h2}, {@code http/1.1} or empty. */
        default void tlsEnd(Call call, String origin, String alpnProtocol) {
        }

        /** The connection is open and speaks {@code version}. */
        default void connectEnd(Call call, String origin, SocketAddr remote, Version version) {
        }

        /** Opening a connection failed (the call may still retry or fail). */
        default void connectFailed(Call call, String origin, IOException failure) {
        }

        /** The call got a connection for its next exchange; {@code reused} if it carried one before. */
        default void connectionAcquired(Call call, SocketAddr remote, Version version, boolean reused) {
        }

        /** The call's exchange gave its connection back (body ended or closed, or the exchange failed). */
        default void connectionReleased(Call call, SocketAddr remote, Version version) {
        }

        /** The request head is about to be sent (as the connection will send it, {@code host} included). */
        default void requestHeaders(Call call, RequestHead head) {
        }

        /** The request body was sent to its end ({@code bytes} long). */
        default void requestBodyEnd(Call call, long bytes) {
        }

        /** A response head arrived (also of each redirect followed). */
        default void responseHeaders(Call call, ResponseHead head) {
        }

        /** A response body was read to its end ({@code bytes} long, as received). */
        default void responseBodyEnd(Call call, long bytes) {
        }

        /** The attempt failed and is sent again ({@code attempt}: 1 for the first retry). */
        default void retry(Call call, int attempt, String reason, IOException failure) {
        }

        /** A redirect is followed. */
        default void redirect(Call call, int status, Url from, Url to) {
        }

        /** The call returns this final response head to the caller (its body streams on). */
        default void callEnd(Call call, ResponseHead head) {
        }

        /** The call failed with {@code failure}, which the caller gets. */
        default void callFailed(Call call, IOException failure) {
        }
    }

    /**
     * Settings of an {@link HttpClient}; every setter checks its argument and returns this builder.
     * Defaults: connect timeout 30 s, no request timeout, read timeout 30 s, platform trust store,
     * redirects {@link Redirects#NORMAL}, HTTP/2 offered on https, no h2c prior knowledge, 64
     * connections and 4,096 waiting requests per origin, idle timeout 5 min, 3 retries, 64 MiB per
     * response body, decompression on, no proxy, no cookie jar, no listener.
     */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout;
        private Duration readTimeout = Duration.ofSeconds(30);
        private TlsClientConfig tls;
        private Redirects redirects = Redirects.NORMAL;
        private boolean http2 = true;
        private boolean http2PriorKnowledge;
        private int maxConnectionsPerOrigin = 64;
        private int maxWaitingRequests = 4096;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private int maxRetries = 3;
        private long maxResponseBodyBytes = Http1.DEFAULT_MAX_RESPONSE_BODY;
        private Listener listener = Listener.NONE;
        private boolean decompression = true;
        private Proxy proxy;
        private CookieJar cookieJar;

        private Builder() {
        }

        /**
         * Bound on opening one connection (DNS, TCP connect, TLS handshake; default 30 s), and on the
         * wait for a pooled connection when all are busy.
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /**
         * Bound on a whole call: connecting, sending, redirects and retries, and reading the response
         * body (default none: the read timeout bounds each wait). Past it, {@code HTTP request timed
         * out after N ms}; an HTTP/1.1 connection is then closed, an HTTP/2 stream reset (its
         * connection serves on).
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "request timeout");
            return this;
        }

        /**
         * Bound on each wait for the response (default 30 s): its head (counted from the start of the
         * send, except for a streamed request body) and each chunk of its body.
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "read timeout");
            return this;
        }

        /** The TLS configuration for {@code https} (default: the platform trust store); its ALPN list is replaced. */
        public Builder tls(TlsClientConfig config) {
            this.tls = Objects.requireNonNull(config, "tls");
            return this;
        }

        /** Which redirects are followed (default {@link Redirects#NORMAL}). */
        public Builder redirects(Redirects policy) {
            this.redirects = Objects.requireNonNull(policy, "redirects");
            return this;
        }

        /** Whether {@code https} connections offer {@code h2} by ALPN (default true). */
        public Builder http2(boolean offer) {
            this.http2 = offer;
            return this;
        }

        /** Whether {@code http} connections speak HTTP/2 from the first byte (h2c prior knowledge; default false). */
        public Builder http2PriorKnowledge(boolean on) {
            this.http2PriorKnowledge = on;
            return this;
        }

        /**
         * Connections open (or being opened) to one origin at most (default 64).
         *
         * @throws IllegalArgumentException outside 1..65,536
         */
        public Builder maxConnectionsPerOrigin(int max) {
            this.maxConnectionsPerOrigin = range(max, 1, 65_536, "max connections per origin");
            return this;
        }

        /**
         * Calls that may wait for a busy origin's connection at once (default 4,096); one more fails
         * with {@link PoolExhaustedError}.
         *
         * @throws IllegalArgumentException outside 0..1,000,000
         */
        public Builder maxWaitingRequests(int max) {
            this.maxWaitingRequests = range(max, 0, 1_000_000, "max waiting requests");
            return this;
        }

        /** How long a connection without exchanges stays in the pool (default 5 min). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idle timeout");
            return this;
        }

        /**
         * Attempts a call may add after the first, for the safe cases only (default 3; 0: none).
         *
         * @throws IllegalArgumentException outside 0..10
         */
        public Builder maxRetries(int max) {
            this.maxRetries = range(max, 0, 10, "max retries");
            return this;
        }

        /**
         * Largest response body read, per response ({@code response body exceeds limit of N bytes};
         * default 64 MiB).
         *
         * @throws IllegalArgumentException {@code HTTP body limit must be positive}
         */
        public Builder maxResponseBodyBytes(long max) {
            if (max <= 0) {
                throw new IllegalArgumentException("HTTP body limit must be positive");
            }
            this.maxResponseBodyBytes = max;
            return this;
        }

        /**
         * Transparent decompression (default on): requests offer {@code Accept-Encoding: gzip, deflate}
         * unless the caller set {@code Accept-Encoding} or {@code Range}, and answers in those codings
         * are decoded as they are read ({@code java.util.zip}), their {@code Content-Encoding} and
         * {@code Content-Length} removed. The decoded size is bounded by
         * {@link #maxResponseBodyBytes(long)} (a decompression bomb fails with {@link BodyError}
         * {@code decoded body exceeds limit of N bytes}). Brotli is not offered.
         */
        public Builder decompression(boolean on) {
            this.decompression = on;
            return this;
        }

        /**
         * An HTTP proxy for every request (default none): {@code https} goes through a CONNECT tunnel
         * (TLS with the origin end to end, verified as without a proxy), {@code http} to the proxy with
         * absolute-form targets; the proxy's credentials go in {@code Proxy-Authorization}. Through a
         * proxy, {@code http} speaks HTTP/1.1 (no h2c prior knowledge). Requests fail with
         * {@link ProxyAuthError} when the proxy refuses the credentials (407), and with
         * {@link ProxyError} when it refuses the tunnel.
         */
        public Builder proxy(Proxy p) {
            this.proxy = Objects.requireNonNull(p, "proxy");
            return this;
        }

        /**
         * A cookie jar (default none: cookies are neither stored nor sent): {@code Set-Cookie} of every
         * response (redirects included) goes in, and each request gets the jar's {@code Cookie} for
         * its URL after any the caller set.
         */
        public Builder cookieJar(CookieJar jar) {
            this.cookieJar = Objects.requireNonNull(jar, "cookieJar");
            return this;
        }

        /** The listener of every call's events (default {@link Listener#NONE}). */
        public Builder listener(Listener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /** A client with these settings; the builder may be used again. */
        public HttpClient build() {
            return new HttpClient(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            if (d.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(what + " is too large (over 1 day)");
            }
            return d;
        }

        private static int range(int n, int min, int max, String what) {
            if (n < min || n > max) {
                throw new IllegalArgumentException(what + " must be " + min + ".." + max + ": " + n);
            }
            return n;
        }
    }
}
