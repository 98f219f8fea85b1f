package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.FLOW_CONTROL_ERROR;

/**
 * One flow-control window (RFC 9113 §5.2, §6.9) of the connection (stream 0) or of a stream, in
 * {@code long} arithmetic so no sum can wrap: a window is at most 2^31-1 and may go negative after
 * SETTINGS_INITIAL_WINDOW_SIZE shrinks (§6.9.2). Used for both directions: the send window the peer
 * credits us and the receive window we credit the peer. Not thread-safe: the connection guards it.
 */
public final class FlowWindow {
    /** §6.9.1: a flow-control window must not exceed 2^31-1 octets. */
    public static final long MAX = Integer.MAX_VALUE;

    private final int streamId;
    private long window;

    public FlowWindow(int streamId, long initial) {
        if (initial < 0 || initial > MAX) {
            throw new IllegalArgumentException("HTTP/2 initial window must be in 0..2^31-1");
        }
        this.streamId = streamId;
        this.window = initial;
    }

    public long available() {
        return window;
    }

    /**
     * A WINDOW_UPDATE of {@code increment} (1..2^31-1, checked by the reader) arrived for this window.
     *
     * @throws Http2Error FLOW_CONTROL_ERROR past 2^31-1: a stream error for a stream window, a
     *     connection error for the connection window (§6.9.1)
     */
    public void increase(int increment) throws Http2Error {
        long next = window + increment;
        if (next > MAX) {
            throw error("HTTP/2 flow-control window exceeds 2^31-1");
        }
        window = next;
    }

    /**
     * The peer sent {@code length} flow-controlled octets (a whole DATA payload, padding included)
     * against this receive window.
     *
     * @throws Http2Error FLOW_CONTROL_ERROR if the peer sent more than the window allowed (§6.9)
     */
    public void receive(int length) throws Http2Error {
        if (length > window) {
            throw error("HTTP/2 peer sent " + length + " octets with a window of " + window);
        }
        window -= length;
    }

    /** We send {@code length} octets against this send window; the caller sends no more than {@link #available()}. */
    public void send(int length) {
        if (length < 0 || length > window) {
            throw new IllegalStateException("HTTP/2 send of " + length + " octets exceeds the window of " + window);
        }
        window -= length;
    }

    /** We credit the peer {@code increment} octets (the WINDOW_UPDATE we are about to send). */
    public void grant(int increment) {
        if (increment <= 0 || window + increment > MAX) {
            throw new IllegalStateException("HTTP/2 window grant out of range");
        }
        window += increment;
    }

    /**
     * SETTINGS_INITIAL_WINDOW_SIZE changed by {@code delta} (new - old): every stream window moves by it,
     * possibly below zero (§6.9.2).
     *
     * @throws Http2Error connection error FLOW_CONTROL_ERROR if a window would exceed 2^31-1
     */
    public void applyInitialWindowDelta(long delta) throws Http2Error {
        long next = window + delta;
        if (next > MAX) {
            throw Http2Error.connection(FLOW_CONTROL_ERROR,
                    "SETTINGS_INITIAL_WINDOW_SIZE makes the window of stream " + streamId + " exceed 2^31-1");
        }
        window = next;
    }

    private Http2Error error(String message) {
        return streamId == 0
                ? Http2Error.connection(FLOW_CONTROL_ERROR, message)
                : Http2Error.stream(streamId, FLOW_CONTROL_ERROR, message);
    }
}
