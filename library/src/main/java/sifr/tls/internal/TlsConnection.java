package sifr.tls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import sifr.net.ByteStream;
import sifr.task.TimeoutError;
import sifr.tls.TlsError;

/**
 * Drives one {@link SSLEngine} over one {@link ByteStream}: the handshake, then records in both
 * directions, close_notify, and refusal of renegotiation.
 *
 * <h2>Locks (never {@code synchronized}: both are held across blocking transport I/O)</h2>
 * <ul>
 *   <li>{@link #readLock} guards the read side: {@link #netIn}, {@link #appIn}, {@link #inboundEnded},
 *       every {@code engine.unwrap} and every {@code transport.read}.</li>
 *   <li>{@link #writeLock} guards the write side: {@link #netOut}, {@link #closeNotified} transitions,
 *       every {@code engine.wrap} and every {@code transport.write/flush/shutdownWrite}.</li>
 *   <li>Order: a thread holding {@code readLock} may take {@code writeLock} (the handshake, and a
 *       TLS 1.3 KeyUpdate or a TLS 1.2 close_notify that must be answered while reading); never the
 *       other way round. {@link #close()} only ever <em>tries</em> {@code writeLock}.</li>
 * </ul>
 * So one reader and one writer run concurrently; the JDK engine serializes its own wrap/unwrap
 * internally for the few microseconds of crypto, never across our I/O.
 *
 * <p>Buffers are heap buffers kept in "read mode" between calls ({@code position..limit} holds
 * pending bytes), except {@code netOut}, which is in "fill mode" ({@code 0..position} pending). They
 * start small (idle connections stay cheap) and grow to {@link #BULK_RECORDS} records for bulk data.
 */
public final class TlsConnection {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** How long {@link #close()} may spend sending close_notify to a peer that does not read. */
    private static final Duration CLOSE_NOTIFY_BOUND = Duration.ofSeconds(2);
    /** Records per transport read and write for bulk data (netIn and netOut start at one and two). */
    private static final int BULK_RECORDS = 4;

    private final ByteStream transport;
    private final SSLEngine engine;
    private final String side;
    private final ReentrantLock readLock = new ReentrantLock();
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private boolean inboundEnded;
    private final ReentrantLock writeLock = new ReentrantLock();
    private ByteBuffer netOut;
    private final RecordSizer recordSizer = new RecordSizer(System::nanoTime);
    private volatile boolean closeNotified;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean handshakeDone;
    private volatile String protocol = "";
    /** Session sizes, fixed once the handshake is done (asking the engine takes its lock). */
    private int packetSize;
    private int applicationBufferSize;

    public TlsConnection(ByteStream transport, SSLEngine engine) {
        this.transport = transport;
        this.engine = engine;
        this.side = engine.getUseClientMode() ? "client" : "server";
        this.packetSize = engine.getSession().getPacketBufferSize();
        this.applicationBufferSize = engine.getSession().getApplicationBufferSize();
        this.netIn = ByteBuffer.allocate(packetSize).flip();
        this.appIn = ByteBuffer.allocate(applicationBufferSize).flip();
        this.netOut = ByteBuffer.allocate(2 * packetSize);
    }

    public SSLEngine engine() {
        return engine;
    }

    public ByteStream transport() {
        return transport;
    }

    // ---------------------------------------------------------------- handshake

    /**
     * Runs the handshake to completion. On any failure the transport is closed (after a best-effort
     * attempt to tell the peer why with an alert) and a {@link TlsError} or {@link TimeoutError} is thrown.
     */
    public void handshake(Duration timeout) throws IOException {
        Watchdog.Timer timer = Watchdog.after(Watchdog.withinTaskDeadline(timeout), this::closeTransportQuietly);
        String timedOut = "TLS " + side + " handshake timed out"; // Sifr's wording names the side
        readLock.lock();
        writeLock.lock();
        try {
            engine.beginHandshake();
            runHandshake();
            protocol = engine.getSession().getProtocol();
            packetSize = Math.max(packetSize, engine.getSession().getPacketBufferSize());
            applicationBufferSize = Math.max(applicationBufferSize, engine.getSession().getApplicationBufferSize());
            handshakeDone = true;
        } catch (SSLException e) {
            sendAlertQuietly();
            closeTransportQuietly();
            throw timer.fired() ? new TimeoutError(timedOut, e) : HandshakeFailures.of(side, e);
        } catch (IOException | RuntimeException e) {
            closeTransportQuietly();
            if (timer.fired() || e instanceof TimeoutError) {
                throw new TimeoutError(timedOut, e);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw HandshakeFailures.of(side, e);
        } finally {
            timer.cancel();
            writeLock.unlock();
            readLock.unlock();
        }
    }

    private void runHandshake() throws IOException {
        HandshakeStatus status = engine.getHandshakeStatus();
        for (;;) {
            switch (status) {
                case NEED_WRAP -> status = wrapHandshake();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    flushNetOut();
                    status = unwrapHandshake();
                }
                case NEED_TASK -> {
                    runTasks();
                    status = engine.getHandshakeStatus();
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    // A TLS 1.3 server may still owe a NewSessionTicket after FINISHED.
                    HandshakeStatus next = engine.getHandshakeStatus();
                    if (next == HandshakeStatus.NEED_WRAP || next == HandshakeStatus.NEED_TASK) {
                        status = next;
                    } else {
                        flushNetOut();
                        return;
                    }
                }
            }
        }
    }

