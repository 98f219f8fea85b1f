package sifr.http;

import sifr.net.internal.OptionChecks;

/**
 * The HTTP/1.1 framing limits (RFC 9112) a side enforces on what it reads, the same record for
 * {@link HttpServerOptions} and {@link HttpClientOptions}; one set of defaults serves both roles.
 * Limits both protocols share (header section bytes, body bytes) sit on the options themselves.
 * Immutable; {@code Http1Limits.builder().maxStartLineBytes(16_384).build()}, {@link #defaults()},
 * {@link #toBuilder()}.
 *
 * <p>Throws {@link sifr.net.OptionError} from the constructor and {@link Builder#build()} for a value out of range,
 *     naming the field ({@code Http1Limits.maxHeaderFields must be in 1..1024 (was 0)})
 *
 * @param maxStartLineBytes longest request line (server; 414 beyond) or status line (client;
 *     {@code HttpError} beyond), CRLF excluded; default 8 KiB, at least 1
 * @param maxHeaderFields most header (or trailer) fields in one message (server: 431 beyond); default 100,
 *     1..1024 (HeaderMap's own bound). HTTP/2 bounds its fields through the header section size instead
 * @param maxChunkLineBytes longest chunk-size line (hex size plus chunk extensions, CRLF excluded) of a
 *     chunked body; default 4 KiB, at least 1
 */
public record Http1Limits(int maxStartLineBytes, int maxHeaderFields, int maxChunkLineBytes) {
    private static final Http1Limits DEFAULTS = new Http1Limits(8 * 1024, 100, 4 * 1024);

    public Http1Limits {
        OptionChecks.atLeast("Http1Limits.maxStartLineBytes", maxStartLineBytes, 1);
        OptionChecks.inRange("Http1Limits.maxHeaderFields", maxHeaderFields, 1, 1024);
        OptionChecks.atLeast("Http1Limits.maxChunkLineBytes", maxChunkLineBytes, 1);
    }

    /** Request/status line 8 KiB, 100 header fields, chunk-size line 4 KiB (server and client alike). */
    public static Http1Limits defaults() {
        return DEFAULTS;
    }

    /** A builder preset with {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder preset with these values: {@code limits.toBuilder().build()} equals {@code limits}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Http1Limits}; each setter names the record component it sets. Not thread-safe. */
    public static final class Builder {
        private int maxStartLineBytes;
        private int maxHeaderFields;
        private int maxChunkLineBytes;

        private Builder(Http1Limits from) {
            maxStartLineBytes = from.maxStartLineBytes;
            maxHeaderFields = from.maxHeaderFields;
            maxChunkLineBytes = from.maxChunkLineBytes;
        }

        /** Longest request or status line, CRLF excluded (default 8 KiB). */
        public Builder maxStartLineBytes(int value) {
            maxStartLineBytes = value;
            return this;
        }

        /** Most header fields in one message (default 100, at most 1024). */
        public Builder maxHeaderFields(int value) {
            maxHeaderFields = value;
            return this;
        }

        /** Longest chunk-size line (default 4 KiB). */
        public Builder maxChunkLineBytes(int value) {
            maxChunkLineBytes = value;
            return this;
        }

        /**
         * The limits.
         *
         * @throws sifr.net.OptionError for a value out of range, naming the field
         */
        public Http1Limits build() {
            return new Http1Limits(maxStartLineBytes, maxHeaderFields, maxChunkLineBytes);
        }
    }
}
