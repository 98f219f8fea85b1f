package sifr.http;

import sifr.net.internal.OptionChecks;

/**
 * The HTTP/2 limits a side announces in its SETTINGS and enforces (RFC 9113 §6.5.2), the same record for
 * {@link HttpServerOptions} and {@link HttpClientOptions}. The defaults differ by role:
 * {@link #serverDefaults()} are strict (they bound what one client can make a server hold),
 * {@link #clientDefaults()} have larger windows (a client reads what it asked for). The header section
 * bound ({@code SETTINGS_MAX_HEADER_LIST_SIZE}) is not here: it is the options'
 * {@code maxHeaderSectionBytes}, shared with HTTP/1.1. Immutable; change one value with
 * {@code Http2Limits.clientDefaults().toBuilder().maxFrameSize(65_536).build()}.
 *
 * <p>Throws {@link sifr.net.OptionError} from the constructor and {@link Builder#build()} for a value out of range,
 *     naming the field ({@code Http2Limits.maxFrameSize must be in 16384..16777215 (was 100)})
 *
 * @param maxConcurrentStreams streams the peer may open at once ({@code SETTINGS_MAX_CONCURRENT_STREAMS};
 *     server default 128, more are refused with REFUSED_STREAM; client default 100, where it only fills
 *     the setting: a client never accepts pushed streams); at least 1
 * @param initialWindowSize per-stream receive window ({@code SETTINGS_INITIAL_WINDOW_SIZE}; server default
 *     256 KiB, client 1 MiB): body octets buffered per stream before the sender must wait; 0..2^31-1
 * @param connectionWindowSize receive window of the whole connection (server default 1 MiB, client
 *     8 MiB); 65,535..2^31-1
 * @param maxFrameSize largest frame payload accepted ({@code SETTINGS_MAX_FRAME_SIZE}; default 16,384 both;
 *     16,384..16,777,215)
 * @param headerTableSize HPACK dynamic table size the peer's encoder may use ({@code SETTINGS_HEADER_TABLE_SIZE};
 *     default 4,096 both; 0..2^31-1)
 */
public record Http2Limits(int maxConcurrentStreams, int initialWindowSize, int connectionWindowSize,
                          int maxFrameSize, int headerTableSize) {
    private static final Http2Limits SERVER = new Http2Limits(128, 256 * 1024, 1024 * 1024, 16_384, 4096);
    private static final Http2Limits CLIENT = new Http2Limits(100, 1024 * 1024, 8 * 1024 * 1024, 16_384, 4096);

    public Http2Limits {
        OptionChecks.atLeast("Http2Limits.maxConcurrentStreams", maxConcurrentStreams, 1);
        OptionChecks.atLeast("Http2Limits.initialWindowSize", initialWindowSize, 0);
        OptionChecks.atLeast("Http2Limits.connectionWindowSize", connectionWindowSize, 65_535);
        OptionChecks.inRange("Http2Limits.maxFrameSize", maxFrameSize, 16_384, 16_777_215);
        OptionChecks.atLeast("Http2Limits.headerTableSize", headerTableSize, 0);
    }

    /** What {@link HttpServerOptions#defaults()} uses: 128 streams, windows 256 KiB / 1 MiB. */
    public static Http2Limits serverDefaults() {
        return SERVER;
    }

    /** What {@link HttpClientOptions#defaults()} uses: 100 streams, windows 1 MiB / 8 MiB. */
    public static Http2Limits clientDefaults() {
        return CLIENT;
    }

    /**
     * The same as {@link #serverDefaults()}, the stricter set: for a client, start from
     * {@link #clientDefaults()} instead.
     */
    public static Http2Limits defaults() {
        return SERVER;
    }

    /** A builder preset with {@link #serverDefaults()} (use {@code clientDefaults().toBuilder()} for a client). */
    public static Builder builder() {
        return SERVER.toBuilder();
    }

    /** A builder preset with these values: {@code limits.toBuilder().build()} equals {@code limits}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Http2Limits}; each setter names the record component it sets. Not thread-safe. */
    public static final class Builder {
        private int maxConcurrentStreams;
        private int initialWindowSize;
        private int connectionWindowSize;
        private int maxFrameSize;
        private int headerTableSize;

        private Builder(Http2Limits from) {
            maxConcurrentStreams = from.maxConcurrentStreams;
            initialWindowSize = from.initialWindowSize;
            connectionWindowSize = from.connectionWindowSize;
            maxFrameSize = from.maxFrameSize;
            headerTableSize = from.headerTableSize;
        }

        /** {@code SETTINGS_MAX_CONCURRENT_STREAMS} (at least 1). */
        public Builder maxConcurrentStreams(int value) {
            maxConcurrentStreams = value;
            return this;
        }

        /** {@code SETTINGS_INITIAL_WINDOW_SIZE}: the per-stream receive window (0..2^31-1). */
        public Builder initialWindowSize(int value) {
            initialWindowSize = value;
            return this;
        }

        /** The connection's receive window (65,535..2^31-1). */
        public Builder connectionWindowSize(int value) {
            connectionWindowSize = value;
            return this;
        }

        /** {@code SETTINGS_MAX_FRAME_SIZE} (16,384..16,777,215). */
        public Builder maxFrameSize(int value) {
            maxFrameSize = value;
            return this;
        }

        /** {@code SETTINGS_HEADER_TABLE_SIZE} (0..2^31-1). */
        public Builder headerTableSize(int value) {
            headerTableSize = value;
            return this;
        }

        /**
         * The limits.
         *
         * @throws sifr.net.OptionError for a value out of range, naming the field
         */
        public Http2Limits build() {
            return new Http2Limits(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                    headerTableSize);
        }
    }
}