    private HandshakeStatus wrapHandshake() throws IOException {
        for (;;) {
            SSLEngineResult result = engine.wrap(EMPTY, netOut);
            switch (result.getStatus()) {
                case OK -> {
                    return result.getHandshakeStatus();
                }
                case BUFFER_OVERFLOW -> makeRoomInNetOut();
                case CLOSED -> {
                    flushNetOut();
                    throw new SSLException("the TLS engine closed during the handshake");
                }
                case BUFFER_UNDERFLOW -> throw new IllegalStateException("wrap reported BUFFER_UNDERFLOW");
            }
        }
    }

    private HandshakeStatus unwrapHandshake() throws IOException {
        for (;;) {
            if (netIn.hasRemaining()) {
                appIn.compact();
                SSLEngineResult result;
                try {
                    result = engine.unwrap(netIn, appIn);
                } finally {
                    appIn.flip();
                }
                switch (result.getStatus()) {
                    case OK -> {
                        return result.getHandshakeStatus();
                    }
                    case BUFFER_UNDERFLOW -> {
                        if (!readMore()) {
                            throw new SSLException("the peer closed the connection during the handshake");
                        }
                    }
                    case BUFFER_OVERFLOW -> appIn = TlsBuffers.grow(appIn, applicationBufferSize);
                    case CLOSED -> throw new SSLException("the peer closed the connection during the handshake");
                }
            } else if (!readMore()) {
                throw new SSLException("the peer closed the connection during the handshake");
            }
        }
    }

    // ---------------------------------------------------------------- reading

    /** Reads at least one byte of plaintext into {@code dst}; -1 after the peer's close_notify. */
    public int read(ByteBuffer dst) throws IOException {
        return readOrSkip(dst, 0);
    }

    /** Input buffered here or ended (the socket cannot tell): for the one reader, between its reads. */
    public boolean inputPending() {
        return closed.get() || inboundEnded || appIn.hasRemaining() || netIn.hasRemaining();
    }

    /** Drops 1 to {@code max} bytes of plaintext where a record was decrypted (no copy); -1 as {@link #read}. */
    public long skip(long max) throws IOException {
        return readOrSkip(null, max);
    }

    /** {@link #read} into {@code dst}, or with {@code dst == null} {@link #skip} of up to {@code skip} bytes. */
    private int readOrSkip(ByteBuffer dst, long skip) throws IOException {
        readLock.lock();
        try {
            ensureOpen();
            if (dst != null && !dst.hasRemaining()) {
                return 0;
            }
            if (!appIn.hasRemaining()) {
                int n = inboundEnded ? -1 : readRecords(dst == null ? EMPTY : dst);
                if (n < 0 || dst != null) {
                    return n; // a read is done; a skip finds the record's plaintext in appIn
                }
            }
            return dst != null ? TlsBuffers.drain(appIn, dst) : TlsBuffers.skip(appIn, skip);
        } catch (SSLException e) {
            sendAlertQuietly();
            closeQuietly();
            throw new TlsError("failed to read TLS stream: " + HandshakeFailures.explain(String.valueOf(e.getMessage())), e);
        } catch (IOException e) {
            if (closed.get() && !(e instanceof TlsError)) {
                throw new TlsError("TLS stream is closed", e);
            }
            throw e;
        } finally {
            readLock.unlock();
        }
    }

