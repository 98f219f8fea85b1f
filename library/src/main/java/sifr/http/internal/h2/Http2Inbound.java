package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.COMPRESSION_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.HttpError;
import sifr.http.internal.hpack.HeaderListSizeError;
import sifr.http.internal.hpack.HpackDecoder;
import sifr.http.internal.hpack.HpackError;

/**
 * The receiving half of an {@link Http2Connection}: the reader loop and the frame dispatch
 * ({@link Http2FrameHandler}). The frame reader, the read buffer, the HPACK decoder and the flood
 * guard belong to the holder of the reader role alone (no lock): the reader thread, or a client
 * caller it left the socket to ({@link ReaderRole}, which hands them over under the connection's
 * lock). Every change to the connection's model is made under that lock, and what differs by role
 * is asked of {@link Http2Role}.
 */
final class Http2Inbound implements Http2FrameHandler {
    private final Http2Connection c;
    private final ReentrantLock lock;

    // ---- the holder of the reader role only ----
    /** Flood limits (Rapid Reset, MadeYouReset, SETTINGS/PING/empty-DATA/PRIORITY floods): every event is read. */
    private final Http2FloodGuard guard;
    private final Http2Reader reader;
    private final HpackDecoder decoder;
    private final FieldBlock fields = new FieldBlock();
    /**
     * Streams whose waiting thread is to be woken once all frames of the current read are dispatched
     * ({@link #wakeWaiters}), not at each frame: a response's HEADERS and DATA usually come in one read,
     * and a caller woken at the HEADERS would wait again for the DATA (or for the lock the reader holds
     * to add it), two hand-offs where one does. Entries are marked {@link H2Stream#wakePending}.
     */
    private final java.util.ArrayList<H2Stream> toWake = new java.util.ArrayList<>();
    /** Read buffer: {@code start..end} holds bytes read but not yet dispatched (a frame's beginning). */
    private byte[] buf;
    private int start;
    private int end;
    /** False after a connection error: input is drained, no longer dispatched. */
    private boolean dispatching = true;

    /** Who reads now: the reader thread or a client caller ({@link ReaderRole}); hands the fields above over. */
    final ReaderRole role;

    /** {@code trace}: the connection's frame trace, null when it is off. */
    Http2Inbound(Http2Connection c, Http2FrameTrace trace) {
        this.c = c;
        this.lock = c.lock;
        Http2Config config = c.config;
        this.reader = new Http2Reader(c.role.side(), config.readerLimits());
        this.reader.traceTo(trace);
        this.guard = new Http2FloodGuard(config.floodLimits(), c.clock::nanoTime);
        // One name or value may be as long as a whole field block can carry (Huffman expands at most 8/5):
        // a field over the header list size then counts against the list and gets 431 on its stream,
        // instead of failing the decoder (a connection-wide COMPRESSION_ERROR) as a string bound would.
        int maxString = (int) Math.min(Integer.MAX_VALUE - 8,
                Math.max(config.maxHeaderListSize(), config.maxHeaderBlockSize() * 8L / 5 + 1));
        this.decoder = new HpackDecoder(config.maxHeaderListSize(), maxString);
        this.role = new ReaderRole(c, this);
    }

    /**
     * Reads and dispatches frames until the connection ends; {@code alreadyRead} are bytes the caller
     * consumed from the stream first. Returns after the writer has finished and the stream is closed.
     * Between reads the reader thread may leave the socket to a client caller ({@link ReaderRole}).
     */
    void readLoop(byte[] alreadyRead) {
        buf = new byte[Math.max(32 * 1024, alreadyRead.length)];
        System.arraycopy(alreadyRead, 0, buf, 0, alreadyRead.length);
        end = alreadyRead.length;
        try {
            dispatchBuffered();
            while (readOnce() && role.readerTurn()) {
                // readerTurn: false once a caller holding the role saw the input end
            }
        } catch (IOException e) {
            c.readFailed(e);
        } catch (RuntimeException e) {
            c.fail(new HttpError("HTTP/2 connection failed: " + e, e));
        } finally {
            c.readerFinished();
        }
    }

