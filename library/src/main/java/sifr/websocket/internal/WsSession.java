package sifr.websocket.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sifr.net.ByteStream;
import sifr.task.Task;
import sifr.task.TimeoutError;

/**
 * One open WebSocket connection (after the opening handshake) over any {@link ByteStream}: the reader
 * thread, the receive queue, sending, and the closing handshake (RFC 6455 §7). The public
 * {@code sifr.websocket.WebSocket} is a thin face over it.
 *
 * <p>Threads: one reader (virtual) decodes frames through {@link FrameDecoder} and
 * {@link MessageAssembler}, answers Pings, and queues messages for {@link #receive}. Senders encode on
 * their own thread under {@link #sendLock} (which keeps compression and fragments in message order) and
 * hand frames to {@link WsWriter}, the one writer path: a sender writes its frame itself when nobody else
 * is, else the frame joins a bounded queue drained by a writer thread that exists only while frames are
 * queued. The timers (keep-alive, idle, close deadline, write timeout) are an alarm on the library's
 * shared timer thread, so an idle connection has only the reader (and its user's thread in
 * {@link #receive}, if any). In listener mode ({@link #startListening}) the reader hands messages to a
 * {@link WsListener} instead, and on a stream that can wait without a thread it ends whenever nothing
 * is buffered: an idle connection then has no thread at all.
 *
 * <p>Closing: whoever closes first queues a Close frame; the other side's Close completes the handshake.
 * The server then closes TCP; the client waits for the server to do so (§7.1.1), at most the close
 * timeout. A peer that breaks a rule gets a Close with the rule's code (1002, 1007, 1009), no more
 * data is read from it, and the socket closes once the peer closes or the close timeout passes.
 */
public final class WsSession {
    /** What a receive returns: a message, or a fragment of one when {@code last} is false. */
    public record Received(boolean text, byte[] data, boolean last) { }

    /** How the connection ended, once it has. */
    public record Ended(int code, String reason, boolean remote) { }

    /** Counts violations and timeouts (the options' counters). */
    public interface Counters {
        void violation(int closeCode);

        void closeTimeout();

        void idleTimeout();
    }

    /** The settings a session runs with. */
    public record Config(boolean client, int maxFrameSize, int maxMessageSize, int maxFragments, int maxQueuedMessages,
                         int maxOutgoingQueueBytes, boolean deliverFragments, Duration closeTimeout, Duration idleTimeout,
                         Duration pingInterval, Duration writeTimeout) { }

    private static final AtomicInteger IDS = new AtomicInteger();
    /** The reader's first buffer: holds any control frame whole (14 + 125 bytes) and small messages. */
    static final int READ_BUFFER_MIN = 1024;
    /** The reader's largest buffer, reached only by connections whose reads fill it. */
    static final int READ_BUFFER_MAX = 64 * 1024;

    private final ByteStream stream;
    private final Config config;
    private final Counters counters;
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;
    private final MessageDeflater deflater; // null without permessage-deflate
    private final WsWriter writer;
    private final SecureRandom random; // masking keys, client only (RFC 6455 §10.3: unpredictable)
    // the reader's (whichever thread holds the read role: the reader thread, or one woken from a park)
    private byte[] leftover; // bytes read past the handshake, until the first read takes them
    private byte[] buf; // the read buffer: null while parked
    private int have;
    private WsListener listener; // null: messages go to the receive queue
    private boolean parking; // listener mode on a stream that can wait without a thread
    private volatile boolean listenerFailed;

    private final ReentrantLock sendLock = new ReentrantLock();
    private int outgoingFragmentOpcode; // under sendLock: 0, or the opcode of the message being sent in fragments
    private final byte[] header = new byte[WsFrames.MAX_HEADER_LENGTH]; // under sendLock: the frame being sent
    private final MaskKeys maskKeys; // under sendLock; client only

