package sifr.http.internal.h2;

/**
 * Limits of a server-side HTTP/2 connection. Defaults are strict: they bound what one client can make
 * the server hold (streams, buffered body octets, header octets) while leaving room for browsers,
 * curl and h2load.
 *
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS we announce; streams beyond are refused
 *     (RST_STREAM REFUSED_STREAM, RFC 9113 §5.1.2)
 * @param initialWindowSize SETTINGS_INITIAL_WINDOW_SIZE we announce: request body octets buffered per stream
 * @param connectionWindowSize receive window of the whole connection (raised by WINDOW_UPDATE at start)
 * @param maxFrameSize SETTINGS_MAX_FRAME_SIZE we announce (16384..16777215)
 * @param maxHeaderListSize SETTINGS_MAX_HEADER_LIST_SIZE we announce and enforce (RFC 7541 §4.1 octets)
 * @param headerTableSize SETTINGS_HEADER_TABLE_SIZE: the HPACK table the client's encoder may use
 * @param maxRequestBodyBytes largest request body handed to a handler ({@code request body exceeds limit of N bytes})
 * @param maxHeaderBlockSize largest compressed field block (HEADERS plus CONTINUATION frames)
 * @param maxContinuationFrames CONTINUATION frames allowed in one field block
 * @param floodLimits hardening limits: reset, SETTINGS, PING, empty-DATA, PRIORITY and refused-stream rates, the
 *     zero-window stall timeout ({@link Http2FloodLimits#SERVER_DEFAULT})
 */
public record Http2ServerConfig(int maxConcurrentStreams, int initialWindowSize, int connectionWindowSize,
        int maxFrameSize, int maxHeaderListSize, int headerTableSize, long maxRequestBodyBytes,
        int maxHeaderBlockSize, int maxContinuationFrames, Http2FloodLimits floodLimits) {

    public static final Http2ServerConfig DEFAULT = new Http2ServerConfig(128, 256 * 1024, 1024 * 1024,
            Http2Frames.DEFAULT_MAX_FRAME_SIZE, 64 * 1024, 4096, 64L * 1024 * 1024, 128 * 1024, 32,
            Http2FloodLimits.SERVER_DEFAULT);

    public Http2ServerConfig {
        Http2Config.check(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxHeaderBlockSize, maxContinuationFrames);
        if (floodLimits == null) {
            throw new IllegalArgumentException("HTTP/2 flood limits must be set");
        }
        if (maxRequestBodyBytes <= 0) {
            throw new IllegalArgumentException("HTTP body limit must be positive");
        }
    }

    public Http2ServerConfig withMaxConcurrentStreams(int n) {
        return new Http2ServerConfig(n, initialWindowSize, connectionWindowSize, maxFrameSize, maxHeaderListSize,
                headerTableSize, maxRequestBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits);
    }

    public Http2ServerConfig withInitialWindowSize(int n) {
        return new Http2ServerConfig(maxConcurrentStreams, n, connectionWindowSize, maxFrameSize, maxHeaderListSize,
                headerTableSize, maxRequestBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits);
    }

    public Http2ServerConfig withConnectionWindowSize(int n) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindowSize, n, maxFrameSize, maxHeaderListSize,
                headerTableSize, maxRequestBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits);
    }

    public Http2ServerConfig withMaxFrameSize(int n) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, n, maxHeaderListSize,
                headerTableSize, maxRequestBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits);
    }

    public Http2ServerConfig withMaxHeaderListSize(int n) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize, n,
                headerTableSize, maxRequestBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits);
    }

    public Http2ServerConfig withHeaderTableSize(int n) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, n, maxRequestBodyBytes, maxHeaderBlockSize, maxContinuationFrames, floodLimits);
    }

    public Http2ServerConfig withMaxRequestBodyBytes(long n) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, n, maxHeaderBlockSize, maxContinuationFrames, floodLimits);
    }

    public Http2ServerConfig withMaxHeaderBlockSize(int n) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxRequestBodyBytes, n, maxContinuationFrames, floodLimits);
    }

    public Http2ServerConfig withMaxContinuationFrames(int n) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxRequestBodyBytes, maxHeaderBlockSize, n, floodLimits);
    }

    public Http2ServerConfig withFloodLimits(Http2FloodLimits limits) {
        return new Http2ServerConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxRequestBodyBytes, maxHeaderBlockSize, maxContinuationFrames,
                limits);
    }

    Http2Config common() {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxRequestBodyBytes, maxHeaderBlockSize, maxContinuationFrames,
                "http", floodLimits);
    }
}