    /**
     * One socket read by the holder of the reader role, then the dispatch of every whole frame it
     * completed (and the wake-up of their streams' threads). False at end of stream, after
     * {@link Http2Connection#peerEnded}.
     */
    boolean readOnce() throws IOException {
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
        int n = c.stream.read(ByteBuffer.wrap(buf, end, buf.length - end));
        if (n < 0) {
            c.peerEnded();
            return false;
        }
        end += n;
        dispatchBuffered();
        return true;
    }

    /** Dispatches the whole frames in the buffer; after a connection error only drains (see {@link #dispatching}). */
    private void dispatchBuffered() {
        if (dispatching && end > start) {
            try {
                start += reader.read(buf, start, end - start, this);
            } catch (Http2Error e) {
                c.connectionError(e);
                dispatching = false; // keep draining input until the peer or the linger ends it
            } finally {
                wakeWaiters(); // before the next read can block
            }
        }
    }

    /** Whether frames are still dispatched (false after a connection error: input is only drained). */
    boolean dispatching() {
        return dispatching;
    }

    /** The stream's waiting threads are to be woken at the end of this read's frames. */
    private void wakeLater(H2Stream s) {
        assert lock.isHeldByCurrentThread();
        if (!s.wakePending) {
            s.wakePending = true;
            toWake.add(s);
        }
    }

