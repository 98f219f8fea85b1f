package sifr.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import sifr.tls.TlsClientConfig;

/**
 * Settings of {@link HttpConnection#open(String, HttpClientOptions)}, immutable.
 *
 * @param tls the TLS configuration for {@code https} URLs; empty: the platform's trust store. Its ALPN
 *     list is replaced by the one these options call for ({@code h2, http/1.1} or {@code http/1.1})
 * @param connectTimeout one bound on TCP connect and TLS handshake (ALPN included) together (default 30 s);
 *     past it, {@code TimeoutError}. The TLS configuration's own handshake timeout still applies when shorter
 * @param maxResponseBodyBytes largest response body read ({@code response body exceeds limit ...}; default 64 MiB)
 * @param http2 on {@code https}, offer {@code h2} by ALPN and speak HTTP/2 when the server picks it (default on)
 * @param http2PriorKnowledge on {@code http}, speak HTTP/2 from the first byte (h2c prior knowledge,
 *     RFC 9113 §3.3) instead of HTTP/1.1 (default off: the client cannot know the server speaks it)
 * @param http2Limits the HTTP/2 limits this client announces and enforces
 */
public record HttpClientOptions(Optional<sifr.tls.TlsClientConfig> tls, Duration connectTimeout, long maxResponseBodyBytes,
                                boolean http2, boolean http2PriorKnowledge, Http2Limits http2Limits) {
    public HttpClientOptions {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(http2Limits, "http2Limits");
        if (maxResponseBodyBytes <= 0) {
            throw new IllegalArgumentException("HTTP body limit must be positive");
        }
    }

    public static HttpClientOptions defaults() {
        return new HttpClientOptions(Optional.empty(), Duration.ofSeconds(30), Http1.DEFAULT_MAX_RESPONSE_BODY,
                true, false, Http2Limits.clientDefaults());
    }

    public HttpClientOptions withTls(TlsClientConfig config) {
        return new HttpClientOptions(Optional.of(config), connectTimeout, maxResponseBodyBytes, http2, http2PriorKnowledge,
                http2Limits);
    }

    public HttpClientOptions withConnectTimeout(Duration timeout) {
        return new HttpClientOptions(tls, timeout, maxResponseBodyBytes, http2, http2PriorKnowledge, http2Limits);
    }

    public HttpClientOptions withMaxResponseBodyBytes(long max) {
        return new HttpClientOptions(tls, connectTimeout, max, http2, http2PriorKnowledge, http2Limits);
    }

    /** Whether {@code https} connections offer {@code h2} by ALPN (false: HTTP/1.1 only). */
    public HttpClientOptions withHttp2(boolean offer) {
        return new HttpClientOptions(tls, connectTimeout, maxResponseBodyBytes, offer, http2PriorKnowledge, http2Limits);
    }

    /** Whether {@code http} connections speak HTTP/2 from the start (h2c prior knowledge). */
    public HttpClientOptions withHttp2PriorKnowledge(boolean on) {
        return new HttpClientOptions(tls, connectTimeout, maxResponseBodyBytes, http2, on, http2Limits);
    }

    public HttpClientOptions withHttp2Limits(Http2Limits limits) {
        return new HttpClientOptions(tls, connectTimeout, maxResponseBodyBytes, http2, http2PriorKnowledge, limits);
    }
}