    private int readRecords(ByteBuffer dst) throws IOException {
        boolean mustBuffer = false;
        for (;;) {
            if (!netIn.hasRemaining() && !readMore()) {
                return endOfTransport();
            }
            // Large reads decrypt straight into the caller's buffer: one copy less for bulk data.
            boolean direct = !mustBuffer && dst.remaining() >= applicationBufferSize;
            SSLEngineResult result;
            if (direct) {
                result = engine.unwrap(netIn, dst);
            } else {
                appIn.clear();
                try {
                    result = engine.unwrap(netIn, appIn);
                } finally {
                    appIn.flip();
                }
            }
            switch (result.getStatus()) {
                case OK -> {
                    afterHandshakeMessage(result.getHandshakeStatus());
                    if (result.bytesProduced() > 0) {
                        return direct ? result.bytesProduced() : TlsBuffers.drain(appIn, dst);
                    }
                }
                case BUFFER_UNDERFLOW -> {
                    if (!readMore()) {
                        return endOfTransport();
                    }
                }
                case BUFFER_OVERFLOW -> {
                    // a record larger than the caller's buffer: decrypt into our own, growing it if needed
                    if (direct) {
                        mustBuffer = true;
                    } else {
                        appIn = TlsBuffers.grow(appIn, applicationBufferSize);
                    }
                }
                case CLOSED -> {
                    inboundEnded = true;
                    answerCloseNotify();
                    if (appIn.hasRemaining()) {
                        return TlsBuffers.drain(appIn, dst);
                    }
                    return -1;
                }
            }
        }
    }

    /**
     * Handles handshake messages that arrive after the handshake: TLS 1.3 session tickets and key
     * updates are fine (a KeyUpdate is answered at once); in TLS 1.2 any handshake is a
     * renegotiation, which Sifr refuses.
     */
    private void afterHandshakeMessage(HandshakeStatus status) throws IOException {
        for (;;) {
            switch (status) {
                case NOT_HANDSHAKING, FINISHED -> {
                    return;
                }
                default -> {
                    if (!"TLSv1.3".equals(protocol)) {
                        closeQuietly();
                        throw new TlsError("TLS renegotiation is not supported; the connection was closed");
                    }
                }
            }
            switch (status) {
                case NEED_TASK -> {
                    runTasks();
                    status = engine.getHandshakeStatus();
                }
                case NEED_WRAP -> {
                    writeLock.lock();
                    try {
                        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                            if (engine.wrap(EMPTY, netOut).getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                                makeRoomInNetOut();
                            }
                        }
                        flushNetOut();
                    } finally {
                        writeLock.unlock();
                    }
                    status = engine.getHandshakeStatus();
                }
                default -> {
                    return; // NEED_UNWRAP: the rest of the message is still on its way; keep reading
                }
            }
        }
    }

    /** TLS 1.2 answers a close_notify with its own (the JDK closes both directions); TLS 1.3 half-closes. */
    private void answerCloseNotify() {
        if (engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP || !writeLock.tryLock()) {
            return;
        }
        try {
            closeNotified = true;
            wrapClosingRecords();
        } catch (IOException e) {
            // the peer is going away; failing to answer its close_notify changes nothing for the reader
        } finally {
            writeLock.unlock();
        }
    }

