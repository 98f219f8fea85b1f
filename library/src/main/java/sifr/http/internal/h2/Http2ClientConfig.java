package sifr.http.internal.h2;

/**
 * Limits of a client-side HTTP/2 connection.
 *
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS we announce (push is off, so the server opens none)
 * @param initialWindowSize SETTINGS_INITIAL_WINDOW_SIZE we announce: response body octets buffered per stream
 * @param connectionWindowSize receive window of the whole connection (raised by WINDOW_UPDATE at start)
 * @param maxFrameSize SETTINGS_MAX_FRAME_SIZE we announce
 * @param maxHeaderListSize SETTINGS_MAX_HEADER_LIST_SIZE we announce and enforce on responses
 * @param headerTableSize SETTINGS_HEADER_TABLE_SIZE: the HPACK table the server's encoder may use
 * @param maxResponseBodyBytes largest response body ({@code response body exceeds limit of N bytes})
 * @param maxHeaderBlockSize largest compressed field block
 * @param maxContinuationFrames CONTINUATION frames allowed in one field block
 * @param scheme the {@code :scheme} of requests: {@code http} for h2c, {@code https} over TLS
 * @param floodLimits hardening limits against a misbehaving server ({@link Http2FloodLimits#CLIENT_DEFAULT})
 */
public record Http2ClientConfig(int maxConcurrentStreams, int initialWindowSize, int connectionWindowSize,
        int maxFrameSize, int maxHeaderListSize, int headerTableSize, long maxResponseBodyBytes,
        int maxHeaderBlockSize, int maxContinuationFrames, String scheme, Http2FloodLimits floodLimits) {

    public static final Http2ClientConfig DEFAULT = new Http2ClientConfig(100, 1024 * 1024, 8 * 1024 * 1024,
            Http2Frames.DEFAULT_MAX_FRAME_SIZE, 256 * 1024, 4096, 64L * 1024 * 1024, 512 * 1024, 64, "http",
            Http2FloodLimits.CLIENT_DEFAULT);

    public Http2ClientConfig {
        Http2Config.check(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxHeaderBlockSize, maxContinuationFrames);
        if (maxResponseBodyBytes <= 0) {
            throw new IllegalArgumentException("HTTP body limit must be positive");
        }
        if (floodLimits == null) {
            throw new IllegalArgumentException("HTTP/2 flood limits must be set");
        }
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("HTTP/2 scheme must be http or https");
        }
    }

    public Http2ClientConfig withMaxConcurrentStreams(int n) {
        return new Http2ClientConfig(n, initialWindowSize, connectionWindowSize, maxFrameSize, maxHeaderListSize,
                headerTableSize, maxResponseBodyBytes, maxHeaderBlockSize, maxContinuationFrames, scheme, floodLimits);
    }

    public Http2ClientConfig withInitialWindowSize(int n) {
        return new Http2ClientConfig(maxConcurrentStreams, n, connectionWindowSize, maxFrameSize, maxHeaderListSize,
                headerTableSize, maxResponseBodyBytes, maxHeaderBlockSize, maxContinuationFrames, scheme, floodLimits);
    }

    public Http2ClientConfig withConnectionWindowSize(int n) {
        return new Http2ClientConfig(maxConcurrentStreams, initialWindowSize, n, maxFrameSize, maxHeaderListSize,
                headerTableSize, maxResponseBodyBytes, maxHeaderBlockSize, maxContinuationFrames, scheme, floodLimits);
    }

    public Http2ClientConfig withMaxFrameSize(int n) {
        return new Http2ClientConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, n, maxHeaderListSize,
                headerTableSize, maxResponseBodyBytes, maxHeaderBlockSize, maxContinuationFrames, scheme, floodLimits);
    }

    public Http2ClientConfig withMaxHeaderListSize(int n) {
        return new Http2ClientConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize, n,
                headerTableSize, maxResponseBodyBytes, maxHeaderBlockSize, maxContinuationFrames, scheme, floodLimits);
    }

    public Http2ClientConfig withHeaderTableSize(int n) {
        return new Http2ClientConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, n, maxResponseBodyBytes, maxHeaderBlockSize, maxContinuationFrames, scheme, floodLimits);
    }

    public Http2ClientConfig withMaxResponseBodyBytes(long n) {
        return new Http2ClientConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, n, maxHeaderBlockSize, maxContinuationFrames, scheme, floodLimits);
    }

    public Http2ClientConfig withScheme(String newScheme) {
        return new Http2ClientConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxResponseBodyBytes, maxHeaderBlockSize, maxContinuationFrames,
                newScheme, floodLimits);
    }

    public Http2ClientConfig withFloodLimits(Http2FloodLimits limits) {
        return new Http2ClientConfig(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxResponseBodyBytes, maxHeaderBlockSize, maxContinuationFrames,
                scheme, limits);
    }

    Http2Config common() {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxResponseBodyBytes, maxHeaderBlockSize, maxContinuationFrames,
                scheme, floodLimits);
    }
}
