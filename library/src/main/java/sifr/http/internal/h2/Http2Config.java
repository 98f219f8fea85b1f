package sifr.http.internal.h2;

/**
 * Limits of one HTTP/2 connection, either role: what this side announces in its SETTINGS and
 * enforces on what the peer sends. One record for both roles so a limit is validated once and means
 * the same thing on both; only the defaults differ ({@link #SERVER_DEFAULT}, {@link #CLIENT_DEFAULT}).
 * The public {@code sifr.http.Http2Limits} maps onto it in {@code EngineConfigs}.
 *
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS we announce; a server refuses streams beyond it
 *     (RST_STREAM REFUSED_STREAM, RFC 9113 §5.1.2); a client announces it although push is off
 * @param initialWindowSize SETTINGS_INITIAL_WINDOW_SIZE we announce: inbound body octets buffered per stream
 * @param connectionWindowSize receive window of the whole connection (raised by WINDOW_UPDATE at start)
 * @param maxFrameSize SETTINGS_MAX_FRAME_SIZE we announce (16384..16777215)
 * @param maxHeaderListSize SETTINGS_MAX_HEADER_LIST_SIZE we announce and enforce (RFC 7541 §4.1 octets)
 * @param headerTableSize SETTINGS_HEADER_TABLE_SIZE: the HPACK table the peer's encoder may use
 * @param maxBodyBytes largest inbound body: a request body on a server, a response body on a client
 *     ({@code ... body exceeds limit of N bytes})
 * @param maxHeaderBlockSize largest compressed field block (HEADERS plus CONTINUATION frames)
 * @param maxContinuationFrames CONTINUATION frames allowed in one field block
 * @param floodLimits hardening limits against a misbehaving peer (reset, SETTINGS, PING, empty-DATA,
 *     PRIORITY and refused-stream rates, the zero-window stall timeout)
 * @param enableConnectProtocol a server announces SETTINGS_ENABLE_CONNECT_PROTOCOL=1 and accepts RFC 8441
 *     extended CONNECT ({@code :protocol}); without it a request carrying {@code :protocol} is malformed
 *     (stream PROTOCOL_ERROR). Off in both defaults; a client never sends the setting (§3)
 */
