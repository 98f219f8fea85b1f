package sifr.http.internal.h2;

/** The limits both roles share, as the connection core uses them ({@code maxBodyBytes}: inbound bodies). */
record Http2Config(int maxConcurrentStreams, int initialWindowSize, int connectionWindowSize, int maxFrameSize,
        int maxHeaderListSize, int headerTableSize, long maxBodyBytes, int maxHeaderBlockSize,
        int maxContinuationFrames, String scheme, Http2FloodLimits floodLimits) {

    static void check(int maxConcurrentStreams, int initialWindowSize, int connectionWindowSize, int maxFrameSize,
            int maxHeaderListSize, int headerTableSize, int maxHeaderBlockSize, int maxContinuationFrames) {
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
        if (headerTableSize != 4096) {
            s = s.with(Http2Settings.HEADER_TABLE_SIZE, headerTableSize);
        }
        return s;
    }
}
