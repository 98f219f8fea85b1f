package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;

/**
 * Stream identifier rules of RFC 9113 §5.1.1: clients open odd streams, servers even ones; each side
 * opens its streams in increasing order; opening a stream implicitly closes the idle streams below it.
 * Pure and not thread-safe.
 */
public final class StreamIds {
    private final boolean client;
    private int nextLocal;
    private int lastPeer; // highest stream id the peer opened

    public StreamIds(Http2Reader.Role role) {
        this(role, role == Http2Reader.Role.CLIENT ? 1 : 2);
    }

    /** Starting at {@code firstLocal} (tests reach the end of the id space this way). */
    StreamIds(Http2Reader.Role role, int firstLocal) {
        this.client = role == Http2Reader.Role.CLIENT;
        this.nextLocal = firstLocal;
    }

    /** True if this side initiates {@code streamId} (its parity). */
    public boolean isLocal(int streamId) {
        return ((streamId & 1) == 1) == client;
    }

    /**
     * The next stream this side opens, or -1 once the 31-bit space is used up (the connection must
     * then stop opening streams and go away, §5.1.1).
     */
    public int nextLocal() {
        if (nextLocal < 0) {
            return -1;
        }
        int id = nextLocal;
        nextLocal = id > Http2Frames.MAX_STREAM_ID - 2 ? -1 : id + 2;
        return id;
    }

    /** True while {@link #nextLocal()} has ids left. */
    public boolean nextLocalAvailable() {
        return nextLocal >= 0;
    }

    /** The highest stream id the peer opened, for GOAWAY's last-stream-id (§6.8). */
    public int lastPeer() {
        return lastPeer;
    }

    /**
     * The peer opens {@code streamId} with HEADERS.
     *
     * @throws Http2Error connection PROTOCOL_ERROR for our parity or a non-increasing id (§5.1.1)
     */
    public void peerOpens(int streamId) throws Http2Error {
        if (isLocal(streamId)) {
            throw Http2Error.connection(PROTOCOL_ERROR, "the peer opened stream " + streamId + " of the wrong parity");
        }
        if (streamId <= lastPeer) {
            throw Http2Error.connection(PROTOCOL_ERROR, "stream " + streamId + " is not above the last opened " + lastPeer);
        }
        lastPeer = streamId;
    }

    /** The peer promises {@code streamId} (a client receiving PUSH_PROMISE): same ordering rule. */
    public void peerPromises(int streamId) throws Http2Error {
        peerOpens(streamId);
    }

    /**
     * True if {@code streamId} is idle: neither side has used it yet. A frame other than HEADERS or
     * PRIORITY on an idle stream is a connection error (§5.1).
     */
    public boolean isIdle(int streamId) {
        if (isLocal(streamId)) {
            return nextLocal < 0 ? false : streamId >= nextLocal;
        }
        return streamId > lastPeer;
    }
}
