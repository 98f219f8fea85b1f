package sifr.http.internal.h2;

/**
 * Receives the frames {@link Http2Reader} decodes, already checked against the frame-level rules
 * of RFC 9113 §4 and §6 (stream identifiers per type, fixed lengths, padding, setting values,
 * CONTINUATION sequencing). Byte ranges point into the reader's input or its header-block buffer
 * and are valid only during the call. A method may throw {@link Http2Error}; the reader passes it on.
 *
 * <p>Stream identifiers arrive with the reserved bit cleared. What the frames mean for stream
 * states and flow-control windows is the connection's business.
 */
public interface Http2FrameHandler {
    /**
     * A DATA frame (§6.1), padding removed.
     *
     * @param flowControlled the whole frame payload including padding, which counts against the
     *     flow-control windows (§6.9.1)
     */
    void data(int streamId, boolean endStream, byte[] buf, int off, int len, int flowControlled) throws Http2Error;

    /**
     * A complete field block from HEADERS and its CONTINUATION frames (§6.2, §6.10), padding removed.
     * A priority signal in the HEADERS frame comes first through {@link #priority}.
     */
    void headers(int streamId, boolean endStream, byte[] block, int off, int len) throws Http2Error;

    /** A PRIORITY frame, or the priority fields of HEADERS (§6.3; deprecated signals, parsed to validate). */
    default void priority(int streamId, int dependency, boolean exclusive, int weight) throws Http2Error {
    }

    /**
     * A PRIORITY frame (§6.3), as distinct from the priority fields of HEADERS (a connection counts
     * the frames against a flood limit, not the signal every request may carry). Defaults to
     * {@link #priority}.
     */
    default void priorityFrame(int streamId, int dependency, boolean exclusive, int weight) throws Http2Error {
        priority(streamId, dependency, exclusive, weight);
    }

    /** RST_STREAM (§6.4); the code may be one this side does not know. */
    void rstStream(int streamId, long errorCode) throws Http2Error;

    /** SETTINGS without ACK (§6.5): the peer's parameters; acknowledge them. */
    void settings(Http2Settings settings) throws Http2Error;

    /** SETTINGS with ACK: the peer applied ours. */
    void settingsAck() throws Http2Error;

    /** A complete field block from PUSH_PROMISE and its CONTINUATION frames (§6.6). */
    void pushPromise(int streamId, int promisedStreamId, byte[] block, int off, int len) throws Http2Error;

    /** PING (§6.7): eight opaque octets as a big-endian long. */
    void ping(boolean ack, long payload) throws Http2Error;

    /** GOAWAY (§6.8) with its debug data. */
    void goAway(int lastStreamId, long errorCode, byte[] debug, int off, int len) throws Http2Error;

    /** WINDOW_UPDATE (§6.9) with an increment in 1..2^31-1; stream 0 is the connection window. */
    void windowUpdate(int streamId, int increment) throws Http2Error;

    /**
     * A frame that violates a stream-level rule (§5.4.2), e.g. a PRIORITY frame of the wrong length:
     * the reader has skipped it; the connection resets the stream. Connection errors are thrown instead.
     */
    void streamError(Http2Error error) throws Http2Error;

    /** A frame of a type this side does not know; ignored by default (§4.1, §5.5). */
    default void unknownFrame(int type, int flags, int streamId, byte[] payload, int off, int len) throws Http2Error {
    }
}