    /** Wakes the threads of every stream that {@link #wakeLater} named (one lock hold for all). */
    private void wakeWaiters() {
        if (toWake.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (int i = 0, n = toWake.size(); i < n; i++) {
                H2Stream s = toWake.get(i);
                s.wakePending = false;
                s.changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        toWake.clear();
    }

    /** Size of a read buffer that holds the whole frame starting at {@code start}. */
    private static int neededFor(byte[] buf, int start, int end) {
        if (end - start < Http2Frames.HEADER_LENGTH) {
            return buf.length * 2;
        }
        int length = ((buf[start] & 0xff) << 16) | ((buf[start + 1] & 0xff) << 8) | (buf[start + 2] & 0xff);
        return Math.max(buf.length + 1, Http2Frames.HEADER_LENGTH + length);
    }

    // ------------------------------------------------------------------ frame dispatch (reader thread)

    @Override
    public void data(int streamId, boolean endStream, byte[] buf, int off, int len, int flowControlled)
            throws Http2Error {
        guard.onData(len, endStream);
        lock.lock();
        try {
            c.connRecv.receive(flowControlled); // connection FLOW_CONTROL_ERROR (§6.9.1)
            H2Stream s;
            try {
                s = c.streams.receivedOn(streamId, Http2Frames.DATA, endStream);
                if (s != null) {
                    s.recvWindow.receive(flowControlled);
                    if (!c.role.acceptsData(s)) {
                        throw Http2Error.stream(streamId, PROTOCOL_ERROR, "DATA before the response head");
                    }
                }
            } catch (Http2Error e) {
                c.releaseConnection(flowControlled); // discarded DATA still returns its credit (§6.9)
                throw e;
            }
            if (s == null) {
                c.releaseConnection(flowControlled);
                return;
            }
            String broken = H2Message.data(s, len, endStream);
            if (broken != null) {
                c.releaseConnection(flowControlled);
                throw Http2Error.stream(streamId, PROTOCOL_ERROR, broken);
            }
            if (!s.tunnel && H2Message.overLimit(s, c.config.maxBodyBytes())) { // a tunnel is no body
                H2Message.failOverLimit(c, s);
            }
            if (s.discarding) {
                c.consumed(s, flowControlled);
            } else {
                if (len > 0) {
                    s.chunks.add(java.util.Arrays.copyOfRange(buf, off, off + len));
                    s.queued += len;
                }
                if (flowControlled > len) {
                    c.consumed(s, flowControlled - len); // padding is nobody's to read
                }
            }
            if (endStream) {
                s.inboundEnded = true;
            }
            wakeLater(s);
            c.retire(s);
        } catch (Http2Error e) {
            streamOrConnection(e);
        } finally {
            lock.unlock();
        }
    }

    /** A rule the peer broke; a stream error resets the stream. */
    private void streamOrConnection(Http2Error e) throws Http2Error {
        assert lock.isHeldByCurrentThread();
        if (e.isConnectionError()) {
            throw e;
        }
        H2Stream s = c.streams.get(e.streamId());
        if (s != null) {
            s.peerFault = true; // the peer broke the rule: a handler failing on the reset stream is not at fault
        }
        c.resetStream(e.streamId(), e.code(), e.getMessage());
        guard.onResetSent(); // MadeYouReset (CVE-2025-8671): resets the peer provokes count like its own
    }

    @Override
    public void headers(int streamId, boolean endStream, byte[] blockBytes, int off, int len) throws Http2Error {
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
            switch (c.streams.peerOpens(streamId, endStream, c.ending())) {
                case NEW -> c.role.peerStream(streamId, endStream, f);
                case IGNORED -> { }
                case KNOWN -> {
                    H2Stream s = c.streams.receivedOn(streamId, Http2Frames.HEADERS, endStream);
                    if (s != null) {
                        c.role.streamHeaders(s, endStream, f);
                        wakeLater(s);
                        c.retire(s);
                    }
                }
            }
        } catch (Http2Error e) {
            streamOrConnection(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void rstStream(int streamId, long errorCode) throws Http2Error {
        guard.onResetReceived(); // Rapid Reset (CVE-2023-44487)
        lock.lock();
        try {
            H2Stream s = c.streams.receivedOn(streamId, Http2Frames.RST_STREAM, false);
            if (s == null) {
                return;
            }
            HttpError plain = new HttpError("HTTP/2 stream " + streamId + " reset by the peer: "
                    + Http2ErrorCode.describe(errorCode));
            c.peerReset(s, c.role.resetByPeer(s, errorCode, plain));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void settings(Http2Settings received) throws Http2Error {
        guard.onSettings();
        lock.lock();
        try {
            applyPeerSettings(received);
            c.out.settingsAck();
        } finally {
            lock.unlock();
        }
    }

    /** The peer's SETTINGS apply now (§6.5.3); also those of an HTTP/1.1 upgrade's HTTP2-Settings. */
    void applyPeerSettings(Http2Settings received) throws Http2Error {
        assert lock.isHeldByCurrentThread();
        SettingsNegotiation.Change change = c.settings.received(received);
        c.peerSettingsReceived = true;
        SettingsNegotiation.Values b = change.before();
        SettingsNegotiation.Values a = change.after();
        if (b.enableConnectProtocol() && !a.enableConnectProtocol()) {
            throw Http2Error.connection(Http2ErrorCode.PROTOCOL_ERROR,
                    "SETTINGS_ENABLE_CONNECT_PROTOCOL went from 1 to 0 (RFC 8441 §3)");
        }
        if (a.headerTableSize() != b.headerTableSize()) {
            c.out.setPeerTableSizeLimit((int) Math.min(a.headerTableSize(), Integer.MAX_VALUE));
        }
        if (a.maxFrameSize() != b.maxFrameSize()) {
            c.out.setMaxFrameSize(a.maxFrameSize());
        }
        long delta = change.initialWindowDelta();
        if (delta != 0) {
            applyInitialSendDelta(delta); // §6.9.2
        }
        c.sendable.signalAll();
    }

    @Override
    public void settingsAck() throws Http2Error {
        lock.lock();
        try {
            var change = c.settings.acknowledged();
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
                applyInitialReceiveDelta(delta, a.initialWindowSize());
            }
        } finally {
            lock.unlock();
        }
    }

    /** The peer's SETTINGS changed SETTINGS_INITIAL_WINDOW_SIZE: every stream's send window moves (§6.9.2). */
    private void applyInitialSendDelta(long delta) throws Http2Error {
        assert lock.isHeldByCurrentThread();
        for (H2Stream s : c.streams.values()) {
            s.sendWindow.applyInitialWindowDelta(delta); // connection FLOW_CONTROL_ERROR past 2^31-1
        }
    }

    /**
     * The peer acknowledged our new initial window: it applied the delta to its view of our open
     * streams, so their receive windows and credit targets move too.
     */
    private void applyInitialReceiveDelta(long delta, long target) throws Http2Error {
        assert lock.isHeldByCurrentThread();
        for (H2Stream s : c.streams.values()) {
            s.recvWindow.applyInitialWindowDelta(delta);
            s.credit.setTarget(target);
            if (s.remoteOpen()) {
                // Credit owed below the old target may be due under the new one; the reader of
                // this stream may be waiting for data the peer cannot send until it is returned.
                int inc = s.credit.release(0);
                if (inc > 0) {
                    c.out.windowUpdate(s.id, inc);
                }
            }
        }
    }
    @Override
    public void pushPromise(int streamId, int promisedStreamId, byte[] blockBytes, int off, int len)
            throws Http2Error {
        // Only a client gets here (the reader refuses PUSH_PROMISE for a server); we sent ENABLE_PUSH=0.
        throw Http2Error.connection(PROTOCOL_ERROR, "PUSH_PROMISE received though SETTINGS_ENABLE_PUSH is 0");
    }

    @Override
    public void ping(boolean ack, long payload) throws Http2Error {
        guard.onPing(ack);
        lock.lock();
        try {
            if (ack) {
                c.pingAcknowledged(payload);
                return;
            }
            c.out.ping(true, payload); // §6.7: answered with the same payload
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void goAway(int lastStreamId, long errorCode, byte[] debug, int off, int len) throws Http2Error {
        lock.lock();
        try {
            c.peerGoAway(lastStreamId, errorCode, " after GOAWAY " + Http2ErrorCode.describe(errorCode) + (len == 0 ? ""
                    : " '" + new String(debug, off, Math.min(len, 200), StandardCharsets.UTF_8) + "'"));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void windowUpdate(int streamId, int increment) throws Http2Error {
        lock.lock();
        try {
            if (streamId == 0) {
                c.connSend.increase(increment); // connection FLOW_CONTROL_ERROR past 2^31-1
            } else {
                H2Stream s = c.streams.receivedOn(streamId, Http2Frames.WINDOW_UPDATE, false);
                if (s == null) {
                    return;
                }
                s.sendWindow.increase(increment); // stream FLOW_CONTROL_ERROR past 2^31-1
            }
            c.sendable.signalAll();
        } catch (Http2Error e) {
            streamOrConnection(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void streamError(Http2Error error) throws Http2Error {
        lock.lock();
        try {
            c.resetStream(error.streamId(), error.code(), error.getMessage());
        } finally {
            lock.unlock();
        }
        guard.onResetSent(); // the peer broke a frame rule: counts like a reset it sent (MadeYouReset)
    }

    @Override
    public void priorityFrame(int streamId, int dependency, boolean exclusive, int weight) throws Http2Error {
        guard.onPriority(); // parsed and otherwise ignored (§5.3.2)
    }

    @Override
    public void unknownFrame(int type, int flags, int streamId, byte[] payload, int off, int len)
            throws Http2Error {
        guard.onIgnoredFrame(); // ignored (§5.5), but not for free
    }

    /**
     * Reader thread: a stream opened beyond SETTINGS_MAX_CONCURRENT_STREAMS was refused. Counted only
     * once the peer acknowledged our SETTINGS: before that it may not know the limit yet (§5.1.2), and
     * a client that opens many streams at once legitimately meets refusals.
     */
    void streamRefused() throws Http2Error {
        assert lock.isHeldByCurrentThread();
        if (c.settings.pending() == 0) {
            guard.onStreamRefused();
        }
    }
}