    private final ReentrantLock inLock = new ReentrantLock();
    private final Condition inChanged = inLock.newCondition();
    // sized 0: an idle connection keeps no 16-slot array (issue 19); it grows once, on first use
    private final ArrayDeque<Received> incoming = new ArrayDeque<>(0);
    private boolean readerDone; // under inLock
    private boolean tearingDown; // under inLock: the socket is closed; the reader must not wait for room
    private Ended closeReplyOwed; // under inLock: the peer's Close, answered once the messages before it are taken

    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean closeReceived;
    private volatile boolean failing;
    private volatile Ended ended;
    // The first Close sent or received, for the final status. Compare-and-set: the reader (a Close
    // arrives) and a closing thread may race to claim it.
    private final java.util.concurrent.atomic.AtomicReference<Ended> firstClose =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * @param deflate the negotiated permessage-deflate parameters, or null
     * @param leftover bytes read past the handshake, the start of the frame stream
     */
    public WsSession(ByteStream stream, Config config, DeflateParams deflate, byte[] leftover, Counters counters) {
        this.stream = stream;
        this.config = config;
        this.counters = counters;
        this.leftover = leftover == null ? new byte[0] : leftover;
        this.decoder = new FrameDecoder(!config.client(), config.maxFrameSize());
        MessageInflater inflater = null;
        if (deflate != null) {
            decoder.allowRsv1();
            inflater = new MessageInflater(deflate.inboundContextTakeover());
            this.deflater = new MessageDeflater(deflate.outboundContextTakeover(), java.util.zip.Deflater.DEFAULT_COMPRESSION);
        } else {
            this.deflater = null;
        }
        this.assembler = new MessageAssembler(new MessageAssembler.Limits(config.maxMessageSize(), config.maxFragments(),
                config.deliverFragments()), inflater, new Events());
        this.random = config.client() ? new SecureRandom() : null;
        this.maskKeys = config.client() ? new MaskKeys(random) : null;
        this.writer = new WsWriter(stream, new Hooks(), config.maxOutgoingQueueBytes(), config.pingInterval(),
                config.idleTimeout(), config.writeTimeout());
    }

    /** Starts the reader thread and the timers. */
    public void start() {
        int id = IDS.incrementAndGet();
        writer.start(id);
        Thread.ofVirtual().name("sifr-ws-reader-" + id).start(this::readLoop);
    }

