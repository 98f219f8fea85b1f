package sifr.http.internal.h2;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import sifr.http.HeaderMap;
import sifr.http.ResponseHead;

/**
 * One stream of an {@link Http2Connection}: its §5.1 state, both flow-control windows, the body octets
 * received and not yet consumed, and (client side) the response head. Every field is guarded by the
 * connection's lock; {@link #changed} is a condition of that lock, signalled whenever something a
 * waiting reader of this stream cares about happens (data, end, trailers, head, error).
 */
final class H2Stream {
    final int id;
    final StreamLifecycle life;
    final FlowWindow sendWindow;
    final FlowWindow recvWindow;
    final ReceiveCredit credit;
    final Condition changed;

    // Inbound body.
    final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    /** Octets queued in {@link #chunks} (not yet handed to the application). */
    long queued;
    /** END_STREAM arrived: once {@link #chunks} is empty the body is complete. */
    boolean inboundEnded;
    /** Why the inbound body (and, client side, the response) failed; surfaces on the next read. */
    IOException inboundError;
    /** The application closed the body or it failed: received DATA is credited back and dropped. */
    boolean discarding;
    HeaderMap trailers = HeaderMap.empty();
    /** Declared content-length of the inbound message, -1 if none (§8.1.1 checks it against DATA). */
    long contentLength = -1;
    /** Body octets received so far (padding excluded). */
    long received;
    /** The inbound message carries no content whatever its content-length (response to HEAD, 204, 304). */
    boolean noContent;
    /** When the body's reader began waiting for DATA (the connection's clock), 0 while it is not waiting. */
    long bodyWaitSince;
    /** The peer broke the inbound body off (reset the stream, ended the connection, or stalled past the timeout). */
    boolean peerFault;

    /**
     * An RFC 8441 extended CONNECT stream whose 2xx made it a tunnel ({@link H2Tunnel}): its DATA is a
     * byte stream, not a body, so the body limit does not apply (the tunnel's protocol has its own).
     */
    boolean tunnel;
    /**
     * Server side: the handler answered 2xx and runs its protocol on the tunnel. A peer's reset then
     * reaches it through the tunnel (reads and writes fail), as a TCP reset reaches an HTTP/1.1
     * upgrade, instead of cancelling it: the protocol ends on its own terms (a WebSocket's 1006).
     */
    boolean handedOver;

    // Server side.
    /** The task of the handler serving this stream (cancelled when the peer resets the stream); null if none. */
    sifr.http.internal.HandlerTask handler;

    // Outbound.
    /** Set when the stream was reset (either side) or the connection died: sending must stop. */
    IOException outboundError;

    // Client side.
    ResponseHead responseHead;
    boolean headRequest;
    /** The reader is to wake this stream's waiting threads after the frames of its current read. */
    boolean wakePending;
    boolean finalHeadSeen;

    H2Stream(int id, long sendInitial, long recvInitial, long recvTarget, Condition changed) {
        this.id = id;
        this.life = new StreamLifecycle(id);
        this.sendWindow = new FlowWindow(id, sendInitial);
        this.recvWindow = new FlowWindow(id, recvInitial);
        this.credit = new ReceiveCredit(recvWindow, recvTarget);
        this.changed = changed;
    }

    /** True while the peer may still send DATA on this stream (no END_STREAM, no reset). */
    boolean remoteOpen() {
        StreamState s = life.state();
        return s == StreamState.OPEN || s == StreamState.HALF_CLOSED_LOCAL;
    }

    /** True while this side may still send on this stream. */
    boolean localOpen() {
        StreamState s = life.state();
        return s == StreamState.OPEN || s == StreamState.HALF_CLOSED_REMOTE || s == StreamState.IDLE;
    }
}
