package sifr.http;

import java.time.Duration;
import java.util.Optional;
import sifr.net.OptionError;
import sifr.net.internal.OptionChecks;
import sifr.tls.TlsClientConfig;

/**
 * Settings of a client connection ({@link HttpConnection#open(String, HttpClientOptions)}), immutable:
 * {@code HttpClientOptions.builder().tls(config).connectTimeout(Duration.ofSeconds(5)).build()},
 * {@link #defaults()}, {@link #toBuilder()}. The same shape as {@link HttpServerOptions}: limits both
 * protocols share here, per-protocol ones in {@link #http1()} and {@link #http2()}, which protocols are
 * offered in {@link #offerH2()} and {@link #h2cPriorKnowledge()}.
 *
 * <p>Throws {@link OptionError} from the constructor and {@link Builder#build()}, naming the field: a value out of
 *     range ({@code HttpClientOptions.maxHeaderSectionBytes must be in 1..1048576 (was 0)}) or a body
 *     limit below one ({@code HTTP body limit must be positive})
 *
 * @param tls the TLS configuration for {@code https} URLs; empty (default): the platform's trust store.
 *     Its ALPN list is replaced by the one these options call for ({@code h2, http/1.1} or {@code http/1.1})
 * @param connectTimeout one bound on TCP connect and TLS handshake (ALPN included) together (default 30 s);
 *     past it, {@code TimeoutError}. The TLS configuration's own handshake timeout still applies when shorter
 * @param maxResponseBodyBytes largest response body read, both protocols ({@code response body exceeds
 *     limit ...}; default 64 MiB)
 * @param maxHeaderSectionBytes largest response header section, both protocols (default 256 KiB, 1..1 MiB):
 *     on HTTP/1.1 the field lines as received with their CRLFs; on HTTP/2 the decoded header list size of
 *     RFC 9113 §6.5.2 (name + value + 32 octets per field), announced as
 *     {@code SETTINGS_MAX_HEADER_LIST_SIZE} and enforced by the HPACK decoder. Beyond it the exchange
 *     fails with {@link HttpError}
 * @param http1 HTTP/1.1 framing limits (default {@link Http1Limits#defaults()})
 * @param http2 HTTP/2 limits this client announces and enforces (default {@link Http2Limits#clientDefaults()})
 * @param offerH2 on {@code https}, offer {@code h2} by ALPN and speak HTTP/2 when the server picks it
 *     (default on; off: HTTP/1.1 only)
 * @param h2cPriorKnowledge on {@code http}, speak HTTP/2 from the first byte (h2c prior knowledge,
 *     RFC 9113 §3.3) instead of HTTP/1.1 (default off: the client cannot know the server speaks it)
 */
public record HttpClientOptions(Optional<TlsClientConfig> tls, Duration connectTimeout, long maxResponseBodyBytes,
                                int maxHeaderSectionBytes, Http1Limits http1, Http2Limits http2, boolean offerH2,
                                boolean h2cPriorKnowledge) {
    private static final HttpClientOptions DEFAULTS = new HttpClientOptions(Optional.empty(), Duration.ofSeconds(30),
            64L * 1024 * 1024, 256 * 1024, Http1Limits.defaults(), Http2Limits.clientDefaults(), true, false);

    public HttpClientOptions {
        OptionChecks.required("HttpClientOptions.tls", tls);
        OptionChecks.positive("HttpClientOptions.connectTimeout", connectTimeout);
        OptionChecks.check("HttpClientOptions.maxResponseBodyBytes", maxResponseBodyBytes, maxResponseBodyBytes > 0,
                "HTTP body limit must be positive"); // Sifr's words
        OptionChecks.inRange("HttpClientOptions.maxHeaderSectionBytes", maxHeaderSectionBytes, 1, 1024 * 1024);
        OptionChecks.required("HttpClientOptions.http1", http1);
        OptionChecks.required("HttpClientOptions.http2", http2);
    }

    /** The platform's trust store, {@code h2} offered on https, HTTP/1.1 on http, and the defaults on each field. */
    public static HttpClientOptions defaults() {
        return DEFAULTS;
    }

    /** A builder preset with {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder preset with these values: {@code options.toBuilder().build()} equals {@code options}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link HttpClientOptions}; each setter names the record component it sets. Not thread-safe. */
    public static final class Builder {
        private Optional<TlsClientConfig> tls;
        private Duration connectTimeout;
        private long maxResponseBodyBytes;
        private int maxHeaderSectionBytes;
        private Http1Limits http1;
        private Http2Limits http2;
        private boolean offerH2;
        private boolean h2cPriorKnowledge;

        private Builder(HttpClientOptions from) {
            tls = from.tls;
            connectTimeout = from.connectTimeout;
            maxResponseBodyBytes = from.maxResponseBodyBytes;
            maxHeaderSectionBytes = from.maxHeaderSectionBytes;
            http1 = from.http1;
            http2 = from.http2;
            offerH2 = from.offerH2;
            h2cPriorKnowledge = from.h2cPriorKnowledge;
        }

        /** Trust and identity for {@code https} (default: the platform's trust store). */
        public Builder tls(TlsClientConfig config) {
            tls = Optional.of(OptionChecks.required("HttpClientOptions.tls", config));
            return this;
        }

        /** Bound on TCP connect plus TLS handshake (default 30 s). */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /** Largest response body on both protocols (default 64 MiB). */
        public Builder maxResponseBodyBytes(long value) {
            maxResponseBodyBytes = value;
            return this;
        }

        /** Largest response header section on both protocols (default 256 KiB). */
        public Builder maxHeaderSectionBytes(int value) {
            maxHeaderSectionBytes = value;
            return this;
        }

        /** HTTP/1.1 framing limits (default {@link Http1Limits#defaults()}). */
        public Builder http1(Http1Limits limits) {
            http1 = OptionChecks.required("HttpClientOptions.http1", limits);
            return this;
        }

        /** HTTP/2 limits (default {@link Http2Limits#clientDefaults()}). */
        public Builder http2(Http2Limits limits) {
            http2 = OptionChecks.required("HttpClientOptions.http2", limits);
            return this;
        }

        /** Offer {@code h2} by ALPN on {@code https} (default true). */
        public Builder offerH2(boolean on) {
            offerH2 = on;
            return this;
        }

        /** Speak HTTP/2 from the first byte on {@code http} (default false). */
        public Builder h2cPriorKnowledge(boolean on) {
            h2cPriorKnowledge = on;
            return this;
        }

        /**
         * The options.
         *
         * @throws OptionError for a value out of range, naming the field
         */
        public HttpClientOptions build() {
            return new HttpClientOptions(tls, connectTimeout, maxResponseBodyBytes, maxHeaderSectionBytes, http1,
                    http2, offerH2, h2cPriorKnowledge);
        }
    }
}