    /**
     * Listener mode: the timers, and the reader delivering to {@code listener} on its own thread. With
     * {@code park}, whenever everything read has been handled and nothing is buffered, the read buffer is
     * dropped and the stream waits for input without a thread ({@link ByteStream#whenReadable}); a
     * thread exists only while bytes are read and handled. Without, the reader runs here, on the caller's
     * thread, until the connection ends.
     */
    public void startListening(WsListener listener, boolean park) {
        this.listener = listener;
        this.parking = park;
        if (park) {
            start();
        } else {
            writer.start(IDS.incrementAndGet());
            readLoop();
        }
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends a message, or one fragment of one ({@code last} false: more follow with
     * {@link #send} of the same kind).
     *
     * @return false when the connection is closing or closed
     */
    public boolean send(boolean text, byte[] data, int off, int len, boolean last) throws IOException {
        sendLock.lock();
        try {
            int opcode = outgoingFragmentOpcode != 0 ? WsFrames.CONTINUATION : text ? WsFrames.TEXT : WsFrames.BINARY;
            if (outgoingFragmentOpcode != 0 && outgoingFragmentOpcode != (text ? WsFrames.TEXT : WsFrames.BINARY)) {
                throw new IllegalStateException("WebSocket fragments of one message must all be text or all binary");
            }
            boolean rsv1 = false;
            byte[] payload = data;
            int pOff = off;
            int pLen = len;
            if (deflater != null) {
                payload = deflater.compress(data, off, len, last);
                pOff = 0;
                pLen = payload.length;
                rsv1 = opcode != WsFrames.CONTINUATION; // RSV1 marks the first frame only (RFC 7692 §6)
            }
            boolean masked = config.client();
            int maskKey = masked ? maskKeys.next() : 0;
            int headerLen = WsFrames.writeHeader(header, 0, last, rsv1, opcode, pLen, masked, maskKey);
            boolean queued = writer.send(header, headerLen, payload, pOff, pLen, masked, maskKey);
            if (queued) {
                outgoingFragmentOpcode = last ? 0 : (opcode == WsFrames.CONTINUATION ? outgoingFragmentOpcode : opcode);
            }
            return queued;
        } finally {
            sendLock.unlock();
        }
    }

    /** Sends a Ping (payload at most 125 bytes). @return false when closing or closed */
    public boolean ping(byte[] payload) throws IOException {
        if (payload.length > WsFrames.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("WebSocket ping payload exceeds 125 bytes");
        }
        return writer.enqueue(encode(true, false, WsFrames.PING, payload, 0, payload.length));
    }

    /**
     * Starts the closing handshake with {@code code} and {@code reason} (if not started yet) and waits
     * until the connection has ended, at most about twice the close timeout, or the caller's deadline.
     */
    public void close(int code, String reason) throws IOException {
        CloseCodes.body(code, reason); // validates before anything happens: 1005 and 1006 are never sent
        startClose(code, reason, false);
        awaitEnd();
    }

    /** Closes the socket now, without a closing handshake. */
    public void abort() {
        forceClose();
        awaitEndQuietly();
    }

    /** Waits for the end of the connection under the caller's task deadline. */
    public void awaitEnd() throws IOException {
        try {
            var deadline = Task.deadline();
            if (deadline.isEmpty()) {
                terminated.await();
            } else if (!terminated.await(Duration.between(java.time.Instant.now(), deadline.get()).toNanos(),
                    java.util.concurrent.TimeUnit.NANOSECONDS)) {
                throw new TimeoutError("WebSocket close timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("WebSocket close interrupted");
        }
    }

    private void awaitEndQuietly() {
        try {
            terminated.await(config.closeTimeout().toMillis() * 2 + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startClose(int code, String reason, boolean dropData) {
        byte[] body = code == CloseCodes.NO_STATUS ? new byte[0] : CloseCodes.body(code, reason);
        // Claim the final status before the Close can leave: once it is on the wire the peer's echo
        // may arrive (and the reader record it as the peer's) before this thread runs again.
        Ended mine = new Ended(code, reason, false);
        boolean claimed = firstClose.compareAndSet(null, mine);
        if (!writer.queueClose(encode(true, false, WsFrames.CLOSE, body, 0, body.length), dropData) && claimed) {
            firstClose.compareAndSet(mine, null); // nothing was sent: the status is not ours to claim
        }
    }

    private byte[] encode(boolean fin, boolean rsv1, int opcode, byte[] payload, int off, int len) {
        if (!config.client()) {
            return WsFrames.frame(fin, rsv1, opcode, payload, off, len, false, 0);
        }
        return WsFrames.frame(fin, rsv1, opcode, payload, off, len, true, random.nextInt());
    }

    // ---------------------------------------------------------------- receiving

    /**
     * The next message (or fragment), blocking under the caller's task deadline; {@code null} once the
     * connection has ended and every received message was taken.
     */
    public Received receive() throws IOException {
        answerCloseIfDrained();
        inLock.lock();
        try {
            while (incoming.isEmpty() && !readerDone) {
                var deadline = Task.deadline();
                if (deadline.isEmpty()) {
                    inChanged.await();
                } else {
                    long left = Duration.between(java.time.Instant.now(), deadline.get()).toNanos();
                    if (left <= 0) {
                        throw new TimeoutError("WebSocket receive timed out");
                    }
                    inChanged.awaitNanos(left);
                }
            }
            Received r = incoming.pollFirst();
            inChanged.signalAll(); // the reader may wait for room
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("WebSocket receive interrupted");
        } finally {
            inLock.unlock();
        }
    }

    /**
     * The peer closed while messages it sent before were still waiting here: our answering Close goes out
     * once the application comes back for more after taking them all, so its replies to those messages
     * are not cut off (they would be, were the Close answered first: nothing may follow it). Bounded by
     * the close timeout, which runs from the peer's Close.
     */
    private void answerCloseIfDrained() {
        Ended owed = null;
        inLock.lock();
        try {
            if (closeReplyOwed != null && incoming.isEmpty()) {
                owed = closeReplyOwed;
                closeReplyOwed = null;
            }
        } finally {
            inLock.unlock();
        }
        if (owed != null) {
            startClose(owed.code(), owed.reason(), false);
        }
    }

    /** How the connection ended; null while it is open. */
    public Ended ended() {
        return ended;
    }

    /** Whether no Close frame has been sent or received and the connection is up. */
    public boolean isOpen() {
        return ended == null && firstClose.get() == null;
    }

    private void deliver(Received r) {
        inLock.lock();
        try {
            // Tearing down, what is still decoded from the buffer (at most one read's worth) is kept.
            while (incoming.size() >= config.maxQueuedMessages() && !tearingDown) {
                inChanged.awaitUninterruptibly();
            }
            incoming.addLast(r);
            inChanged.signalAll();
        } finally {
            inLock.unlock();
        }
    }

    /**
     * Reads and decodes until the connection ends; in listener mode with parking, returns instead when
     * it parks the stream (nothing buffered), to run again on a new thread when input comes.
     */
    private void readLoop() {
        String endReason = "connection closed without a close frame";
        boolean woken = leftover == null; // then read first: that is what it woke for
        try {
            if (leftover != null) {
                // Small at first (an idle connection holds little), doubled to READ_BUFFER_MAX whenever a read fills it
                buf = new byte[Math.max(READ_BUFFER_MIN, leftover.length)];
                have = leftover.length;
                System.arraycopy(leftover, 0, buf, 0, have);
                leftover = null;
                if (listener != null) {
                    opened();
                }
            } else if (buf == null) {
                buf = new byte[READ_BUFFER_MIN]; // woken from a park
            }
            while (true) {
                if (have > 0) {
                    int used = decoder.decode(buf, 0, have, assembler);
                    System.arraycopy(buf, used, buf, 0, have - used);
                    have -= used;
                }
                if (decoder.sawClose()) {
                    break;
                }
                int room = buf.length - have;
                int n = 0;
                if (have == 0 && parking && !woken && !decoder.inPayload() && !assembler.inMessage()) {
                    Thread.yield(); // between messages: park unless more came meanwhile (the yield lets it, under load)
                    if ((n = stream.readAvailable(ByteBuffer.wrap(buf, 0, room))) == 0 && park()) {
                        return;
                    }
                }
                woken = false;
                n = n != 0 ? n : stream.read(ByteBuffer.wrap(buf, have, room));
                if (n < 0) {
                    break;
                }
                if (n == room && buf.length < READ_BUFFER_MAX) {
                    buf = Arrays.copyOf(buf, Math.min(buf.length * 2, READ_BUFFER_MAX));
                }
                writer.touch();
                have += n;
            }
        } catch (WsProtocolError e) {
            failing = true;
            counters.violation(e.closeCode());
            endReason = e.getMessage();
            startClose(e.closeCode(), CloseCodes.shortReason(e.getMessage()), true);
        } catch (IOException | RuntimeException e) {
            endReason = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        buf = null;
        try {
            afterFrames();
        } finally {
            finish(endReason);
        }
    }

    /** Lets the stream wait for input without a thread or read buffer; not once closing (the drain is the reader's). */
    private boolean park() {
        if (firstClose.get() != null || failing || ended != null) {
            return false;
        }
        byte[] kept = buf;
        buf = null;
        if (stream.whenReadable(this::readLoop)) {
            return true;
        }
        buf = kept;
        return false;
    }

    private void opened() {
        try {
            listener.open();
        } catch (Exception e) {
            listenerFailed(e);
        }
    }

    private void listenerFailed(Exception e) {
        listenerFailed = true;
        try {
            listener.failed(e);
        } finally {
            startClose(CloseCodes.INTERNAL_ERROR, "", false);
        }
    }

    /**
     * After the last frame read: complete the closing handshake as the role requires, bounded by the
     * close timeout. Our Close goes out first; then a server (and any side failing the connection) shuts
     * its write side, so the peer sees the end, and both read and drop until the peer closes TCP. Closing
     * at once instead would make a real TCP stack answer the peer's late bytes with a reset, which can
     * destroy our Close frame before the peer reads it (the "lingering close" nginx does for HTTP).
     */
    private void afterFrames() {
        if (!closeReceived && !failing && firstClose.get() == null) {
            return; // the stream ended or failed: nothing left to do with it
        }
        long timeout = config.closeTimeout().toNanos();
        writer.closeDeadline(timeout);
        try {
            writer.awaitCloseWritten(timeout);
            if (!config.client() || failing) {
                stream.shutdownWrite();
            }
        } catch (IOException | InterruptedException ignored) {
            // the drain below ends either way
        }
        byte[] sink = new byte[8192];
        try {
            while (stream.read(ByteBuffer.wrap(sink)) >= 0) {
                writer.touch();
            }
        } catch (IOException ignored) {
            // closed by the close deadline, or reset by the peer
        }
    }

    private void finish(String endReason) {
        forceClose();
        writer.stop();
        assembler.release();
        if (deflater != null) {
            sendLock.lock();
            try {
                deflater.release();
            } finally {
                sendLock.unlock();
            }
        }
        Ended first = firstClose.get();
        ended = first != null ? first : new Ended(CloseCodes.ABNORMAL, endReason, false);
        inLock.lock();
        try {
            readerDone = true;
            inChanged.signalAll();
        } finally {
            inLock.unlock();
        }
        terminated.countDown();
        if (listener != null) {
            listener.ended();
        }
    }

    private void forceClose() {
        inLock.lock();
        try {
            tearingDown = true;
            inChanged.signalAll();
        } finally {
            inLock.unlock();
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing to end the connection; nothing to report
        }
    }

    /** The assembler's events, on the reader thread. */
    private final class Events implements MessageAssembler.Events {
        @Override
        public void message(boolean text, byte[] data, boolean last) {
            if (listener == null) {
                deliver(new Received(text, data, last));
            } else if (!listenerFailed) {
                try {
                    listener.message(text, data, last);
                } catch (Exception e) {
                    listenerFailed(e);
                }
            }
        }

        @Override
        public void ping(byte[] payload) {
            writer.queuePong(encode(true, false, WsFrames.PONG, payload, 0, payload.length));
        }

        @Override
        public void pong(byte[] payload) {
            // any frame already counts as activity for the idle timeout; nothing else to do
        }

        @Override
        public void close(int code, String reason) {
            closeReceived = true;
            firstClose.compareAndSet(null, new Ended(code, reason, true));
            // Echo the code (an empty Close is answered with an empty one), RFC 6455 §5.5.1: now if every
            // message before it was taken, else when the application has taken them (answerCloseIfDrained).
            boolean now;
            inLock.lock();
            try {
                now = incoming.isEmpty();
                if (!now) {
                    closeReplyOwed = new Ended(code, reason, true);
                }
            } finally {
                inLock.unlock();
            }
            if (now) {
                startClose(code, reason, false);
            }
        }
    }

    /** The writer's callbacks. */
    private final class Hooks implements WsWriter.Hooks {
        @Override
        public void idleExpired() {
            counters.idleTimeout();
            startClose(CloseCodes.GOING_AWAY, "idle timeout", false);
        }

        @Override
        public void closeWritten() {
            writer.closeDeadline(config.closeTimeout().toNanos()); // the peer has this long to finish
        }

        @Override
        public void closeDeadlinePassed() {
            if (ended == null) {
                counters.closeTimeout();
            }
            forceClose();
        }

        @Override
        public void writeFailed(IOException e) {
            forceClose();
        }

        @Override
        public void sendingQuiet() {
            // Our compressor may start afresh at any message: context takeover lets us refer back to
            // earlier messages but does not oblige us to, and the peer's window stays valid for a new
            // stream of blocks after our last sync flush. So a quiet connection frees its zlib state
            // (about 256 KiB of native memory each at java.util.zip's settings). A sender holding the
            // lock is sending, not quiet: leave it.
            if (deflater != null && sendLock.tryLock()) {
                try {
                    deflater.release();
                } finally {
                    sendLock.unlock();
                }
            }
        }

        @Override
        public byte[] keepAlivePing() {
            return encode(true, false, WsFrames.PING, new byte[0], 0, 0);
        }
    }
}