    /** The transport ended without close_notify: report possible truncation once, then end of stream. */
    private int endOfTransport() throws TlsError {
        inboundEnded = true;
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            throw new TlsError("TLS peer closed the connection without close_notify (the data may be truncated)", e);
        }
        return -1;
    }

    /** Reads more ciphertext into {@link #netIn}; false at end of the transport. */
    private boolean readMore() throws IOException {
        netIn.compact();
        try {
            if (!netIn.hasRemaining()) {
                if (netIn.capacity() >= 2 * packetSize) {
                    throw new SSLException("TLS record larger than the negotiated maximum");
                }
                netIn = TlsBuffers.grow(netIn.flip(), packetSize).compact(); // back to fill mode
            }
            boolean more = transport.read(netIn) >= 0;
            if (!netIn.hasRemaining() && netIn.capacity() < BULK_RECORDS * packetSize) {
                // filled: bulk data is waiting; take several records per read (one syscall per record on TCP)
                netIn.flip();
                netIn = ByteBuffer.allocate(BULK_RECORDS * packetSize).put(netIn);
            }
            return more;
        } finally {
            netIn.flip();
        }
    }

    // ---------------------------------------------------------------- writing

    /** Encrypts and sends every byte of {@code src}. */
    public void writeAll(ByteBuffer src) throws IOException {
        writeLock.lock();
        try {
            ensureWritable();
            int packet = packetSize;
            if (src.remaining() > netOut.capacity() && netOut.position() == 0
                    && netOut.capacity() < BULK_RECORDS * packet) {
                netOut = ByteBuffer.allocate(BULK_RECORDS * packet); // bulk: several records per transport write
            }
            recordSizer.beforeWrite();
            while (src.hasRemaining()) {
                int limit = recordSizer.nextRecordLimit();
                SSLEngineResult result;
                if (src.remaining() > limit) {
                    result = engine.wrap(src.slice(src.position(), limit), netOut);
                    src.position(src.position() + result.bytesConsumed());
                } else {
                    result = engine.wrap(src, netOut);
                }
                recordSizer.recorded(result.bytesConsumed());
                switch (result.getStatus()) {
                    case OK -> {
                        if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                            runTasks();
                        }
                        // Send when another record might not fit, or when everything is encrypted.
                        if (netOut.remaining() < packet || !src.hasRemaining()) {
                            flushNetOut();
                        }
                    }
                    case BUFFER_OVERFLOW -> makeRoomInNetOut();
                    case CLOSED -> throw new TlsError("failed to write TLS stream: the connection was closed");
                    case BUFFER_UNDERFLOW -> throw new IllegalStateException("wrap reported BUFFER_UNDERFLOW");
                }
            }
            flushNetOut();
        } catch (SSLException e) {
            closeQuietly();
            throw new TlsError("failed to write TLS stream: " + e.getMessage(), e);
        } catch (IOException e) {
            if (closed.get() && !(e instanceof TlsError)) {
                throw new TlsError("TLS stream is closed", e);
            }
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    public void flush() throws IOException {
        writeLock.lock();
        try {
            if (closeNotified || closed.get()) {
                return;
            }
            flushNetOut();
            transport.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Sends close_notify and shuts down the transport's write side. Idempotent; afterwards writes
     * fail with {@code TLS write side is already close-notified} and reads still work.
     */
    public void closeNotify() throws IOException {
        writeLock.lock();
        try {
            if (closeNotified || closed.get()) {
                return;
            }
            sendCloseNotify();
            try {
                transport.shutdownWrite();
            } catch (IOException e) {
                // close_notify is out; a transport that cannot half-close loses nothing
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Caller holds {@link #writeLock}. */
    private void sendCloseNotify() throws IOException {
        closeNotified = true;
        engine.closeOutbound();
        try {
            wrapClosingRecords();
            transport.flush();
        } catch (TimeoutError e) {
            throw e;
        } catch (IOException e) {
            // Sifr's wording for any failure to get the alert out, the transport's included
            throw new TlsError("failed to send TLS close_notify: " + e.getMessage(), e);
        }
    }

    /** Sends close_notify if it can without waiting for a busy writer, then closes the transport. */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (handshakeDone && !closeNotified && writeLock.tryLock()) {
                try (Watchdog.Timer bound = Watchdog.after(CLOSE_NOTIFY_BOUND, this::closeTransportQuietly)) {
                    sendCloseNotify();
                } catch (IOException | RuntimeException e) {
                    // best effort: the peer may already be gone
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            closeTransportQuietly();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    public boolean isCloseNotified() {
        return closeNotified;
    }

    public String protocol() {
        return protocol;
    }

    // ---------------------------------------------------------------- helpers

    private void ensureOpen() throws TlsError {
        if (closed.get()) {
            throw new TlsError("TLS stream is closed");
        }
    }

    private void ensureWritable() throws TlsError {
        ensureOpen();
        if (closeNotified) {
            throw new TlsError("TLS write side is already close-notified");
        }
    }

    /** Sends what {@link #netOut} holds. Caller holds {@link #writeLock}. */
    private void flushNetOut() throws IOException {
        if (netOut.position() == 0) {
            return;
        }
        netOut.flip();
        try {
            transport.writeAll(netOut);
        } finally {
            netOut.clear();
        }
    }

    private void makeRoomInNetOut() throws IOException {
        if (netOut.position() > 0) {
            flushNetOut();
        } else {
            netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2, packetSize));
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Wraps and sends what the engine has left to say on closing (close_notify). Caller holds {@link #writeLock}. */
    private void wrapClosingRecords() throws IOException {
        for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
            if (engine.wrap(EMPTY, netOut).getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                makeRoomInNetOut();
            }
        }
        flushNetOut();
    }

    /** After a failure: let the engine produce its alert and push it out, ignoring every error. */
    private void sendAlertQuietly() {
        if (!writeLock.tryLock()) {
            return;
        }
        try {
            engine.closeOutbound();
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                SSLEngineResult result = engine.wrap(EMPTY, netOut);
                if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesProduced() == 0) {
                    break;
                }
            }
            flushNetOut();
        } catch (IOException | RuntimeException e) {
            // the alert is a courtesy; the connection is failing anyway
        } finally {
            writeLock.unlock();
        }
    }

    private void closeQuietly() {
        closed.set(true);
        closeTransportQuietly();
    }

    private void closeTransportQuietly() {
        try {
            transport.close();
        } catch (IOException | RuntimeException e) {
            // closing is all we can do
        }
    }
}
