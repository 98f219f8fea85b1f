package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.NO_ERROR;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.HttpError;
import sifr.http.GoawayError;
import sifr.net.ByteStream;
import sifr.net.internal.NanoClock;

/**
 * The model of one HTTP/2 connection (RFC 9113) and the owner of its one lock, shared by both roles:
 * the stream table, the connection windows, SETTINGS, PING and the GOAWAY/close lifecycle. Frames
 * come in through {@link Http2Inbound} (the reader thread) and go out through {@link Http2Outbound}
 * (the writer thread); what differs between server and client is the {@link Http2Role}.
 *
 * <p>Locking: ONE {@link ReentrantLock} {@link #lock} guards everything mutable here, in each
 * {@link H2Stream}, and the output buffer and HPACK encoder of {@link Http2Outbound}. Methods that
 * expect it held assert so. The lock is never held across handler code, socket I/O or body reads.
 * Only {@link Http2Inbound} and {@link Http2Outbound} (parts of this model) change its guarded
 * fields directly; roles change them through methods.
 */
final class Http2Connection {
    static final byte[] EMPTY = new byte[0];

    final ByteStream stream;
    final Http2Config config;
    final Http2Role role;
    /** The clock of every engine timeout on this connection ({@link NanoClock#SYSTEM} but in tests). */
    final NanoClock clock;

    final ReentrantLock lock = new ReentrantLock();
    /** Senders wait here for window, output room or a stream slot; signalled on any of them. */
    final Condition sendable = lock.newCondition();
    private final Condition readerEnded = lock.newCondition();
    private final Condition pongs = lock.newCondition();

    /** The writer side: output buffer, HPACK encoder, writer thread. */
    final Http2Outbound out;
    /** The reader side: frame reader, HPACK decoder, flood guard, frame dispatch. */
    final Http2Inbound in;

    // ---- guarded by lock ----
    final SettingsNegotiation settings = new SettingsNegotiation();
    /** The open streams, the recently closed ones and the stream ids. */
    final StreamTable streams;
    final FlowWindow connSend = new FlowWindow(0, Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE);
    final FlowWindow connRecv = new FlowWindow(0, Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE);
    private final ReceiveCredit connCredit;
    /** We sent GOAWAY: peer streams above its last stream are ignored. */
    private boolean goAwaySent;
    /** The peer sent GOAWAY: our streams above {@link #peerLastStream} were not processed. */
    private boolean goAwayReceived;
    /** The peer's GOAWAY, for the message of streams that fail when the connection then ends. */
    private String goAwayReason = "";
    /** The error code of the peer's GOAWAY, for the {@link GoawayError}s it causes. */
    private long goAwayCode;
    /** The peer's first SETTINGS arrived (until then its limits are assumed conservatively). */
    boolean peerSettingsReceived;
    private int peerLastStream = Http2Frames.MAX_STREAM_ID;
    /** The writer sends what is queued, then ends the connection. */
    private boolean closing;
    /** The connection is dead (I/O failure or closed): why. */
    private IOException failure;
    private boolean readerDone;
    /** The stream receive window this side wants (our latest SETTINGS_INITIAL_WINDOW_SIZE). */
    private long receiveTarget;
    private long pingsAcked;
    private long pingsSent;
    /** Stream bodies whose reader is waiting for DATA right now ({@link #expireStalled} looks only then). */
    int bodyWaiters;

