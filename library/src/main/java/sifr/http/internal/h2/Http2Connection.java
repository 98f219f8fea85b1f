package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.COMPRESSION_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.NO_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.STREAM_CLOSED;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.BodyError;
import sifr.http.HttpError;
import sifr.http.RefusedStreamError;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.http.internal.hpack.HeaderListSizeError;
import sifr.http.internal.hpack.HpackDecoder;
import sifr.http.internal.hpack.HpackEncoder;
import sifr.http.internal.hpack.HpackError;
import sifr.net.ByteStream;

/**
 * The core of one HTTP/2 connection (RFC 9113), shared by server and client: the reader loop, the
 * frame dispatch, stream states, flow control, SETTINGS, PING, GOAWAY and the single writer path.
 *
 * <p>Threads: one reader (the thread that runs {@link #readLoop}) decodes frames and dispatches
 * them here; one writer virtual thread owns the socket's write side; application threads (server
 * handlers, client callers, body writers) append frames. Nobody but the writer thread blocks on a
 * socket write, so a peer that stops reading can never stall our reader (which must keep answering
 * PING and SETTINGS and crediting windows).
 *
 * <p>Locking: ONE {@link ReentrantLock} {@link #lock} guards everything mutable here: the stream
 * table and each {@link H2Stream}, the flow-control windows, SETTINGS state, the HPACK encoder and the
 * pending output buffer {@link #out}. Frames are encoded straight into {@code out} under the lock, so
 * HPACK blocks reach the wire in encoding order and frames never interleave. The writer thread takes
 * the lock only to swap {@code out} with an empty buffer, then writes the batch without it: every
 * frame appended while a write is in progress goes out in the next write (coalescing: one write and
 * one flush per burst). The HPACK decoder, the frame reader and the read buffer belong to the reader
 * thread alone. The lock is never held across handler code, socket I/O or body reads.
 */
abstract class Http2Connection implements Http2FrameHandler {
    /** Pending output beyond which DATA senders wait for the writer (bounds memory per connection). */
    static final int PENDING_CAP = 256 * 1024;
    /** Closed streams remembered so late frames get the treatment §5.1 prescribes. */
    private static final int RECENTLY_CLOSED = 1024;
    private static final long LINGER_MILLIS = 1000;
    static final byte[] EMPTY = new byte[0];

    final ByteStream stream;
    final Http2Config config;
    final boolean client;
    final String bodyName;

    final ReentrantLock lock = new ReentrantLock();
    /** The writer thread waits here for output. */
    private final Condition outReady = lock.newCondition();
    /** Senders wait here for window, output room or a stream slot; signalled on any of them. */
    final Condition sendable = lock.newCondition();
    private final Condition readerEnded = lock.newCondition();
    private final Condition pongs = lock.newCondition();

    // ---- guarded by lock ----
    GrowableBytes out = new GrowableBytes(16 * 1024);
    final Http2Writer writer = new Http2Writer();
    final HpackEncoder encoder = new HpackEncoder();
    final GrowableBytes block = new GrowableBytes(1024);
    final SettingsNegotiation settings = new SettingsNegotiation();
    final StreamIds ids;
    final IntMap<H2Stream> streams = new IntMap<>(64);
    private final RecentlyClosed closed = new RecentlyClosed(RECENTLY_CLOSED);
    final FlowWindow connSend = new FlowWindow(0, Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE);
    private final FlowWindow connRecv = new FlowWindow(0, Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE);
    private final ReceiveCredit connCredit;
    /** We sent GOAWAY: peer streams above {@link #lastAccepted} are ignored. */
    boolean goAwaySent;
    int lastAccepted = Http2Frames.MAX_STREAM_ID;
    /** The peer sent GOAWAY: our streams above {@link #peerLastStream} were not processed. */
    boolean goAwayReceived;
    /** The peer's GOAWAY, for the message of streams that fail when the connection then ends. */
    private String goAwayReason = "";
    /** The peer's first SETTINGS arrived (until then its limits are assumed conservatively). */
    boolean peerSettingsReceived;
    int peerLastStream = Http2Frames.MAX_STREAM_ID;
    /** The writer sends what is queued, then ends the connection. */
    boolean closing;
    /** The connection is dead (I/O failure or closed): why. */
    IOException failure;
    private boolean readerDone;
    /** A peer stream reset before it was opened (self-dependent HEADERS): discard its HEADERS. */
    private int resetOnOpen;
    /** The stream receive window this side wants (our latest SETTINGS_INITIAL_WINDOW_SIZE). */
    private long receiveTarget;
    private long pingsAcked;
    private long pingsSent;
    /** Stream bodies whose reader is waiting for DATA right now ({@link #expireStalled} looks only then). */
    int bodyWaiters;

    /** When the writer thread began its current socket write ({@link System#nanoTime()}), 0 while not writing. */
    private volatile long writingSince;
    /** A socket write is cut into slices of this size; each one re-arms {@link #writingSince}. */
    private static final int WRITE_SLICE = 64 * 1024;

