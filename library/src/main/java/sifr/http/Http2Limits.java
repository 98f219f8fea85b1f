package sifr.http;

/**
 * The HTTP/2 limits a side announces in its SETTINGS and enforces (RFC 9113 §6.5.2), for
 * {@link HttpServerOptions} and {@link HttpClientOptions}. Immutable; start from {@link #serverDefaults()}
 * (strict: they bound what one client can make the server hold) or {@link #clientDefaults()}.
 *
 * @param maxConcurrentStreams streams the peer may open at once ({@code SETTINGS_MAX_CONCURRENT_STREAMS};
 *     server default 128; more are refused with REFUSED_STREAM; a client never accepts pushed streams, so
 *     there it only fills the setting)
 * @param initialWindowSize per-stream receive window ({@code SETTINGS_INITIAL_WINDOW_SIZE}; server default
 *     256 KiB, client 1 MiB): body octets buffered per stream before the sender must wait
 * @param connectionWindowSize receive window of the whole connection (server default 1 MiB, client 8 MiB)
 * @param maxFrameSize largest frame payload accepted ({@code SETTINGS_MAX_FRAME_SIZE}; 16,384..16,777,215;
 *     default 16,384)
 * @param maxHeaderListSize largest decoded header list ({@code SETTINGS_MAX_HEADER_LIST_SIZE}; server default
 *     64 KiB, client 256 KiB)
 * @param headerTableSize HPACK dynamic table size for the peer's encoder ({@code SETTINGS_HEADER_TABLE_SIZE};
 *     default 4,096)
 */
public record Http2Limits(int maxConcurrentStreams, int initialWindowSize, int connectionWindowSize, int maxFrameSize,
                          int maxHeaderListSize, int headerTableSize) {
    private static final Http2Limits SERVER = new Http2Limits(128, 256 * 1024, 1024 * 1024, 16_384, 64 * 1024, 4096);
    private static final Http2Limits CLIENT = new Http2Limits(100, 1024 * 1024, 8 * 1024 * 1024, 16_384, 256 * 1024, 4096);

    public Http2Limits {
        if (maxConcurrentStreams <= 0) {
            throw new IllegalArgumentException("HTTP/2 max concurrent streams must be positive");
        }
        if (initialWindowSize < 0) {
            throw new IllegalArgumentException("HTTP/2 initial window must be in 0..2^31-1");
        }
        if (connectionWindowSize < 65_535) {
            throw new IllegalArgumentException("HTTP/2 connection window must be in 65535..2^31-1");
        }
        if (maxFrameSize < 16_384 || maxFrameSize > 16_777_215) {
            throw new IllegalArgumentException("HTTP/2 max frame size must be in 16384..16777215");
        }
        if (maxHeaderListSize <= 0 || headerTableSize < 0) {
            throw new IllegalArgumentException("HTTP/2 header limits must be positive");
        }
    }

    /** What {@link HttpServerOptions} starts from. */
    public static Http2Limits serverDefaults() {
        return SERVER;
    }

    /** What {@link HttpClientOptions} starts from. */
    public static Http2Limits clientDefaults() {
        return CLIENT;
    }

    public Http2Limits withMaxConcurrentStreams(int value) {
        return new Http2Limits(value, initialWindowSize, connectionWindowSize, maxFrameSize, maxHeaderListSize, headerTableSize);
    }

    public Http2Limits withInitialWindowSize(int value) {
        return new Http2Limits(maxConcurrentStreams, value, connectionWindowSize, maxFrameSize, maxHeaderListSize, headerTableSize);
    }

    public Http2Limits withConnectionWindowSize(int value) {
        return new Http2Limits(maxConcurrentStreams, initialWindowSize, value, maxFrameSize, maxHeaderListSize, headerTableSize);
    }

    public Http2Limits withMaxFrameSize(int value) {
        return new Http2Limits(maxConcurrentStreams, initialWindowSize, connectionWindowSize, value, maxHeaderListSize, headerTableSize);
    }

    public Http2Limits withMaxHeaderListSize(int value) {
        return new Http2Limits(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize, value, headerTableSize);
    }

    public Http2Limits withHeaderTableSize(int value) {
        return new Http2Limits(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize, maxHeaderListSize, value);
    }
}
