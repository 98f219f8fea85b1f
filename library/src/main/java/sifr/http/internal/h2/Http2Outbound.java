package sifr.http.internal.h2;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.HttpError;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.http.internal.hpack.HpackEncoder;
import sifr.task.internal.CancelShield;
import sifr.task.internal.TaskContext;

/**
 * The sending half of an {@link Http2Connection}: the pending output buffer, the HPACK encoder, the
 * frame writer and the one writer thread, and the DATA path with its backpressure (output room, both
 * send windows, the zero-window stall timeout).
 *
 * <p>Application threads (handlers, client callers, body writers) and the reader (acks, credit,
 * resets) append frames under the connection's lock, straight into {@link #out}, so HPACK blocks
 * reach the wire in encoding order and frames never interleave. The writer thread takes the lock
 * only to swap {@code out} with an empty buffer, then writes the batch without it: every frame
 * appended while a write is in progress goes out in the next write (one write and one flush per
 * burst). Nobody but the writer blocks on a socket write, so a peer that stops reading can never
 * stall the reader (which must keep answering PING and SETTINGS and crediting windows).
 */
final class Http2Outbound {
    /** Pending output beyond which DATA senders wait for the writer (bounds memory per connection). */
    static final int PENDING_CAP = 256 * 1024;
    /**
     * A socket write is cut into slices of this size; each one re-arms {@link #writingSince}. A rest
     * of at most {@link #WRITE_SLICE_TAIL} more goes with the slice before it: a batch of whole 64 KiB
     * body chunks (four 16 KiB DATA frames and their 36 header octets each) then costs one write, not
     * one plus a 36-octet one.
     */
    private static final int WRITE_SLICE = 64 * 1024;
    private static final int WRITE_SLICE_TAIL = 16 * 1024;
    private static final long LINGER_MILLIS = 1000;

    private final Http2Connection c;
    private final ReentrantLock lock;
    /** The writer thread waits here for output. */
    private final Condition outReady;

    // ---- guarded by lock ----
    private GrowableBytes out = new GrowableBytes(16 * 1024);
    /** The buffer {@link #out} swaps with; null while its holder writes it. */
    private GrowableBytes spare = new GrowableBytes(16 * 1024);
    /**
     * Someone holds the socket's write side: the writer thread with a batch, or a caller writing its
     * own ({@link #claimIfIdle}). Frames appended meanwhile wait in {@link #out} without waking the
     * writer thread; the holder looks at them when it is done.
     */
    private boolean writing;
    private final Http2Writer writer = new Http2Writer();
    private final HpackEncoder encoder = new HpackEncoder();
    private final GrowableBytes block = new GrowableBytes(1024);

    /** The connection's frame trace; null (the rule) when TRACE is off: then no frame is looked at again. */
    private final Http2FrameTrace trace;

    /** When the writer thread began its current socket write (the connection's clock), 0 while not writing. */
    private volatile long writingSince;
    private Thread writerThread;

    Http2Outbound(Http2Connection c, Http2FrameTrace trace) {
        this.c = c;
        this.trace = trace;
        this.lock = c.lock;
        this.outReady = lock.newCondition();
    }

    /** Encodes a field block; runs under the lock with the connection's HPACK encoder. */
    @FunctionalInterface
    interface FieldWriter {
        void write(HpackEncoder encoder, GrowableBytes block);
    }

    // ------------------------------------------------------------------ control frames (under the lock)

    /** Tells the writer thread output is waiting (or that it should look at the connection's state). */
    void wake() {
        assert lock.isHeldByCurrentThread();
        outReady.signal();
    }

    /** Output was appended: wakes the writer thread unless someone holds the socket (it looks when done). */
    private void signalOutput() {
        if (!writing) {
            outReady.signal();
        }
    }

    void preface() {
        assert lock.isHeldByCurrentThread();
        Http2Writer.preface(out);
    }

    void settings(Http2Settings s) {
        assert lock.isHeldByCurrentThread();
        int mark = out.size();
        Http2Writer.settings(out, s);
        traced(mark);
        signalOutput();
    }

    void settingsAck() {
        assert lock.isHeldByCurrentThread();
        int mark = out.size();
        Http2Writer.settingsAck(out);
        traced(mark);
        signalOutput();
    }

    void windowUpdate(int streamId, int increment) {
        assert lock.isHeldByCurrentThread();
        int mark = out.size();
        Http2Writer.windowUpdate(out, streamId, increment);
        traced(mark);
        signalOutput();
    }

