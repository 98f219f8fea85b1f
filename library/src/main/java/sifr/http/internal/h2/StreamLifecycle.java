package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.STREAM_CLOSED;
import static sifr.http.internal.h2.Http2Frames.DATA;
import static sifr.http.internal.h2.Http2Frames.HEADERS;
import static sifr.http.internal.h2.Http2Frames.PRIORITY;
import static sifr.http.internal.h2.Http2Frames.RST_STREAM;
import static sifr.http.internal.h2.Http2Frames.WINDOW_UPDATE;

/**
 * The state machine of one stream (RFC 9113 §5.1): which frames may arrive or leave in each state,
 * and where they lead. Received frames that break the rules become {@link Http2Error}s with the
 * section's error code and scope; frames this side must not send are programming errors
 * ({@link IllegalStateException}). A closed stream remembers how it closed, because that decides
 * what a late frame means (§5.1 "closed"). Pure and not thread-safe: the connection owns it.
 *
 * <p>CONTINUATION never appears here: the reader folds it into the HEADERS or PUSH_PROMISE it
 * continues. Frames the verdict says to ignore still go through HPACK (to keep the table in step)
 * and still count against the connection's flow-control window; that is the connection's job.
 */
public final class StreamLifecycle {
    /** What the connection does with a received frame that broke no rule. */
    public enum Verdict { PROCESS, IGNORE }

    private enum Closure { NONE, RECEIVED_RESET, SENT_RESET, PEER_ENDED_LAST, WE_ENDED_LAST }

    private final int streamId;
    private StreamState state = StreamState.IDLE;
    private Closure closure = Closure.NONE;

    public StreamLifecycle(int streamId) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("HTTP/2 stream id must be positive");
        }
        this.streamId = streamId;
    }

    public int streamId() {
        return streamId;
    }

    public StreamState state() {
        return state;
    }

    /** This idle stream was promised by a PUSH_PROMISE: by us ({@code local}) or by the peer (§5.1, §8.4). */
    public void promised(boolean local) {
        if (state != StreamState.IDLE) {
            throw new IllegalStateException("only an idle stream can be promised, not one in " + state);
        }
        state = local ? StreamState.RESERVED_LOCAL : StreamState.RESERVED_REMOTE;
    }

    /**
     * A frame of {@code type} arrived on this stream.
     *
     * @param endStream the frame carried END_STREAM (DATA, HEADERS)
     * @throws Http2Error a stream or connection error, as §5.1 prescribes for this state
     */
    public Verdict onReceive(int type, boolean endStream) throws Http2Error {
        if (type == PRIORITY) {
            return Verdict.PROCESS; // §5.1: PRIORITY may arrive in any state
        }
        boolean ends = endStream && (type == DATA || type == HEADERS);
        switch (state) {
            case IDLE -> {
                if (type != HEADERS) {
                    throw Http2Error.connection(PROTOCOL_ERROR, Http2Frames.typeName(type) + " on idle stream " + streamId);
                }
                state = ends ? StreamState.HALF_CLOSED_REMOTE : StreamState.OPEN;
            }
            case RESERVED_LOCAL -> {
                if (type == RST_STREAM) {
                    close(Closure.RECEIVED_RESET);
                } else if (type != WINDOW_UPDATE) {
                    throw Http2Error.connection(PROTOCOL_ERROR, Http2Frames.typeName(type) + " on reserved stream " + streamId);
                }
            }
            case RESERVED_REMOTE -> {
                if (type == RST_STREAM) {
                    close(Closure.RECEIVED_RESET);
                } else if (type == HEADERS) {
                    if (ends) {
                        close(Closure.PEER_ENDED_LAST);
                    } else {
                        state = StreamState.HALF_CLOSED_LOCAL;
                    }
                } else {
                    throw Http2Error.connection(PROTOCOL_ERROR, Http2Frames.typeName(type) + " on reserved stream " + streamId);
                }
            }
            case OPEN -> {
                if (type == RST_STREAM) {
                    close(Closure.RECEIVED_RESET);
                } else if (ends) {
                    state = StreamState.HALF_CLOSED_REMOTE;
                }
            }
            case HALF_CLOSED_LOCAL -> {
                if (type == RST_STREAM) {
                    close(Closure.RECEIVED_RESET);
                } else if (ends) {
                    close(Closure.PEER_ENDED_LAST);
                }
            }
            case HALF_CLOSED_REMOTE -> {
                if (type == RST_STREAM) {
                    close(Closure.RECEIVED_RESET);
                } else if (type != WINDOW_UPDATE) {
                    // §5.1 half-closed (remote), §6.1: the peer already ended its side
                    throw Http2Error.stream(streamId, STREAM_CLOSED, Http2Frames.typeName(type)
                            + " after END_STREAM on stream " + streamId);
                }
            }
            case CLOSED -> {
                return onReceiveClosed(type);
            }
        }
        return Verdict.PROCESS;
    }

    private Verdict onReceiveClosed(int type) throws Http2Error {
        switch (closure) {
            case SENT_RESET -> {
                return Verdict.IGNORE; // §5.1: frames in flight when our RST_STREAM left are ignored
            }
            case RECEIVED_RESET -> {
                if (type == RST_STREAM) {
                    return Verdict.IGNORE; // §5.4.2: never answer a RST_STREAM with a RST_STREAM
                }
                throw Http2Error.stream(streamId, STREAM_CLOSED, Http2Frames.typeName(type)
                        + " after RST_STREAM on stream " + streamId);
            }
            default -> {
                if (type == WINDOW_UPDATE || type == RST_STREAM) {
                    return Verdict.IGNORE; // §5.1: may cross our END_STREAM for a short period
                }
                throw Http2Error.connection(STREAM_CLOSED, Http2Frames.typeName(type) + " on closed stream " + streamId);
            }
        }
    }

    /**
     * This side sends a frame of {@code type} on this stream.
     *
     * @throws IllegalStateException if §5.1 does not allow sending it in this state
     */
    public void onSend(int type, boolean endStream) {
        if (type == PRIORITY) {
            return;
        }
        if (type == RST_STREAM) {
            if (state == StreamState.IDLE) {
                throw new IllegalStateException("RST_STREAM on idle stream " + streamId);
            }
            if (state != StreamState.CLOSED) {
                close(Closure.SENT_RESET);
            }
            return;
        }
        boolean ends = endStream && (type == DATA || type == HEADERS);
        switch (state) {
            case IDLE -> {
                requireType(type, HEADERS);
                state = ends ? StreamState.HALF_CLOSED_LOCAL : StreamState.OPEN;
            }
            case RESERVED_LOCAL -> {
                requireType(type, HEADERS);
                if (ends) {
                    close(Closure.WE_ENDED_LAST);
                } else {
                    state = StreamState.HALF_CLOSED_REMOTE;
                }
            }
            case RESERVED_REMOTE, HALF_CLOSED_LOCAL -> requireType(type, WINDOW_UPDATE);
            case OPEN -> {
                if (ends) {
                    state = StreamState.HALF_CLOSED_LOCAL;
                }
            }
            case HALF_CLOSED_REMOTE -> {
                if (ends) {
                    close(Closure.WE_ENDED_LAST);
                }
            }
            case CLOSED -> throw new IllegalStateException(Http2Frames.typeName(type) + " on closed stream " + streamId);
        }
    }

    private void requireType(int type, int allowed) {
        if (type != allowed) {
            throw new IllegalStateException(Http2Frames.typeName(type) + " on stream " + streamId + " in " + state);
        }
    }

    private void close(Closure how) {
        state = StreamState.CLOSED;
        closure = how;
    }
}
