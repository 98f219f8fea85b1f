package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.STREAM_CLOSED;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The streams of one {@link Http2Connection}: the open ones by id, the last closed ones (so late
 * frames get the treatment §5.1 prescribes), the stream ids both sides used, and the §5.1 check of
 * which stream a received frame is for. Guarded by the connection's lock (asserted), not by one of
 * its own.
 */
final class StreamTable {
    /** Closed streams remembered so late frames get the treatment §5.1 prescribes. */
    private static final int RECENTLY_CLOSED = 1024;

    private final ReentrantLock lock;
    /** The stream ids opened so far by either side (§5.1.1 order and parity). */
    final StreamIds ids;
    private final IntMap<H2Stream> open = new IntMap<>(64);
    private final RecentlyClosed closed = new RecentlyClosed(RECENTLY_CLOSED);
    /** Our GOAWAY's last stream: peer streams above it are ignored (§6.8). */
    private int lastAccepted = Http2Frames.MAX_STREAM_ID;
    /** A peer stream reset before it was opened (self-dependent HEADERS): discard its HEADERS. */
    private int resetOnOpen;

    StreamTable(ReentrantLock lock, Http2Reader.Role side) {
        this.lock = lock;
        this.ids = new StreamIds(side);
    }

    H2Stream get(int id) {
        assert lock.isHeldByCurrentThread();
        return open.get(id);
    }

    void put(H2Stream s) {
        assert lock.isHeldByCurrentThread();
        open.put(s.id, s);
    }

    void remove(int id) {
        assert lock.isHeldByCurrentThread();
        open.remove(id);
    }

    int size() {
        assert lock.isHeldByCurrentThread();
        return open.size();
    }

    boolean isEmpty() {
        assert lock.isHeldByCurrentThread();
        return open.isEmpty();
    }

    /** The open streams, copied (callers remove streams while walking them). */
    List<H2Stream> values() {
        assert lock.isHeldByCurrentThread();
        return open.values();
    }

    void clear() {
        assert lock.isHeldByCurrentThread();
        open.clear();
    }

    /** Whether {@code s} is still in the table (not retired, not dropped with the connection). */
    boolean isTracked(H2Stream s) {
        assert lock.isHeldByCurrentThread();
        return open.get(s.id) == s;
    }

    /** Moves {@code s} to the recently closed once it is closed both ways; true if it moved. */
    boolean retire(H2Stream s) {
        assert lock.isHeldByCurrentThread();
        if (s.life.state() != StreamState.CLOSED || open.get(s.id) != s) {
            return false;
        }
        open.remove(s.id);
        closed.add(s.life);
        return true;
    }

    /** Our graceful GOAWAY: peer streams above the last one opened so far will not be processed. */
    int acceptUpToLastPeer() {
        assert lock.isHeldByCurrentThread();
        lastAccepted = ids.lastPeer();
        return lastAccepted;
    }

    /** We reset {@code id}, which is not in the table: if the peer has yet to open it, its HEADERS are dropped. */
    void resetBeforeOpen(int id) {
        assert lock.isHeldByCurrentThread();
        if (!ids.isLocal(id) && ids.isIdle(id)) {
            resetOnOpen = id; // its HEADERS may still follow (self-dependency is reported first)
        }
    }

    /** What HEADERS on a stream id means for the table. */
    enum Opening {
        /** A stream already known (or closed): {@link #receivedOn}'s check follows. */
        KNOWN,
        /** A new peer stream: the role validates and serves it. */
        NEW,
        /** A new peer stream not to be processed: reset before it opened, or above our GOAWAY. */
        IGNORED
    }

    /**
     * HEADERS on {@code id}: a new peer stream is counted in {@link #ids} (§5.1.1 order and parity are
     * connection errors); one the peer reset before opening it is remembered as closed. {@code ending}:
     * the connection is failing or closing, so new streams are not processed.
     */
    Opening peerOpens(int id, boolean endStream, boolean ending) throws Http2Error {
        assert lock.isHeldByCurrentThread();
        if (open.containsKey(id) || closed.contains(id) || ids.isLocal(id) || !ids.isIdle(id)) {
            return Opening.KNOWN;
        }
        ids.peerOpens(id);
        if (id == resetOnOpen) {
            StreamLifecycle life = new StreamLifecycle(id);
            life.onReceive(Http2Frames.HEADERS, endStream);
            life.onSend(Http2Frames.RST_STREAM, false);
            closed.add(life);
            return Opening.IGNORED;
        }
        if (id > lastAccepted || ending) {
            return Opening.IGNORED; // after our GOAWAY (§6.8): not processed; the peer may retry elsewhere
        }
        return Opening.NEW;
    }

    /**
     * The known, still tracked stream a received frame of {@code type} is for, after §5.1's state
     * check; null when the frame is to be ignored.
     */
    H2Stream receivedOn(int id, int type, boolean end) throws Http2Error {
        assert lock.isHeldByCurrentThread();
        H2Stream s = open.get(id);
        if (s != null) {
            return s.life.onReceive(type, end) == StreamLifecycle.Verdict.IGNORE ? null : s;
        }
        StreamLifecycle old = closed.get(id);
        if (old != null) {
            old.onReceive(type, end); // throws what §5.1 prescribes; otherwise the frame is ignored
            return null;
        }
        if (ids.isIdle(id)) {
            if (id == resetOnOpen) {
                return null;
            }
            throw Http2Error.connection(PROTOCOL_ERROR, Http2Frames.typeName(type) + " on idle stream " + id);
        }
        if (type == Http2Frames.WINDOW_UPDATE || type == Http2Frames.RST_STREAM || type == Http2Frames.PRIORITY) {
            return null;
        }
        if (!ids.isLocal(id) && id > lastAccepted) {
            return null; // a stream we refused by GOAWAY (§6.8): ignored
        }
        if (type == Http2Frames.HEADERS) {
            // §5.1.1: a new stream must be above every stream the peer opened (the lower ones are closed)
            throw Http2Error.connection(PROTOCOL_ERROR, "HEADERS on stream " + id + ", not above the last opened "
                    + ids.lastPeer());
        }
        throw Http2Error.stream(id, STREAM_CLOSED, Http2Frames.typeName(type) + " on closed stream " + id);
    }
}