    // ---- reader thread only ----
    /** Flood limits (Rapid Reset, MadeYouReset, SETTINGS/PING/empty-DATA/PRIORITY floods): every event is read. */
    private final Http2FloodGuard guard;
    private final Http2Reader reader;
    private final HpackDecoder decoder;
    private final FieldBlock fields = new FieldBlock();

    private Thread writerThread;

    Http2Connection(ByteStream stream, Http2Config config, boolean client) {
        this.stream = stream;
        this.config = config;
        this.client = client;
        this.bodyName = client ? "response" : "request";
        Http2Reader.Role role = client ? Http2Reader.Role.CLIENT : Http2Reader.Role.SERVER;
        this.ids = new StreamIds(role);
        this.reader = new Http2Reader(role, config.readerLimits());
        this.guard = new Http2FloodGuard(config.floodLimits());
        this.decoder = new HpackDecoder(config.maxHeaderListSize(), config.maxHeaderListSize());
        this.connCredit = new ReceiveCredit(connRecv, config.connectionWindowSize());
        this.receiveTarget = config.initialWindowSize();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Queues our preface (client) and SETTINGS, raises the connection window, starts the writer. */
    final void begin() {
        lock.lock();
        try {
            if (client) {
                Http2Writer.preface(out);
            }
            Http2Settings ours = config.settings(client);
            settings.sent(ours);
            Http2Writer.settings(out, ours);
            int raise = config.connectionWindowSize() - Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
            if (raise > 0) {
                connRecv.grant(raise);
                Http2Writer.windowUpdate(out, 0, raise);
            }
        } finally {
            lock.unlock();
        }
        writerThread = Thread.ofVirtual().name("h2-writer").start(this::writeLoop);
    }

    /**
     * Reads and dispatches frames until the connection ends; {@code alreadyRead} are bytes the caller
     * consumed from the stream first. Returns after the writer has finished and the stream is closed.
     */
    final void readLoop(byte[] alreadyRead) {
        byte[] buf = new byte[Math.max(32 * 1024, alreadyRead.length)];
        System.arraycopy(alreadyRead, 0, buf, 0, alreadyRead.length);
        int start = 0;
        int end = alreadyRead.length;
        boolean dispatching = true;
        try {
            while (true) {
                if (dispatching && end > start) {
                    try {
                        start += reader.read(buf, start, end - start, this);
                    } catch (Http2Error e) {
                        connectionError(e);
                        dispatching = false; // keep draining input until the peer or the linger ends it
                    }
                }
                if (!dispatching || start == end) {
                    start = 0;
                    end = 0;
                } else if (end == buf.length) {
                    if (start > 0) {
                        System.arraycopy(buf, start, buf, 0, end - start);
                        end -= start;
                        start = 0;
                    } else {
                        buf = java.util.Arrays.copyOf(buf, neededFor(buf, start, end));
                    }
                }
                int n = stream.read(ByteBuffer.wrap(buf, end, buf.length - end));
                if (n < 0) {
                    peerEnded();
                    break;
                }
                end += n;
            }
        } catch (IOException e) {
            lock.lock();
            try {
                if (!closing) {
                    failLocked(new HttpError("HTTP/2 connection failed: " + e.getMessage(), e));
                }
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException e) {
            fail(new HttpError("HTTP/2 connection failed: " + e, e));
        } finally {
            lock.lock();
            try {
                readerDone = true;
                readerEnded.signalAll();
                outReady.signal();
            } finally {
                lock.unlock();
            }
            joinWriter();
            closeQuietly();
        }
    }

    /** Size of a read buffer that holds the whole frame starting at {@code start}. */
    private static int neededFor(byte[] buf, int start, int end) {
        if (end - start < Http2Frames.HEADER_LENGTH) {
            return buf.length * 2;
        }
        int length = ((buf[start] & 0xff) << 16) | ((buf[start + 1] & 0xff) << 8) | (buf[start + 2] & 0xff);
        return Math.max(buf.length + 1, Http2Frames.HEADER_LENGTH + length);
    }

    private void joinWriter() {
        Thread w = writerThread;
        if (w == null) {
            return;
        }
        try {
            w.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        GrowableBytes spare = new GrowableBytes(16 * 1024);
        boolean graceful = false;
        try {
            while (true) {
                GrowableBytes batch;
                lock.lock();
                try {
                    boolean waited = false;
                    while (out.size() == 0 && !closing && failure == null) {
                        outReady.await();
                        waited = true;
                    }
                    if (failure != null) {
                        break;
                    }
                    if (out.size() == 0) {
                        graceful = true; // closing, and everything has been written
                        break;
                    }
                    if (waited && !closing) {
                        // Woken by the first frame of a burst: let the other threads about to answer
                        // (handlers made runnable by the same read) append theirs, so one write carries all.
                        lock.unlock();
                        try {
                            Thread.yield();
                        } finally {
                            lock.lock();
                        }
                        if (failure != null) {
                            break;
                        }
                    }
                    batch = out;
                    out = spare;
                    sendable.signalAll(); // room in the output again
                } finally {
                    lock.unlock();
                }
                writeWatched(batch);
                batch.reset();
                spare = batch;
                boolean idle;
                lock.lock();
                try {
                    idle = out.size() == 0;
                } finally {
                    lock.unlock();
                }
                if (idle) {
                    stream.flush(); // nothing more queued: this burst ends here
                }
            }
        } catch (IOException e) {
            fail(new HttpError("HTTP/2 connection write failed: " + e.getMessage(), e));
        } catch (InterruptedException e) {
            fail(new InterruptedIOException("HTTP/2 writer interrupted"));
        }
        if (graceful) {
            linger();
        }
        closeQuietly();
    }

    /**
     * Writes {@code batch} in slices, noting when each began so that {@link #expireStalled} can tell
     * a peer that stopped reading (the write makes no progress) from one that reads slowly.
     */
    private void writeWatched(GrowableBytes batch) throws IOException {
        int total = batch.size();
        ByteBuffer buf = ByteBuffer.wrap(batch.array(), 0, total);
        try {
            while (buf.position() < total) {
                buf.limit(Math.min(total, buf.position() + WRITE_SLICE));
                writingSince = System.nanoTime() | 1; // never 0, which means "not writing"
                stream.writeAll(buf);
            }
        } finally {
            writingSince = 0;
        }
    }

    /**
     * The slow-peer timeouts, called now and then by a sweeper (the server's; see
     * {@code Http2Timeouts}): a socket write that made no progress for {@code writeNanos} ends the
     * connection (the peer stopped reading); a stream whose body reader has waited {@code bodyReadNanos}
     * for DATA is reset (RST_STREAM CANCEL, the connection lives on) and its reader fails with
     * {@code TimeoutError}. Cheap when nothing waits: one volatile read and one field read under the lock.
     */
    final void expireStalled(long now, long bodyReadNanos, long writeNanos) {
        long w = writingSince;
        if (w != 0 && now - w > writeNanos) {
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
            for (H2Stream s : streams.values()) { // a copy: resetting removes streams
                long since = s.bodyWaitSince;
                if (since != 0 && !peerCanSend) {
                    s.bodyWaitSince = now | 1;
                } else if (since != 0 && now - since > bodyReadNanos && s.inboundError == null) {
                    s.inboundError = new sifr.task.TimeoutError("HTTP/2 " + bodyName + " body read timed out");
                    s.peerFault = true;
                    // not cancelled: its reader is to see the TimeoutError, not a CancelledError
                    resetStream(s.id, Http2ErrorCode.CANCEL, bodyName + " body read timed out", false);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * What an interrupted wait throws: {@code <what> cancelled} ({@link sifr.task.CancelledError}) when
     * the waiting task was cancelled (a server cancels the handler of a reset stream), else
     * {@code message} as an {@link InterruptedIOException} with the interrupt status restored.
     */
    static IOException interrupted(InterruptedException e, String what, String message) {
        if (sifr.task.Task.isCancelled()) {
            throw sifr.task.internal.Waits.cancelled(what, e);
        }
        Thread.currentThread().interrupt();
        return new InterruptedIOException(message);
    }

    /**
     * After our last frame: half-close, then give the peer a moment to read it and close its side
     * (closing at once with unread input could reset the connection and lose our last frames).
     */
    private void linger() {
        try {
            stream.shutdownWrite();
        } catch (IOException ignored) {
            return;
        }
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
            long left;
            while (!readerDone && (left = deadline - System.nanoTime()) > 0) {
                readerEnded.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    final void closeQuietly() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the connection is over; nothing is left to report to
        }
    }

    /** The peer closed its side. */
    private void peerEnded() {
        lock.lock();
        try {
            if (!closing || !streams.isEmpty()) {
                failLocked(new HttpError("HTTP/2 connection closed by the peer" + goAwayReason));
            }
            closing = true;
            outReady.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Kills the connection: every stream fails with {@code why}, the writer stops, the stream closes. */
    final void fail(IOException why) {
        lock.lock();
        try {
            failLocked(why);
        } finally {
            lock.unlock();
        }
        closeQuietly();
    }

    private void failLocked(IOException why) {
        if (failure != null) {
            return;
        }
        failure = why;
        for (H2Stream s : streams.values()) {
            s.peerFault = true; // the connection ended under the stream: not its handler's fault
            failStream(s, why);
            cancelHandler(s);
        }
        streams.clear();
        sendable.signalAll();
        outReady.signal();
        pongs.signalAll();
    }

    /** A connection error (§5.4.1): GOAWAY with its code, every stream fails, the connection ends. */
    private void connectionError(Http2Error e) {
        lock.lock();
        try {
            if (failure != null || closing) {
                return;
            }
            byte[] debug = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            if (debug.length > 256) {
                debug = java.util.Arrays.copyOf(debug, 256);
            }
            writer.goAway(out, ids.lastPeer(), e.code(), debug);
            goAwaySent = true;
            HttpError why = new HttpError("HTTP/2 connection error " + e.code() + ": " + e.getMessage());
            for (H2Stream s : streams.values()) {
                s.peerFault = true;
                failStream(s, why);
                cancelHandler(s);
            }
            streams.clear();
            closing = true;
            outReady.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Graceful shutdown (§6.8): GOAWAY NO_ERROR with the last peer stream we will process; streams in
     * flight finish, then the connection closes. Idempotent.
     */
    public final void shutdownGracefully() {
        lock.lock();
        try {
            if (goAwaySent || failure != null || closing) {
                return;
            }
            goAwaySent = true;
            lastAccepted = ids.lastPeer();
            writer.goAway(out, lastAccepted, NO_ERROR, EMPTY);
            outReady.signal();
            checkDrained();
        } finally {
            lock.unlock();
        }
    }

    /** Under lock: ends the connection once no stream is left after a GOAWAY either way. */
    final void checkDrained() {
        if ((goAwaySent || goAwayReceived) && streams.isEmpty() && !closing) {
            closing = true;
            outReady.signal();
        }
    }

    /** True while new streams may be opened on this connection. */
    final boolean acceptsStreams() {
        return failure == null && !closing && !goAwaySent && !goAwayReceived;
    }

    /**
     * Sends a PING and waits for its acknowledgement (§6.7).
     *
     * @throws HttpError if the connection ends first
     */
    public final void ping() throws IOException {
        lock.lock();
        try {
            long payload = ++pingsSent;
            checkAlive();
            Http2Writer.ping(out, false, payload);
            outReady.signal();
            while (pingsAcked < payload) {
                checkAlive();
                awaitWithinDeadline(pongs, "HTTP/2 PING");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an HTTP/2 PING acknowledgement");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Announces a new SETTINGS_INITIAL_WINDOW_SIZE for what we receive (§6.9.2): new streams use it at
     * once as their credit target; open streams' windows move by the difference when the peer
     * acknowledges it.
     *
     * @throws HttpError if the connection has ended or too many SETTINGS await acknowledgement
     */
    public final void changeInitialWindowSize(int size) throws IOException {
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
            Http2Writer.settings(out, change);
            receiveTarget = size;
            outReady.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits on {@code c} (under the lock) until signalled, bounded by the calling task's deadline
     * ({@code sifr.task}): past it, {@link sifr.task.TimeoutError} ({@code <what> timed out}).
     */
    static void awaitWithinDeadline(Condition c, String what) throws IOException, InterruptedException {
        var deadline = sifr.task.Task.deadline();
        if (deadline.isEmpty()) {
            c.await();
            return;
        }
        long left = java.time.Duration.between(java.time.Instant.now(), deadline.get()).toNanos();
        if (left <= 0) {
            throw new sifr.task.TimeoutError(what + " timed out");
        }
        c.awaitNanos(left);
    }

    final void checkAlive() throws IOException {
        if (failure != null) {
            throw new HttpError(failure.getMessage(), failure);
        }
        if (closing) {
            throw new HttpError("HTTP/2 connection is closed");
        }
    }

    // ------------------------------------------------------------------ streams

    /** Under lock: a new stream with windows from the SETTINGS in force. */
    final H2Stream newStream(int id) {
        return new H2Stream(id, settings.remote().initialWindowSize(), settings.local().initialWindowSize(),
                receiveTarget, lock.newCondition());
    }

    /**
     * Under lock: a stream error on {@code s}: fail both directions, send RST_STREAM. The handler of a
     * stream reset for an error is cancelled (its answer has nowhere to go); not after NO_ERROR (sent
     * once the response is complete).
     */
    final void resetStream(int id, Http2ErrorCode code, String reason) {
        resetStream(id, code, reason, code != NO_ERROR);
    }

    /** Under lock: {@link #resetStream(int, Http2ErrorCode, String)}, cancelling the handler or not. */
    final void resetStream(int id, Http2ErrorCode code, String reason, boolean cancelHandler) {
        H2Stream s = streams.get(id);
        if (s != null) {
            s.life.onSend(Http2Frames.RST_STREAM, false);
            failStream(s, new HttpError("HTTP/2 stream " + id + " reset: " + code
                    + (reason == null ? "" : " (" + reason + ")")));
            if (cancelHandler) {
                cancelHandler(s);
            }
            retire(s);
        } else if (!ids.isLocal(id) && ids.isIdle(id)) {
            resetOnOpen = id; // its HEADERS may still follow (self-dependency is reported first)
        }
        Http2Writer.rstStream(out, id, code);
        outReady.signal();
    }

    /** Under lock: cancels the task of the handler serving {@code s}, if any (server side). */
    final void cancelHandler(H2Stream s) {
        if (s.handler != null) {
            s.handler.cancel();
        }
    }

    /** Under lock: {@code s} can neither receive nor send any more; waiting threads see {@code why}. */
    final void failStream(H2Stream s, IOException why) {
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

    /** Under lock: received octets nobody will read are credited back to the connection. */
    final void dropQueued(H2Stream s) {
        s.discarding = true;
        if (s.queued > 0) {
            long n = s.queued;
            s.chunks.clear();
            s.queued = 0;
            releaseConnection((int) n);
        }
    }

    /** Under lock: forgets {@code s} once it is closed both ways. */
    final void retire(H2Stream s) {
        if (s.life.state() != StreamState.CLOSED || streams.get(s.id) != s) {
            return;
        }
        streams.remove(s.id);
        closed.add(s.life);
        sendable.signalAll(); // a stream slot is free
        checkDrained();
    }

    /** Under lock: the application consumed {@code n} octets of {@code s}'s body: return the credit. */
    final void consumed(H2Stream s, int n) {
        if (s.remoteOpen()) {
            int inc = s.credit.release(n);
            if (inc > 0) {
                Http2Writer.windowUpdate(out, s.id, inc);
                outReady.signal();
            }
        }
        releaseConnection(n);
    }

    private void releaseConnection(int n) {
        if (n <= 0 || failure != null) {
            return;
        }
        int inc = connCredit.release(n);
        if (inc > 0) {
            Http2Writer.windowUpdate(out, 0, inc);
            outReady.signal();
        }
    }

    /** Under lock: tells the writer thread output is waiting. */
    final void wakeWriter() {
        outReady.signal();
    }

    /**
     * The known, still tracked stream a frame of {@code type} is for, after §5.1's state check; null
     * when the frame is to be ignored.
     */
    private H2Stream known(int id, int type, boolean end) throws Http2Error {
        H2Stream s = streams.get(id);
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

    // ------------------------------------------------------------------ frame dispatch (reader thread)

    @Override
    public final void data(int streamId, boolean endStream, byte[] buf, int off, int len, int flowControlled)
            throws Http2Error {
        guard.onData(len, endStream);
        lock.lock();
        try {
            connRecv.receive(flowControlled); // connection FLOW_CONTROL_ERROR (§6.9.1)
            H2Stream s;
            try {
                s = known(streamId, Http2Frames.DATA, endStream);
                if (s != null) {
                    s.recvWindow.receive(flowControlled);
                    if (!acceptsData(s)) {
                        throw Http2Error.stream(streamId, PROTOCOL_ERROR, "DATA before the response head");
                    }
                }
            } catch (Http2Error e) {
                releaseConnection(flowControlled); // discarded DATA still returns its credit (§6.9)
                throw e;
            }
            if (s == null) {
                releaseConnection(flowControlled);
                return;
            }
            s.received += len;
            if (s.contentLength >= 0 && !s.noContent
                    && (s.received > s.contentLength || (endStream && s.received != s.contentLength))) {
                releaseConnection(flowControlled);
                throw Http2Error.stream(streamId, PROTOCOL_ERROR, "DATA does not match content-length");
            }
            if (s.noContent && len > 0) {
                releaseConnection(flowControlled);
                throw Http2Error.stream(streamId, PROTOCOL_ERROR, "DATA in a message without content");
            }
            if (s.received > config.maxBodyBytes() && s.inboundError == null) {
                s.inboundError = new BodyError(bodyName + " body exceeds limit of " + config.maxBodyBytes() + " bytes");
                dropQueued(s);
                bodyLimitExceeded(s);
            }
            if (s.discarding) {
                consumed(s, flowControlled);
            } else {
                if (len > 0) {
                    s.chunks.add(java.util.Arrays.copyOfRange(buf, off, off + len));
                    s.queued += len;
                }
                if (flowControlled > len) {
                    consumed(s, flowControlled - len); // padding is nobody's to read
                }
            }
            if (endStream) {
                s.inboundEnded = true;
            }
            s.changed.signalAll();
            retire(s);
        } catch (Http2Error e) {
            streamOrConnection(e);
        } finally {
            lock.unlock();
        }
    }

    /** Under lock: whether DATA may arrive now (a client needs the final response head first). */
    boolean acceptsData(H2Stream s) {
        return true;
    }

    /** Under lock: {@code s}'s inbound body went past the limit (a client resets the stream). */
    void bodyLimitExceeded(H2Stream s) {
    }

    /** Under lock, reader thread: a rule the peer broke; a stream error resets the stream. */
    private void streamOrConnection(Http2Error e) throws Http2Error {
        if (e.isConnectionError()) {
            throw e;
        }
        resetStream(e.streamId(), e.code(), e.getMessage());
        guard.onResetSent(); // MadeYouReset (CVE-2025-8671): resets the peer provokes count like its own
    }

    @Override
    public final void headers(int streamId, boolean endStream, byte[] blockBytes, int off, int len)
            throws Http2Error {
        FieldBlock f = fields;
        f.reset();
        try {
            decoder.decode(blockBytes, off, len, f); // always, to keep the HPACK table in step (§4.3)
        } catch (HpackError e) {
            throw Http2Error.connection(COMPRESSION_ERROR, e.getMessage());
        } catch (HeaderListSizeError e) {
            f.tooLarge = true;
        }
        lock.lock();
        try {
            if (!streams.containsKey(streamId) && !closed.contains(streamId) && !ids.isLocal(streamId)
                    && ids.isIdle(streamId)) {
                ids.peerOpens(streamId); // §5.1.1 order and parity: connection errors
                if (streamId == resetOnOpen) {
                    StreamLifecycle life = new StreamLifecycle(streamId);
                    life.onReceive(Http2Frames.HEADERS, endStream);
                    life.onSend(Http2Frames.RST_STREAM, false);
                    closed.add(life);
                    return;
                }
                if (streamId > lastAccepted || failure != null || closing) {
                    return; // after our GOAWAY (§6.8): not processed; the peer may retry elsewhere
                }
                peerStream(streamId, endStream, f);
                return;
            }
            H2Stream s = known(streamId, Http2Frames.HEADERS, endStream);
            if (s != null) {
                streamHeaders(s, endStream, f);
                s.changed.signalAll();
                retire(s);
            }
        } catch (Http2Error e) {
            streamOrConnection(e);
        } finally {
            lock.unlock();
        }
    }

    /** Under lock: the peer opens stream {@code id} with this field block (already ordered by {@link #ids}). */
    abstract void peerStream(int id, boolean endStream, FieldBlock f) throws Http2Error;

    /** Under lock: a field block on a stream we track (response head, trailers). */
    abstract void streamHeaders(H2Stream s, boolean endStream, FieldBlock f) throws Http2Error;

    /** Under lock: trailers ending {@code s}'s inbound message (§8.1). */
    final void trailers(H2Stream s, boolean endStream, FieldBlock f) throws Http2Error {
        if (!endStream) {
            throw Http2Error.stream(s.id, PROTOCOL_ERROR, "trailers without END_STREAM");
        }
        if (f.anyPseudo) {
            throw Http2Error.stream(s.id, PROTOCOL_ERROR, "pseudo-header in trailers");
        }
        if (f.malformed != null) {
            throw Http2Error.stream(s.id, PROTOCOL_ERROR, f.malformed);
        }
        if (s.contentLength >= 0 && !s.noContent && s.received != s.contentLength) {
            throw Http2Error.stream(s.id, PROTOCOL_ERROR, "DATA does not match content-length");
        }
        if (!f.tooLarge) {
            s.trailers = f.headers.build();
        }
        s.inboundEnded = true;
    }

    @Override
    public final void rstStream(int streamId, long errorCode) throws Http2Error {
        guard.onResetReceived(); // Rapid Reset (CVE-2023-44487)
        lock.lock();
        try {
            H2Stream s = known(streamId, Http2Frames.RST_STREAM, false);
            if (s == null) {
                return;
            }
            IOException why = client && errorCode == Http2ErrorCode.REFUSED_STREAM.code() && s.responseHead == null
                    ? new RefusedStreamError("RST_STREAM REFUSED_STREAM")
                    : new HttpError("HTTP/2 stream " + streamId + " reset by the peer: "
                            + Http2ErrorCode.describe(errorCode));
            s.peerFault = true;
            failStream(s, why);
            cancelHandler(s); // its answer has nowhere to go: the handler sees CancelledError
            retire(s);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final void settings(Http2Settings received) throws Http2Error {
        guard.onSettings();
        lock.lock();
        try {
            applyPeerSettings(received);
            Http2Writer.settingsAck(out);
            outReady.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Under lock: the peer's SETTINGS apply now (§6.5.3). */
    final void applyPeerSettings(Http2Settings received) throws Http2Error {
        SettingsNegotiation.Change c = settings.received(received);
        peerSettingsReceived = true;
        SettingsNegotiation.Values b = c.before();
        SettingsNegotiation.Values a = c.after();
        if (a.headerTableSize() != b.headerTableSize()) {
            encoder.setPeerTableSizeLimit((int) Math.min(a.headerTableSize(), Integer.MAX_VALUE));
        }
        if (a.maxFrameSize() != b.maxFrameSize()) {
            writer.setMaxFrameSize(a.maxFrameSize());
        }
        long delta = c.initialWindowDelta();
        if (delta != 0) {
            for (H2Stream s : streams.values()) {
                s.sendWindow.applyInitialWindowDelta(delta); // §6.9.2, connection FLOW_CONTROL_ERROR past 2^31-1
            }
        }
        sendable.signalAll();
    }

    @Override
    public final void settingsAck() throws Http2Error {
        lock.lock();
        try {
            var change = settings.acknowledged();
            if (change.isEmpty()) {
                return;
            }
            SettingsNegotiation.Values b = change.get().before();
            SettingsNegotiation.Values a = change.get().after();
            if (a.maxFrameSize() != b.maxFrameSize()) {
                reader.setMaxFrameSize(a.maxFrameSize());
            }
            if (a.headerTableSize() != b.headerTableSize()) {
                decoder.setTableSizeLimit((int) Math.min(a.headerTableSize(), Integer.MAX_VALUE));
            }
            long delta = change.get().initialWindowDelta();
            if (delta != 0) {
                // The peer applied our new initial window to its open streams when it acknowledged it.
                for (H2Stream s : streams.values()) {
                    s.recvWindow.applyInitialWindowDelta(delta);
                    s.credit.setTarget(a.initialWindowSize());
                    if (s.remoteOpen()) {
                        // Credit owed below the old target may be due under the new one; the reader of
                        // this stream may be waiting for data the peer cannot send until it is returned.
                        int inc = s.credit.release(0);
                        if (inc > 0) {
                            Http2Writer.windowUpdate(out, s.id, inc);
                            outReady.signal();
                        }
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final void pushPromise(int streamId, int promisedStreamId, byte[] blockBytes, int off, int len)
            throws Http2Error {
        // Only a client gets here (the reader refuses PUSH_PROMISE for a server); we sent ENABLE_PUSH=0.
        throw Http2Error.connection(PROTOCOL_ERROR, "PUSH_PROMISE received though SETTINGS_ENABLE_PUSH is 0");
    }

    @Override
    public final void ping(boolean ack, long payload) throws Http2Error {
        guard.onPing(ack);
        lock.lock();
        try {
            if (ack) {
                if (payload > pingsAcked && payload <= pingsSent) {
                    pingsAcked = payload;
                    pongs.signalAll();
                }
                return;
            }
            Http2Writer.ping(out, true, payload); // §6.7: answered with the same payload
            outReady.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final void goAway(int lastStreamId, long errorCode, byte[] debug, int off, int len) throws Http2Error {
        lock.lock();
        try {
            goAwayReceived = true;
            peerLastStream = Math.min(peerLastStream, lastStreamId);
            goAwayReason = " after GOAWAY " + Http2ErrorCode.describe(errorCode) + (len == 0 ? ""
                    : " '" + new String(debug, off, Math.min(len, 200), StandardCharsets.UTF_8) + "'");
            for (H2Stream s : streams.values()) {
                if (ids.isLocal(s.id) && s.id > peerLastStream) {
                    // §6.8: not processed by the peer, safe to retry
                    failStream(s, new RefusedStreamError("GOAWAY with last stream " + peerLastStream));
                    streams.remove(s.id);
                }
            }
            sendable.signalAll();
            checkDrained();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final void windowUpdate(int streamId, int increment) throws Http2Error {
        lock.lock();
        try {
            if (streamId == 0) {
                connSend.increase(increment); // connection FLOW_CONTROL_ERROR past 2^31-1
            } else {
                H2Stream s = known(streamId, Http2Frames.WINDOW_UPDATE, false);
                if (s == null) {
                    return;
                }
                s.sendWindow.increase(increment); // stream FLOW_CONTROL_ERROR past 2^31-1
            }
            sendable.signalAll();
        } catch (Http2Error e) {
            streamOrConnection(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final void streamError(Http2Error error) throws Http2Error {
        lock.lock();
        try {
            resetStream(error.streamId(), error.code(), error.getMessage());
        } finally {
            lock.unlock();
        }
        guard.onResetSent(); // the peer broke a frame rule: counts like a reset it sent (MadeYouReset)
    }

    @Override
    public final void priorityFrame(int streamId, int dependency, boolean exclusive, int weight) throws Http2Error {
        guard.onPriority(); // parsed and otherwise ignored (§5.3.2)
    }

    @Override
    public final void unknownFrame(int type, int flags, int streamId, byte[] payload, int off, int len)
            throws Http2Error {
        guard.onIgnoredFrame(); // ignored (§5.5), but not for free
    }

    /**
     * Under lock, reader thread: a stream opened beyond SETTINGS_MAX_CONCURRENT_STREAMS was refused.
     * Counted only once the peer acknowledged our SETTINGS: before that it may not know the limit yet
     * (§5.1.2), and a client that opens many streams at once legitimately meets refusals.
     */
    final void streamRefused() throws Http2Error {
        if (settings.pending() == 0) {
            guard.onStreamRefused();
        }
    }

    // ------------------------------------------------------------------ sending (application threads)

    /** Encodes a field block; runs under the lock with the connection's HPACK encoder. */
    @FunctionalInterface
    interface FieldWriter {
        void write(HpackEncoder encoder, GrowableBytes block);
    }

    /** Under lock: checks {@code s} may still send. */
    final void checkSendable(H2Stream s) throws IOException {
        if (s.outboundError != null) {
            throw s.outboundError instanceof HttpError he ? new HttpError(he.getMessage(), he)
                    : new HttpError(s.outboundError.getMessage(), s.outboundError);
        }
        if (failure != null) {
            throw new HttpError(failure.getMessage(), failure);
        }
    }

    /** Under lock: appends a HEADERS (+ CONTINUATION) frame for {@code s}. */
    final void writeHeadersLocked(H2Stream s, boolean endStream, FieldWriter fieldWriter) throws IOException {
        checkSendable(s);
        block.reset();
        encoder.startBlock(block);
        fieldWriter.write(encoder, block);
        writer.headers(out, s.id, endStream, block.array(), 0, block.size());
        s.life.onSend(Http2Frames.HEADERS, endStream);
        outReady.signal();
        if (endStream) {
            retire(s);
        }
    }

    final void writeHeaders(H2Stream s, boolean endStream, FieldWriter fieldWriter) throws IOException {
        lock.lock();
        try {
            writeHeadersLocked(s, endStream, fieldWriter);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends {@code head} and, if it fits the windows now, the whole small body {@code data} in the
     * same burst; otherwise the body follows through {@link #writeData}.
     */
    final void writeHeadersAndData(H2Stream s, FieldWriter head, byte[] data, boolean endStream) throws IOException {
        lock.lock();
        try {
            writeHeadersLocked(s, false, head);
            if (data.length <= Math.min(Math.min(s.sendWindow.available(), connSend.available()),
                    writer.maxFrameSize())) {
                appendData(s, data, 0, data.length, endStream);
                return;
            }
        } finally {
            lock.unlock();
        }
        writeData(s, data, 0, data.length, endStream);
    }

    /** Sends DATA, waiting for flow-control window and output room (backpressure). */
    final void writeData(H2Stream s, byte[] data, int off, int len, boolean endStream) throws IOException {
        long timeout = config.floodLimits().zeroWindowTimeout().toNanos();
        HttpError peerNotReading = null;
        lock.lock();
        try {
            do {
                int n;
                boolean noWindow = false;
                boolean noRoom = false;
                long deadline = 0;
                while (true) {
                    checkSendable(s);
                    n = (int) Math.min(Math.min(len, s.sendWindow.available()),
                            Math.min(connSend.available(), writer.maxFrameSize()));
                    if (len == 0 || (n > 0 && out.size() < PENDING_CAP)) {
                        break;
                    }
                    // Waiting for window (only the peer can open it) or for output room (the writer
                    // makes it as fast as the peer reads). A peer that does neither must not pin this
                    // thread forever: after the timeout a stalled window resets the stream, and a
                    // peer that stopped reading loses the connection.
                    long now = System.nanoTime();
                    boolean waitingForRoom = n > 0;
                    if (waitingForRoom ? !noRoom : !noWindow) {
                        noRoom = waitingForRoom;
                        noWindow = !waitingForRoom;
                        deadline = now + timeout;
                    } else if (now - deadline >= 0) {
                        if (!waitingForRoom) {
                            throw stalledOnZeroWindow(s);
                        }
                        peerNotReading = new HttpError("HTTP/2 peer read nothing for "
                                + config.floodLimits().zeroWindowTimeout().toMillis() + " ms with "
                                + out.size() + " octets pending");
                        throw peerNotReading;
                    }
                    sendable.awaitNanos(deadline - now);
                }
                appendData(s, data, off, n, endStream && n == len);
                off += n;
                len -= n;
            } while (len > 0);
        } catch (InterruptedException e) {
            throw interrupted(e, "HTTP/2 DATA send", "interrupted while sending HTTP/2 DATA");
        } finally {
            lock.unlock();
            if (peerNotReading != null) {
                fail(peerNotReading); // closes the stream (outside the lock): the blocked writer wakes too
            }
        }
    }

    /** Under lock: {@code s} waited longer than the zero-window timeout; reset it (CANCEL) and say why. */
    private HttpError stalledOnZeroWindow(H2Stream s) {
        String why = "no flow-control window for " + config.floodLimits().zeroWindowTimeout().toMillis() + " ms";
        if (streams.get(s.id) == s && s.outboundError == null) {
            resetStream(s.id, Http2ErrorCode.CANCEL, why);
        }
        return new HttpError("HTTP/2 stream " + s.id + " stalled: " + why);
    }

    private void appendData(H2Stream s, byte[] data, int off, int n, boolean endStream) {
        s.sendWindow.send(n);
        connSend.send(n);
        writer.data(out, s.id, endStream, data, off, n);
        s.life.onSend(Http2Frames.DATA, endStream);
        outReady.signal();
        if (endStream) {
            retire(s);
        }
    }

    /**
     * Sends a whole body: DATA frames as the windows allow, then trailers or END_STREAM. With a known
     * length the chunk that completes it goes out with END_STREAM (one frame less).
     */
    final void writeBody(H2Stream s, sifr.http.BodyStream body, long known) throws IOException {
        long sent = 0;
        byte[] chunk = body.readChunk();
        while (chunk.length > 0) {
            boolean last = false;
            byte[] next = null;
            if (known >= 0 && sent + chunk.length >= known) {
                next = body.readChunk();
                last = next.length == 0;
            }
            sent += chunk.length;
            if (known >= 0 && (sent > known || (last && sent != known))) {
                throw new HttpError("HTTP/2 " + (client ? "request" : "response") + " body does not match its length");
            }
            if (last) {
                var trailers = body.trailers();
                writeData(s, chunk, 0, chunk.length, trailers.isEmpty());
                if (!trailers.isEmpty()) {
                    writeTrailers(s, trailers);
                }
                return;
            }
            writeData(s, chunk, 0, chunk.length, false);
            chunk = next != null ? next : body.readChunk();
        }
        if (known >= 0 && sent != known) {
            throw new HttpError("HTTP/2 " + (client ? "request" : "response") + " body does not match its length");
        }
        var trailers = body.trailers();
        if (trailers.isEmpty()) {
            writeData(s, EMPTY, 0, 0, true);
        } else {
            writeTrailers(s, trailers);
        }
    }

    /** Trailers: a HEADERS frame with END_STREAM, regular fields only (§8.1). */
    final void writeTrailers(H2Stream s, sifr.http.HeaderMap trailers) throws IOException {
        writeHeaders(s, true, (enc, b) -> {
            for (int i = 0, n = trailers.size(); i < n; i++) {
                if (!Http2Fields.isConnectionSpecific(trailers.nameAt(i))) {
                    enc.field(trailers.nameAt(i), trailers.valueAt(i), b);
                }
            }
        });
    }
}