    void rstStream(int streamId, Http2ErrorCode code) {
        assert lock.isHeldByCurrentThread();
        int mark = out.size();
        Http2Writer.rstStream(out, streamId, code);
        traced(mark);
        signalOutput();
    }

    void ping(boolean ack, long payload) {
        assert lock.isHeldByCurrentThread();
        int mark = out.size();
        Http2Writer.ping(out, ack, payload);
        traced(mark);
        signalOutput();
    }

    void goAway(int lastStreamId, Http2ErrorCode code, byte[] debug) {
        assert lock.isHeldByCurrentThread();
        int mark = out.size();
        writer.goAway(out, lastStreamId, code, debug);
        traced(mark);
        signalOutput();
    }

    /** Shows the frames appended since {@code out} held {@code mark} octets to the trace, if there is one. */
    private void traced(int mark) {
        if (trace != null) {
            trace.sent(out, mark);
        }
    }

    /** The peer's SETTINGS_HEADER_TABLE_SIZE bounds our encoder's table (§6.5.2). */
    void setPeerTableSizeLimit(int size) {
        assert lock.isHeldByCurrentThread();
        encoder.setPeerTableSizeLimit(size);
    }

    /** The peer's SETTINGS_MAX_FRAME_SIZE bounds the frames we send. */
    void setMaxFrameSize(int size) {
        assert lock.isHeldByCurrentThread();
        writer.setMaxFrameSize(size);
    }

    // ------------------------------------------------------------------ the writer thread

    void start() {
        writerThread = Thread.ofVirtual().name("h2-writer").start(this::writeLoop);
    }

