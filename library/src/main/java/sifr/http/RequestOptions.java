package sifr.http;

import java.util.OptionalLong;
import sifr.net.OptionError;
import sifr.net.internal.OptionChecks;

/**
 * Settings of one {@link HttpClient} call that differ from the client's, immutable:
 * {@code client.send("GET", url, HeaderMap.empty(), BodyStream.empty(),
 * RequestOptions.builder().maxResponseBodyBytes(1 << 30).build())}; {@link #defaults()} keeps every
 * setting of the client, {@link #toBuilder()}.
 *
 * <p>Throws {@link OptionError} from the constructor and {@link Builder#build()}: a limit below one
 * ({@code HTTP body limit must be positive}, {@link OptionError#option()} naming
 * {@code RequestOptions.maxResponseBodyBytes}).
 *
 * @param maxResponseBodyBytes largest response body this call reads, in place of the client's
 *     {@link HttpClient.Builder#maxResponseBodyBytes(long)} (default: empty, the client's, 64 MiB unless
 *     changed), higher or lower than it. It counts the bytes as received and, when the client decodes
 *     {@code gzip}/{@code deflate}, the decoded bytes too; beyond it the body read fails with a
 *     {@link BodyError} whose {@link BodyError#isLimitExceeded()} is true ({@code response body exceeds
 *     limit of N bytes}, or {@code decoded body exceeds ...}), and the connection is closed (HTTP/1.1)
 *     or the stream reset (HTTP/2). A {@code Content-Length} above it fails at the first read, before
 *     any byte is handed out. It applies to the final response and to every redirect's body discarded
 *     on the way
 */
public record RequestOptions(OptionalLong maxResponseBodyBytes) {
    private static final RequestOptions DEFAULTS = new RequestOptions(OptionalLong.empty());

    public RequestOptions {
        OptionChecks.required("RequestOptions.maxResponseBodyBytes", maxResponseBodyBytes);
        OptionChecks.check("RequestOptions.maxResponseBodyBytes", maxResponseBodyBytes,
                maxResponseBodyBytes.isEmpty() || maxResponseBodyBytes.getAsLong() > 0, "HTTP body limit must be positive");
    }

    /** Every setting from the client. */
    public static RequestOptions defaults() {
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

    /** Builds {@link RequestOptions}; each setter names the record component it sets. Not thread-safe. */
    public static final class Builder {
        private OptionalLong maxResponseBodyBytes;

        private Builder(RequestOptions from) {
            maxResponseBodyBytes = from.maxResponseBodyBytes;
        }

        /** See {@link RequestOptions#maxResponseBodyBytes()}; checked by {@link #build()}. */
        public Builder maxResponseBodyBytes(long max) {
            maxResponseBodyBytes = OptionalLong.of(max);
            return this;
        }

        /** Back to the client's limit. */
        public Builder clientMaxResponseBodyBytes() {
            maxResponseBodyBytes = OptionalLong.empty();
            return this;
        }

        /**
         * The options.
         *
         * @throws OptionError a limit below one
         */
        public RequestOptions build() {
            return new RequestOptions(maxResponseBodyBytes);
        }
    }
}
