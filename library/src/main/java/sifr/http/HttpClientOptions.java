package sifr.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import sifr.tls.TlsClientConfig;

/**
 * Settings of {@link HttpClient#connect(String, HttpClientOptions)}, immutable.
 *
 * @param tls the TLS configuration for {@code https} URLs; empty: the platform's trust store
 * @param connectTimeout bound on TCP connect and TLS handshake (default 30 s)
 * @param maxResponseBodyBytes largest response body read ({@code response body exceeds limit ...}; default 64 MiB)
 */
public record HttpClientOptions(Optional<sifr.tls.TlsClientConfig> tls, Duration connectTimeout, long maxResponseBodyBytes) {
    public HttpClientOptions {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxResponseBodyBytes < 0) {
            throw new IllegalArgumentException("response body limit must not be negative");
        }
    }

    public static HttpClientOptions defaults() {
        return new HttpClientOptions(Optional.empty(), Duration.ofSeconds(30), Http1.DEFAULT_MAX_RESPONSE_BODY);
    }

    public HttpClientOptions withTls(TlsClientConfig config) {
        return new HttpClientOptions(Optional.of(config), connectTimeout, maxResponseBodyBytes);
    }

    public HttpClientOptions withConnectTimeout(Duration timeout) {
        return new HttpClientOptions(tls, timeout, maxResponseBodyBytes);
    }

    public HttpClientOptions withMaxResponseBodyBytes(long max) {
        return new HttpClientOptions(tls, connectTimeout, max);
    }
}