    /** Waits (bounded) for the writer thread to end. */
    void join() {
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
        boolean graceful = false;
        try {
            while (true) {
                GrowableBytes batch;
                lock.lock();
                try {
                    boolean waited = false;
                    // a caller writing its own batch holds the socket: wait for it even when closing
                    while (c.failure() == null && (writing || (out.size() == 0 && !c.closing()))) {
                        outReady.await();
                        waited = true;
                    }
                    if (c.failure() != null) {
                        break;
                    }
                    if (out.size() == 0) {
                        graceful = true; // closing, and everything has been written
                        break;
                    }
                    writing = true;
                    if (waited && !c.closing()) {
                        // Woken by the first frame of a burst: let the other threads about to answer
                        // (handlers made runnable by the same read) append theirs, so one write carries all.
                        lock.unlock();
                        try {
                            Thread.yield();
                        } finally {
                            lock.lock();
                        }
                        if (c.failure() != null) {
                            break;
                        }
                    }
                    batch = takeBatch();
                } finally {
                    lock.unlock();
                }
                writeWatched(batch);
                boolean idle;
                lock.lock();
                try {
                    idle = returnBatch(batch);
                } finally {
                    lock.unlock();
                }
                if (idle) {
                    c.stream.flush(); // nothing more queued: this burst ends here
                }
                lock.lock();
                try {
                    writing = false;
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            c.fail(new HttpError("HTTP/2 connection write failed: " + e.getMessage(), e));
        } catch (InterruptedException e) {
            c.fail(new InterruptedIOException("HTTP/2 writer interrupted"));
        }
        if (graceful) {
            linger();
        }
        c.closeQuietly();
    }

    /** The holder of {@link #writing} takes what is queued; {@link #out} starts over in the spare buffer. */
    private GrowableBytes takeBatch() {
        assert lock.isHeldByCurrentThread() && writing;
        GrowableBytes batch = out;
        out = spare;
        spare = null;
        c.sendable.signalAll(); // room in the output again
        return batch;
    }

    /** {@code batch} is written: it becomes the spare buffer. Whether nothing more is queued. */
    private boolean returnBatch(GrowableBytes batch) {
        assert lock.isHeldByCurrentThread();
        batch.reset();
        spare = batch;
        return out.size() == 0;
    }

    // ------------------------------------------------------------------ a caller writing its own frames

    /**
     * Claims the socket for the calling thread if nobody writes and nothing is queued (the writer
     * thread is idle): the frames it appends next are not handed to the writer thread but written by
     * the caller itself ({@link #takeClaimed}, {@link #writeClaimed}), which saves two thread hand-offs
     * per request for a lone caller. False when the writer thread is busy or the connection is ending.
     */
    boolean claimIfIdle() {
        assert lock.isHeldByCurrentThread();
        if (writing || out.size() != 0 || c.failure() != null || c.closing()) {
            return false;
        }
        writing = true;
        return true;
    }

    /** The claiming caller appended nothing after all (its append failed): the socket is free again. */
    void releaseClaim() {
        assert lock.isHeldByCurrentThread() && writing;
        writing = false;
        if (out.size() != 0) {
            outReady.signal();
        }
    }

    /** What the claiming caller appended since {@link #claimIfIdle}, to write with {@link #writeClaimed}. */
    GrowableBytes takeClaimed() {
        return takeBatch();
    }

    /**
     * Writes the claimed {@code batch} on the calling thread, shielded from its task's cancellation and
     * deadline ({@link CancelShield}): an interrupt would close the socket under every stream of the
     * connection, and a batch cut short would leave frames half sent. The write is bounded instead by
     * a {@link StalledWrite} alarm that fails the connection (a peer that took no octet of a small
     * batch for a whole request timeout is not reading). If the shield cannot be entered (the task is
     * cancelled or interrupted already), the batch goes back in front of the queue for the writer thread.
     */
    void writeClaimed(GrowableBytes batch) {
        CancelShield shield = CancelShield.enter();
        if (shield == null) {
            handBack(batch);
            return;
        }
        IOException failed = null;
        StalledWrite watch = StalledWrite.arm(c, watchUntil(shield.deadline()));
        try {
            writeWatched(batch);
            c.stream.flush();
        } catch (IOException e) {
            failed = e;
        } finally {
            if (watch != null) {
                watch.over = true;
                watch.cancel();
            }
            shield.exit();
        }
        lock.lock();
        try {
            returnBatch(batch);
            writing = false;
            if (out.size() != 0 || c.closing() || c.failure() != null) {
                outReady.signal(); // frames the reader appended meanwhile, or the end of the connection
            }
        } finally {
            lock.unlock();
        }
        if (failed != null) {
            c.fail(new HttpError("HTTP/2 connection write failed: " + failed.getMessage(), failed));
        }
    }

    /**
     * When a caller's own write counts as stalled: not before its task's deadline (it may not block
     * past that for long) and not before the zero-window timeout, the connection's bound for a peer
     * that reads nothing (a short deadline passing during an ordinary write must not end the
     * connection). A task without a deadline is not watched: the write then blocks as long as the
     * peer reads nothing, as the writer thread's would.
     */
    private long watchUntil(long deadline) {
        if (deadline == TaskContext.NO_DEADLINE) {
            return deadline;
        }
        long earliest = TaskContext.after(c.config.floodLimits().zeroWindowTimeout().toNanos());
        return deadline - earliest > 0 ? deadline : earliest;
    }

    /** Puts an unwritten claimed batch back before whatever was appended since, and wakes the writer thread. */
    private void handBack(GrowableBytes batch) {
        lock.lock();
        try {
            batch.write(out.array(), 0, out.size());
            out.reset();
            spare = out;
            out = batch;
            writing = false;
            outReady.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes {@code batch} in slices, noting when each began so that {@link #writeStalled} can tell
     * a peer that stopped reading (the write makes no progress) from one that reads slowly.
     */
    private void writeWatched(GrowableBytes batch) throws IOException {
        int total = batch.size();
        ByteBuffer buf = ByteBuffer.wrap(batch.array(), 0, total);
        try {
            while (buf.position() < total) {
                int rest = total - buf.position();
                buf.limit(rest <= WRITE_SLICE + WRITE_SLICE_TAIL ? total : buf.position() + WRITE_SLICE);
                writingSince = c.clock.nanoTime() | 1; // never 0, which means "not writing"
                c.stream.writeAll(buf);
            }
        } finally {
            writingSince = 0;
        }
    }

    /** Whether a socket write has made no progress for {@code writeNanos} at {@code now} (no lock). */
    boolean writeStalled(long now, long writeNanos) {
        long w = writingSince;
        return w != 0 && now - w > writeNanos;
    }

    /**
     * After our last frame: half-close, then give the peer a moment to read it and close its side
     * (closing at once with unread input could reset the connection and lose our last frames).
     */
    private void linger() {
        try {
            c.stream.shutdownWrite();
        } catch (IOException ignored) {
            return;
        }
        c.awaitReaderEnd(LINGER_MILLIS);
    }

    // ------------------------------------------------------------------ stream frames (application threads)

    /** Checks {@code s} may still send. */
    private void checkSendable(H2Stream s) throws IOException {
        assert lock.isHeldByCurrentThread();
        if (s.outboundError != null) {
            throw s.outboundError instanceof HttpError he ? new HttpError(he.getMessage(), he)
                    : new HttpError(s.outboundError.getMessage(), s.outboundError);
        }
        IOException failure = c.failure();
        if (failure != null) {
            throw new HttpError(failure.getMessage(), failure);
        }
    }

    /** Appends a HEADERS (+ CONTINUATION) frame for {@code s}. */
    void writeHeadersLocked(H2Stream s, boolean endStream, FieldWriter fieldWriter) throws IOException {
        assert lock.isHeldByCurrentThread();
        checkSendable(s);
        block.reset();
        encoder.startBlock(block);
        fieldWriter.write(encoder, block);
        int mark = out.size();
        writer.headers(out, s.id, endStream, block.array(), 0, block.size());
        traced(mark);
        s.life.onSend(Http2Frames.HEADERS, endStream);
        signalOutput();
        if (endStream) {
            c.retire(s);
        }
    }

    void writeHeaders(H2Stream s, boolean endStream, FieldWriter fieldWriter) throws IOException {
        lock.lock();
        try {
            writeHeadersLocked(s, endStream, fieldWriter);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends {@code head} and, if it fits the windows now, the whole small body {@code data} in the
     * same burst; otherwise the body follows through {@link #writeData}. Reentrant: a caller may hold
     * the lock (the client opens the stream and sends its head under one hold).
     */
    void writeHeadersAndData(H2Stream s, FieldWriter head, byte[] data, boolean endStream) throws IOException {
        lock.lock();
        try {
            writeHeadersLocked(s, false, head);
            if (fitsNow(s, data.length)) {
                appendData(s, data, 0, data.length, endStream, true);
                return;
            }
        } finally {
            lock.unlock();
        }
        writeData(s, data, 0, data.length, endStream);
    }

    /** Whether {@code n} body octets for {@code s} fit both send windows and one frame now (no waiting). */
    boolean fitsNow(H2Stream s, int n) {
        assert lock.isHeldByCurrentThread();
        return n <= Math.min(Math.min(s.sendWindow.available(), c.connSend.available()), writer.maxFrameSize());
    }

    /** Sends DATA, waiting for flow-control window and output room (backpressure). */
    void writeData(H2Stream s, byte[] data, int off, int len, boolean endStream) throws IOException {
        long timeout = c.config.floodLimits().zeroWindowTimeout().toNanos();
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
                            Math.min(c.connSend.available(), writer.maxFrameSize()));
                    if (len == 0 || (n > 0 && out.size() < PENDING_CAP)) {
                        break;
                    }
                    // Waiting for window (only the peer can open it) or for output room (the writer
                    // makes it as fast as the peer reads). A peer that does neither must not pin this
                    // thread forever: after the timeout a stalled window resets the stream, and a
                    // peer that stopped reading loses the connection.
                    long now = c.clock.nanoTime();
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
                                + c.config.floodLimits().zeroWindowTimeout().toMillis() + " ms with "
                                + out.size() + " octets pending");
                        throw peerNotReading;
                    }
                    signalOutput(); // frames this call appended go out while it waits
                    c.clock.await(c.sendable, deadline - now);
                }
                appendData(s, data, off, n, endStream && n == len, false);
                off += n;
                len -= n;
            } while (len > 0);
            // One wake-up per call, after all its frames: the writer's batch carries the whole chunk
            // (a wake-up at the first frame had it write one frame and come back for the rest).
            signalOutput();
        } catch (InterruptedException e) {
            throw Http2Waits.interrupted(e, "HTTP/2 DATA send", "interrupted while sending HTTP/2 DATA");
        } finally {
            lock.unlock();
            if (peerNotReading != null) {
                c.fail(peerNotReading); // closes the stream (outside the lock): the blocked writer wakes too
            }
        }
    }

    /** {@code s} waited longer than the zero-window timeout; reset it (CANCEL) and say why. */
    private HttpError stalledOnZeroWindow(H2Stream s) {
        assert lock.isHeldByCurrentThread();
        String why = "no flow-control window for " + c.config.floodLimits().zeroWindowTimeout().toMillis() + " ms";
        if (c.isLive(s)) {
            c.resetStream(s.id, Http2ErrorCode.CANCEL, why);
        }
        return new HttpError("HTTP/2 stream " + s.id + " stalled: " + why);
    }

    /** Appends one DATA frame; {@code wake}: signal the writer now (else the caller does, once for all its frames). */
    private void appendData(H2Stream s, byte[] data, int off, int n, boolean endStream, boolean wake) {
        assert lock.isHeldByCurrentThread();
        s.sendWindow.send(n);
        c.connSend.send(n);
        int mark = out.size();
        writer.data(out, s.id, endStream, data, off, n);
        traced(mark);
        s.life.onSend(Http2Frames.DATA, endStream);
        if (wake) {
            signalOutput();
        }
        if (endStream) {
            c.retire(s);
        }
    }
}