    Http2Connection(ByteStream stream, Http2Config config, Http2Role role, NanoClock clock) {
        this.stream = stream;
        this.config = config;
        this.role = role;
        this.clock = clock;
        this.streams = new StreamTable(lock, role.side());
        this.connCredit = new ReceiveCredit(connRecv, config.connectionWindowSize());
        this.receiveTarget = config.initialWindowSize();
        Http2FrameTrace trace = Http2FrameTrace.forConnection(role.side()); // null unless TRACE is on
        this.out = new Http2Outbound(this, trace);
        this.in = new Http2Inbound(this, trace);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Queues our preface (client) and SETTINGS, raises the connection window, starts the writer. */
    void begin() {
        lock.lock();
        try {
            boolean client = role.side() == Http2Reader.Role.CLIENT; // speaks first, refuses push
            if (client) {
                out.preface();
            }
            Http2Settings ours = config.settings(client);
            settings.sent(ours);
            out.settings(ours);
            int raise = config.connectionWindowSize() - Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
            if (raise > 0) {
                connRecv.grant(raise);
                out.windowUpdate(0, raise);
            }
        } finally {
            lock.unlock();
        }
        out.start();
    }

    /** The reader thread is done: the writer may stop lingering; waits for it, closes the stream. */
    void readerFinished() {
        lock.lock();
        try {
            readerDone = true;
            readerEnded.signalAll();
            out.wake();
        } finally {
            lock.unlock();
        }
        out.join();
        closeQuietly();
    }

    /** The socket read failed (a failure during our own close is expected and not reported). */
    void readFailed(IOException e) {
        lock.lock();
        try {
            if (!closing) {
                failLocked(new HttpError("HTTP/2 connection failed: " + e.getMessage(), e));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writer thread, after the last frame: waits up to {@code millis} for the reader to see the peer close. */
    void awaitReaderEnd(long millis) {
        lock.lock();
        try {
            long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            in.role.ensureReading(); // the peer's close is to be read
            long left;
            while (!readerDone && (left = deadline - clock.nanoTime()) > 0) {
                clock.await(readerEnded, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    void closeQuietly() {
        try {
            stream.close();
        } catch (IOException ignored) { // the connection is over; nothing is left to report to
        }
    }

    /** The peer closed its side. */
    void peerEnded() {
        lock.lock();
        try {
            if (!closing || !streams.isEmpty()) {
                // streams still here are at or below the GOAWAY's last stream: the server may have processed them
                failLocked(goAwayReceived ? new GoawayError("HTTP/2 connection closed by the peer" + goAwayReason,
                        peerLastStream, goAwayCode, false) : new HttpError("HTTP/2 connection closed by the peer"));
            }
            closing = true;
            out.wake();
        } finally {
            lock.unlock();
        }
    }

    /** Kills the connection: every stream fails with {@code why}, the writer stops, the stream closes. */
    void fail(IOException why) {
        lock.lock();
        try {
            failLocked(why);
        } finally {
            lock.unlock();
        }
        closeQuietly();
    }

    private void failLocked(IOException why) {
        assert lock.isHeldByCurrentThread();
        if (failure != null) {
            return;
        }
        failure = why;
        failAll(why, true);
        sendable.signalAll();
        out.wake();
        in.role.ensureReading(); // a reader thread that left the socket to callers ends the connection now
        pongs.signalAll();
    }

    /** A connection error (§5.4.1): GOAWAY with its code, every stream fails, the connection ends. */
    void connectionError(Http2Error e) {
        lock.lock();
        try {
            if (failure != null || closing) {
                return;
            }
            byte[] debug = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            if (debug.length > 256) {
                debug = java.util.Arrays.copyOf(debug, 256);
            }
            out.goAway(streams.ids.lastPeer(), e.code(), debug);
            goAwaySent = true;
            failAll(new HttpError("HTTP/2 connection error " + e.code() + ": " + e.getMessage()), true);
            closing = true;
            out.wake();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Graceful shutdown (§6.8): GOAWAY NO_ERROR with the last peer stream we will process; streams in
     * flight finish, then the connection closes. Idempotent.
     */
    void shutdownGracefully() {
        lock.lock();
        try {
            if (goAwaySent || failure != null || closing) {
                return;
            }
            goAwaySent = true;
            out.goAway(streams.acceptUpToLastPeer(), NO_ERROR, EMPTY);
            checkDrained();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes at once (the client's close): GOAWAY NO_ERROR (last stream 0) unless one was sent, every
     * stream fails with "HTTP/2 connection is closed", the writer sends what is queued and ends.
     */
    void close() {
        lock.lock();
        try {
            if (failure == null && !closing) {
                if (!goAwaySent) {
                    goAwaySent = true;
                    out.goAway(0, NO_ERROR, EMPTY);
                }
                failAll(new HttpError("HTTP/2 connection is closed"), false);
                closing = true;
                out.wake();
                in.role.ensureReading();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every stream fails with {@code why} and leaves the table; {@code peerFault}: the connection ended
     * under them (a handler's failure then is not its own).
     */
    private void failAll(IOException why, boolean peerFault) {
        assert lock.isHeldByCurrentThread();
        for (H2Stream s : streams.values()) {
            if (peerFault) {
                s.peerFault = true;
            }
            failStream(s, why);
            cancelHandler(s);
        }
        streams.clear();
    }

    /** Ends the connection once no stream is left after a GOAWAY either way. */
    private void checkDrained() {
        assert lock.isHeldByCurrentThread();
        if ((goAwaySent || goAwayReceived) && streams.isEmpty() && !closing) {
            closing = true;
            out.wake();
        }
    }

    /** The peer's GOAWAY (§6.8): our streams above {@code lastStreamId} fail as retryable. */
    void peerGoAway(int lastStreamId, long errorCode, String reason) {
        assert lock.isHeldByCurrentThread();
        goAwayReceived = true;
        peerLastStream = Math.min(peerLastStream, lastStreamId);
        goAwayReason = reason;
        goAwayCode = errorCode;
        for (H2Stream s : streams.values()) {
            if (streams.ids.isLocal(s.id) && s.id > peerLastStream) {
                // §6.8: not processed by the peer, safe to retry
                failStream(s, new GoawayError("HTTP/2 request refused (GOAWAY with last stream " + peerLastStream
                        + "): the server did not process it and it can be retried", peerLastStream, errorCode, true));
                streams.remove(s.id);
            }
        }
        sendable.signalAll();
        checkDrained();
    }

    /** True while new streams may be opened on this connection. */
    boolean isOpen() {
        lock.lock();
        try {
            return failure == null && !closing && !goAwaySent && !goAwayReceived;
        } finally {
            lock.unlock();
        }
    }

    IOException failure() { // why the connection died, or null while it lives
        assert lock.isHeldByCurrentThread();
        return failure;
    }

    /** The writer is to send what is queued and then end the connection. */
    boolean closing() {
        assert lock.isHeldByCurrentThread();
        return closing;
    }

    /**
     * Sends a PING and waits for its acknowledgement (§6.7).
     *
     * @throws HttpError if the connection ends first
     */
    void ping() throws IOException {
        lock.lock();
        try {
            long payload = ++pingsSent;
            checkAlive();
            out.ping(false, payload);
            in.role.ensureReading(); // its acknowledgement is to be read
            while (pingsAcked < payload) {
                checkAlive();
                Http2Waits.awaitWithinDeadline(pongs, "HTTP/2 PING");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an HTTP/2 PING acknowledgement");
        } finally {
            lock.unlock();
        }
    }

    /** A PING acknowledgement arrived: wakes the {@link #ping} callers it answers. */
    void pingAcknowledged(long payload) {
        assert lock.isHeldByCurrentThread();
        if (payload > pingsAcked && payload <= pingsSent) {
            pingsAcked = payload;
            pongs.signalAll();
        }
    }

    /**
     * Announces a new SETTINGS_INITIAL_WINDOW_SIZE for what we receive (§6.9.2): new streams use it at
     * once as their credit target; open streams' windows move by the difference when the peer
     * acknowledges it.
     *
     * @throws HttpError if the connection has ended or too many SETTINGS await acknowledgement
     */
    void changeInitialWindowSize(int size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("HTTP/2 initial window must be in 0..2^31-1");
        }
        lock.lock();
        try {
            checkAlive();
            if (settings.pending() >= SettingsNegotiation.MAX_PENDING) {
                throw new HttpError("too many unacknowledged HTTP/2 SETTINGS");
            }
            Http2Settings change = Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, size);
            settings.sent(change);
            out.settings(change);
            receiveTarget = size;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The slow-peer timeouts, called now and then by a sweeper (the server's; see
     * {@code Http2Timeouts}): a socket write that made no progress for {@code writeNanos} ends the
     * connection (the peer stopped reading); a stream whose body reader has waited {@code bodyReadNanos}
     * for DATA is reset (RST_STREAM CANCEL, the connection lives on) and its reader fails with
     * {@code TimeoutError}. Cheap when nothing waits: one volatile read and one field read under the lock.
     */
    void expireStalled(long now, long bodyReadNanos, long writeNanos) {
        if (out.writeStalled(now, writeNanos)) {
            fail(new HttpError("HTTP/2 peer read nothing for " + writeNanos / 1_000_000 + " ms (write timed out)"));
            return;
        }
        lock.lock();
        try {
            if (bodyWaiters == 0 || failure != null) {
                return;
            }
            // Unread DATA of other streams can use up the connection window; then the peer cannot
            // send, and a waiting body is not its fault: the clock restarts once it can.
            boolean peerCanSend = connRecv.available() > 0;
            String name = role.inboundName();
            for (H2Stream s : streams.values()) { // a copy: resetting removes streams
                long since = s.bodyWaitSince;
                if (since != 0 && !peerCanSend) {
                    s.bodyWaitSince = now | 1;
                } else if (since != 0 && now - since > bodyReadNanos && s.inboundError == null) {
                    s.inboundError = new sifr.task.TimeoutError("HTTP/2 " + name + " body read timed out");
                    s.peerFault = true;
                    // not cancelled: its reader is to see the TimeoutError, not a CancelledError
                    resetStream(s.id, Http2ErrorCode.CANCEL, name + " body read timed out", false);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void checkAlive() throws IOException {
        assert lock.isHeldByCurrentThread();
        if (failure != null) {
            throw new HttpError(failure.getMessage(), failure);
        }
        if (closing) {
            throw new HttpError("HTTP/2 connection is closed");
        }
    }

    // ------------------------------------------------------------------ streams

    /** A new stream with windows from the SETTINGS in force (not yet in the table). */
    H2Stream newStream(int id) {
        assert lock.isHeldByCurrentThread();
        return new H2Stream(id, settings.remote().initialWindowSize(), settings.local().initialWindowSize(),
                receiveTarget, lock.newCondition());
    }

    void track(H2Stream s) {
        assert lock.isHeldByCurrentThread();
        streams.put(s);
    }

    int streamCount() {
        assert lock.isHeldByCurrentThread();
        return streams.size();
    }

    /** Whether {@code s} is still in the table and may send (not reset, not failed). */
    boolean isLive(H2Stream s) {
        assert lock.isHeldByCurrentThread();
        return streams.isTracked(s) && s.outboundError == null;
    }

    /** Whether new peer streams are past processing: the connection failed or is closing. */
    boolean ending() {
        assert lock.isHeldByCurrentThread();
        return failure != null || closing;
    }

    /**
     * Why no stream of ours may be opened now, or null: the connection failed, the server sent
     * GOAWAY (retryable: the request was not sent), or we are closing.
     */
    IOException refusesLocalStreams() {
        assert lock.isHeldByCurrentThread();
        if (failure != null) {
            return new HttpError("HTTP/2 connection is closed: " + failure.getMessage(), failure);
        }
        if (goAwayReceived) {
            return new GoawayError("HTTP/2 request refused (the server sent GOAWAY; the request was not sent): "
                    + "it can be retried on a new connection", peerLastStream, goAwayCode, true);
        }
        return closing || goAwaySent ? new HttpError("HTTP/2 connection is closed") : null;
    }

    /** Stream 1 of a connection upgraded from HTTP/1.1 (server): half-closed (remote), in the table. */
    H2Stream openUpgraded() throws Http2Error {
        assert lock.isHeldByCurrentThread();
        streams.ids.peerOpens(1);
        H2Stream s = newStream(1);
        s.life.onReceive(Http2Frames.HEADERS, true);
        s.inboundEnded = true;
        streams.put(s);
        return s;
    }

    /**
     * A stream error on {@code s}: fail both directions, send RST_STREAM. The handler of a stream reset
     * for an error is cancelled (its answer has nowhere to go); not after NO_ERROR (sent once the
     * response is complete).
     */
    void resetStream(int id, Http2ErrorCode code, String reason) {
        resetStream(id, code, reason, code != NO_ERROR);
    }

    /** {@link #resetStream(int, Http2ErrorCode, String)}, cancelling the handler or not. */
    void resetStream(int id, Http2ErrorCode code, String reason, boolean cancelHandler) {
        assert lock.isHeldByCurrentThread();
        H2Stream s = streams.get(id);
        if (s != null) {
            s.life.onSend(Http2Frames.RST_STREAM, false);
            failStream(s, new HttpError("HTTP/2 stream " + id + " reset: " + code
                    + (reason == null ? "" : " (" + reason + ")")));
            if (cancelHandler) {
                cancelHandler(s);
            }
            retire(s);
        } else {
            streams.resetBeforeOpen(id);
        }
        out.rstStream(id, code);
    }

    /** The peer reset {@code s} with {@code why}: both directions fail, its handler is cancelled. */
    void peerReset(H2Stream s, IOException why) {
        assert lock.isHeldByCurrentThread();
        s.peerFault = true;
        failStream(s, why);
        cancelHandler(s); // its answer has nowhere to go: the handler sees CancelledError
        retire(s);
    }

    /** Cancels the task of the handler serving {@code s}, if any and not running a tunnel (server side). */
    private void cancelHandler(H2Stream s) {
        assert lock.isHeldByCurrentThread();
        if (s.handler != null && !s.handedOver) { // a tunnel's protocol learns of the reset by its reads
            s.handler.cancel();
        }
    }

    /** {@code s} can neither receive nor send any more; waiting threads see {@code why}. */
    void failStream(H2Stream s, IOException why) {
        assert lock.isHeldByCurrentThread();
        if (s.outboundError == null) {
            s.outboundError = why;
        }
        if (!s.inboundEnded && s.inboundError == null) {
            s.inboundError = why;
        }
        if (s.inboundError != null) {
            dropQueued(s);
        }
        s.changed.signalAll();
        sendable.signalAll();
    }

    /** Received octets nobody will read are credited back to the connection. */
    void dropQueued(H2Stream s) {
        assert lock.isHeldByCurrentThread();
        s.discarding = true;
        if (s.queued > 0) {
            long n = s.queued;
            s.chunks.clear();
            s.queued = 0;
            releaseConnection((int) n);
        }
    }

    /** Forgets {@code s} once it is closed both ways. */
    void retire(H2Stream s) {
        assert lock.isHeldByCurrentThread();
        if (!streams.retire(s)) {
            return;
        }
        sendable.signalAll(); // a stream slot is free
        checkDrained();
    }

    /** The application consumed {@code n} octets of {@code s}'s body: return the credit. */
    void consumed(H2Stream s, int n) {
        assert lock.isHeldByCurrentThread();
        if (s.remoteOpen()) {
            int inc = s.credit.release(n);
            if (inc > 0) {
                out.windowUpdate(s.id, inc);
            }
        }
        releaseConnection(n);
    }

    /** {@code n} received octets are done with: connection credit, WINDOW_UPDATE once enough is owed. */
    void releaseConnection(int n) {
        assert lock.isHeldByCurrentThread();
        if (n <= 0 || failure != null) {
            return;
        }
        int inc = connCredit.release(n);
        if (inc > 0) {
            out.windowUpdate(0, inc);
        }
    }
}
