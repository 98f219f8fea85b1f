package sifr.http.internal.h2;

import sifr.http.HttpError;

/**
 * An HTTP/2 protocol violation with its RFC 9113 error code: a connection error (stream 0: send
 * GOAWAY and close, §5.4.1) or a stream error (send RST_STREAM on that stream, §5.4.2).
 */
public final class Http2Error extends HttpError {
    private static final long serialVersionUID = 1L;

    private final Http2ErrorCode code;
    private final int streamId;

    private Http2Error(Http2ErrorCode code, int streamId, String message) {
        super(message);
        this.code = code;
        this.streamId = streamId;
    }

    public static Http2Error connection(Http2ErrorCode code, String message) {
        return new Http2Error(code, 0, message);
    }

    public static Http2Error stream(int streamId, Http2ErrorCode code, String message) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("a stream error needs a stream");
        }
        return new Http2Error(code, streamId, message);
    }

    public Http2ErrorCode code() {
        return code;
    }

    /** The stream a stream error is about; 0 for a connection error. */
    public int streamId() {
        return streamId;
    }

    public boolean isConnectionError() {
        return streamId == 0;
    }
}