public record Http2Config(int maxConcurrentStreams, int initialWindowSize, int connectionWindowSize, int maxFrameSize,
        int maxHeaderListSize, int headerTableSize, long maxBodyBytes, int maxHeaderBlockSize,
        int maxContinuationFrames, Http2FloodLimits floodLimits, boolean enableConnectProtocol) {

    /**
     * A server's defaults: strict, bounding what one client can make the server hold (streams,
     * buffered body octets, header octets) while leaving room for browsers, curl and h2load.
     */
    public static final Http2Config SERVER_DEFAULT = new Http2Config(128, 256 * 1024, 1024 * 1024,
            Http2Frames.DEFAULT_MAX_FRAME_SIZE, 64 * 1024, 4096, 64L * 1024 * 1024, 128 * 1024, 32,
            Http2FloodLimits.SERVER_DEFAULT, false);

    /** A client's defaults: larger windows (it downloads) and a larger response header bound. */
    public static final Http2Config CLIENT_DEFAULT = new Http2Config(100, 1024 * 1024, 8 * 1024 * 1024,
            Http2Frames.DEFAULT_MAX_FRAME_SIZE, 256 * 1024, 4096, 64L * 1024 * 1024, 512 * 1024, 64,
            Http2FloodLimits.CLIENT_DEFAULT, false);

    public Http2Config {
        if (maxConcurrentStreams < 0) {
            throw new IllegalArgumentException("max concurrent streams must not be negative");
        }
        if (initialWindowSize < 0) {
            throw new IllegalArgumentException("HTTP/2 initial window must be in 0..2^31-1");
        }
        if (connectionWindowSize < Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE) {
            throw new IllegalArgumentException("HTTP/2 connection window must be in 65535..2^31-1");
        }
        if (maxFrameSize < Http2Frames.DEFAULT_MAX_FRAME_SIZE || maxFrameSize > Http2Frames.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("HTTP/2 max frame size must be in 16384..16777215");
        }
        if (maxHeaderListSize <= 0 || headerTableSize < 0 || maxHeaderBlockSize <= 0 || maxContinuationFrames < 0) {
            throw new IllegalArgumentException("HTTP/2 header limits must be positive");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("HTTP body limit must be positive");
        }
        if (floodLimits == null) {
            throw new IllegalArgumentException("HTTP/2 flood limits must be set");
        }
    }

    public Http2Config withMaxConcurrentStreams(int n) {
        return new Http2Config(n, initialWindowSize, connectionWindowSize, maxFrameSize, maxHeaderListSize,
                headerTableSize, maxBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits, enableConnectProtocol);
    }

    public Http2Config withInitialWindowSize(int n) {
        return new Http2Config(maxConcurrentStreams, n, connectionWindowSize, maxFrameSize, maxHeaderListSize,
                headerTableSize, maxBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits, enableConnectProtocol);
    }

    public Http2Config withConnectionWindowSize(int n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, n, maxFrameSize, maxHeaderListSize,
                headerTableSize, maxBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits, enableConnectProtocol);
    }

    public Http2Config withMaxFrameSize(int n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, n, maxHeaderListSize,
                headerTableSize, maxBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits, enableConnectProtocol);
    }

    public Http2Config withMaxHeaderListSize(int n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize, n,
                headerTableSize, maxBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits, enableConnectProtocol);
    }

    public Http2Config withHeaderTableSize(int n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, n, maxBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits, enableConnectProtocol);
    }

    public Http2Config withMaxBodyBytes(long n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, n, maxHeaderBlockSize, maxContinuationFrames, floodLimits, enableConnectProtocol);
    }

    public Http2Config withMaxHeaderBlockSize(int n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxBodyBytes, n, maxContinuationFrames, floodLimits, enableConnectProtocol);
    }

    public Http2Config withMaxContinuationFrames(int n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxBodyBytes, maxHeaderBlockSize, n, floodLimits, enableConnectProtocol);
    }

    public Http2Config withFloodLimits(Http2FloodLimits limits) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxBodyBytes, maxHeaderBlockSize, maxContinuationFrames, limits, enableConnectProtocol);
    }

    /** This config announcing and accepting RFC 8441 extended CONNECT (server side) or not. */
    public Http2Config withEnableConnectProtocol(boolean on) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits,
                on);
    }

    Http2Reader.Limits readerLimits() {
        return new Http2Reader.Limits(Http2Frames.DEFAULT_MAX_FRAME_SIZE, maxHeaderBlockSize, maxContinuationFrames);
    }

    /** The SETTINGS this side announces in its preface. */
    Http2Settings settings(boolean client) {
        Http2Settings s = Http2Settings.EMPTY
                .with(Http2Settings.MAX_CONCURRENT_STREAMS, maxConcurrentStreams)
                .with(Http2Settings.INITIAL_WINDOW_SIZE, initialWindowSize)
                .with(Http2Settings.MAX_HEADER_LIST_SIZE, maxHeaderListSize);
        if (client) {
            s = s.with(Http2Settings.ENABLE_PUSH, 0); // §8.4: we never accept pushed streams
        }
        if (maxFrameSize != Http2Frames.DEFAULT_MAX_FRAME_SIZE) {
            s = s.with(Http2Settings.MAX_FRAME_SIZE, maxFrameSize);
        }
        if (enableConnectProtocol && !client) {
            s = s.with(Http2Settings.ENABLE_CONNECT_PROTOCOL, 1); // RFC 8441 §3
        }
        if (headerTableSize != 4096) {
            s = s.with(Http2Settings.HEADER_TABLE_SIZE, headerTableSize);
        }
        return s;
    }
}
