package sifr.websocket.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sifr.net.ByteStream;
import sifr.task.Task;
import sifr.task.TimeoutError;

/**
 * The one writer path of a connection: a bounded queue of encoded frames drained by one virtual thread,
 * which is also the connection's timer (keep-alive pings, the idle timeout, the close deadline).
 *
 * <p>Queue: data frames (and user pings) in order, bounded by {@code maxQueuedBytes}: {@link #send}
 * blocks while it is full, so a fast sender is held to the pace of the socket. Control frames the
 * connection owes the peer take slots of their own, ahead of queued data, and never block the reader:
 * up to {@link #MAX_PENDING_PONGS} Pongs (beyond that the oldest unsent one is dropped: RFC 6455 §5.5.3
 * lets an endpoint answer only the latest Ping, so a Ping flood costs bounded memory) and one Close,
 * after which no data is accepted. A frame larger than the bound is admitted when the queue is empty.
 *
 * <p>Lock: {@link #lock} guards every field below it; no I/O happens under it. One thread writes at a
 * time ({@code busy}): the writer thread, or a sender whose frame finds nothing queued and nobody
 * writing — it then writes the frame itself, sparing the hand-off to the writer thread (the common
 * case of request/response traffic), encoding (and, on a client, masking) the frame straight into the
 * connection's write buffer. Every write is bounded by the write timeout: the writer thread's own by a
 * task deadline; a sender's by the writer thread's timer, which looks every quarter of the timeout and
 * closes the stream under a write that has taken longer (a timer per write — the shared deadline
 * timer's lock, heap insertion and removal — would cost more than the small frames themselves).
 *
 * <p>Memory: the write buffer is allocated on the first write, as large as the frames need, at most
 * {@value #BATCH_BYTES} bytes, and freed by the timer once nothing was written for
 * {@link #QUIET_RELEASE_NANOS} (then the connection is told, {@link Hooks#sendingQuiet}, to free its
 * compressor too); a connection that is not sending holds none.
 */
final class WsWriter {
    /** What the writer reports to its connection. */
    interface Hooks {
        /** Nothing was received for the idle timeout. Called on the writer thread, without the lock. */
        void idleExpired();

        /** The Close frame was written. */
        void closeWritten();

        /** The close deadline passed: the connection must end now. */
        void closeDeadlinePassed();

        /** A write failed (the peer went away, or the write timeout passed). */
        void writeFailed(IOException e);

        /** A keep-alive Ping is due; returns its frame. */
        byte[] keepAlivePing();

        /**
         * Nothing was sent for {@link #QUIET_RELEASE_NANOS}: the connection may free what it keeps for
         * sending (the compressor). Called on the writer thread, without the lock; must not block.
         */
        void sendingQuiet();
    }

    /** How long without a write before the write buffer (and, through the hook, the compressor) is freed. */
    static final long QUIET_RELEASE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** The write buffer's largest size: a 64 KiB payload and the largest header go out in one write. */
    private static final int BATCH_BYTES = 64 * 1024 + WsFrames.MAX_HEADER_LENGTH;
    private static final int MIN_BATCH_BYTES = 512;
    /** Pongs owed at once; each is at most 131 bytes. */
    static final int MAX_PENDING_PONGS = 16;

    private final ByteStream stream;
    private final Hooks hooks;
    private final long maxQueuedBytes;
    private final long pingIntervalNanos;
    private final long idleTimeoutNanos;
    private final Duration writeTimeout;
    private final long writeTimeoutNanos;
    private byte[] batch; // the write buffer: lazily allocated, used only by the thread holding busy
    private volatile long lastReadNanos = System.nanoTime();
    // System.nanoTime() when a sender's own (direct) write began, 0 when none is under way: the writer's
    // timer cuts off one that takes longer than the write timeout
    private volatile long directWriteSince;
    private volatile boolean directWriteTimedOut;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition work = lock.newCondition();
    private final Condition closeDone = lock.newCondition();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private final ArrayDeque<byte[]> pongs = new ArrayDeque<>();
    private byte[] close;
    private boolean closeQueued;
    private boolean closeWritten;
    private long closeDeadline; // 0: none
    private long lastPingNanos = System.nanoTime();
    private long lastWriteNanos = System.nanoTime(); // when the last write ended
    private boolean quietReleased = true; // nothing kept for sending since the last quiet release
    private boolean stopped;
    private boolean busy; // a thread (the writer, or a sender writing directly) is writing to the socket

    WsWriter(ByteStream stream, Hooks hooks, long maxQueuedBytes, Duration pingInterval, Duration idleTimeout,
             Duration writeTimeout) {
        this.stream = stream;
        this.hooks = hooks;
        this.maxQueuedBytes = maxQueuedBytes;
        this.pingIntervalNanos = pingInterval.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.writeTimeout = writeTimeout;
        this.writeTimeoutNanos = writeTimeout.toNanos();
    }

    void start(String name) {
        Thread.ofVirtual().name(name).start(this::run);
    }

    /** The reader received bytes: the idle clock starts over. */
    void touch() {
        lastReadNanos = System.nanoTime();
    }

    /**
     * Queues an encoded frame (a user Ping), blocking while the queue is full (bounded by the caller's
     * task deadline); written on this thread when nothing is queued and nobody is writing.
     *
     * @return false when the connection is closing or closed (nothing was queued)
     */
    boolean enqueue(byte[] frame) throws IOException {
        return send(null, 0, frame, 0, frame.length, false, 0);
    }

    /**
     * Sends one data frame: {@code header[0, headerLen)} (from {@link WsFrames#writeHeader}, masking key included) and
     * {@code payload[off, off+len)}, masked with {@code maskKey} when {@code masked}. When nothing is queued
     * and nobody is writing, the frame is encoded straight into this connection's write buffer and written
     * on the calling thread (no copy of the frame, no hand-off); otherwise a copy joins the queue, blocking
     * while the queue is full (bounded by the caller's task deadline). The caller may reuse
     * {@code payload} once this returns. {@code headerLen} 0: {@code payload} is a whole encoded frame.
     * {@code header} is read before this returns and not kept.
     *
     * @return false when the connection is closing or closed (nothing was sent)
     */
    boolean send(byte[] header, int headerLen, byte[] payload, int off, int len, boolean masked, int maskKey)
            throws IOException {
        long frameLen = (long) headerLen + len;
        lock.lock();
        try {
            while (!closeQueued && !stopped && !queue.isEmpty() && queuedBytes + frameLen > maxQueuedBytes) {
                awaitWithinDeadline(notFull, "WebSocket send");
            }
            if (closeQueued || stopped) {
                return false;
            }
            if (busy || !queue.isEmpty() || !pongs.isEmpty()) {
                byte[] frame = encoded(header, headerLen, payload, off, len, masked, maskKey); // a copy: no I/O under the lock
                queue.addLast(frame);
                queuedBytes += frame.length;
                work.signal();
                return true;
            }
            busy = true; // nothing queued and nobody writing: write it on this thread, no hand-off
        } finally {
            lock.unlock();
        }
        directWriteSince = nanoTimeNonZero();
        try {
            writeDirect(header, headerLen, payload, off, len, masked, maskKey);
        } catch (IOException | RuntimeException e) {
            IOException failure = directWriteTimedOut
                    ? new TimeoutError("WebSocket write timed out") : e instanceof IOException io ? io
                    : new IOException("WebSocket write failed", e);
            hooks.writeFailed(failure);
            throw failure;
        } finally {
            directWriteSince = 0;
            lock.lock();
            try {
                busy = false;
                lastWriteNanos = System.nanoTime();
                quietReleased = false;
                if (!pongs.isEmpty() || !queue.isEmpty() || close != null && !closeWritten) {
                    work.signal(); // frames queued meanwhile (a Pong, the Close) are the writer's
                }
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    /** A frame as one new array (for the queue): header, then the payload, masked when {@code masked}. */
    private static byte[] encoded(byte[] header, int h, byte[] payload, int off, int len, boolean masked,
                                  int maskKey) {
        byte[] frame = new byte[h + len];
        if (h > 0) {
            System.arraycopy(header, 0, frame, 0, h);
        }
        if (masked) {
            WsFrames.maskCopy(payload, off, frame, h, len, maskKey, 0);
        } else {
            System.arraycopy(payload, off, frame, h, len);
        }
        return frame;
    }

    /**
     * Writes a frame through the write buffer, flushed, on the calling thread (which holds {@code busy}).
     * A frame that fits goes out in one write; a larger one in buffer-sized pieces (a masked payload must
     * be copied to be masked), an unmasked payload's remainder straight from the caller's array. Bounded
     * by the write timeout, which the writer thread's timer enforces ({@link #timers}): no timer per write.
     */
    private void writeDirect(byte[] header, int h, byte[] payload, int off, int len, boolean masked, int maskKey)
            throws IOException {
        byte[] buf = batch(h + len);
        if (h > 0) {
            System.arraycopy(header, 0, buf, 0, h);
        }
        int filled = h;
        int done = 0;
        int keyPos = 0;
        while (done < len) {
            if (!masked && filled == 0 && len - done > buf.length) {
                stream.writeAll(ByteBuffer.wrap(payload, off + done, len - done)); // no copy of what does not fit
                done = len;
                break;
            }
            int n = Math.min(len - done, buf.length - filled);
            if (masked) {
                keyPos = WsFrames.maskCopy(payload, off + done, buf, filled, n, maskKey, keyPos);
            } else {
                System.arraycopy(payload, off + done, buf, filled, n);
            }
            filled += n;
            done += n;
            if (done < len) {
                stream.writeAll(ByteBuffer.wrap(buf, 0, filled));
                filled = 0;
            }
        }
        if (filled > 0) {
            stream.writeAll(ByteBuffer.wrap(buf, 0, filled));
        }
        stream.flush();
    }

    /**
     * The write buffer, at least {@code min} bytes up to {@link #BATCH_BYTES}: allocated on first use and
     * grown by powers of two, so a connection that sends only small frames keeps a small buffer and one
     * that never sends none. Used only by the thread holding {@code busy}.
     */
    private byte[] batch(int min) {
        int want = Math.min(Math.max(min, MIN_BATCH_BYTES), BATCH_BYTES);
        if (batch == null || batch.length < want) {
            batch = new byte[Math.min(Integer.highestOneBit(want - 1) << 1, BATCH_BYTES)];
        }
        return batch;
    }

    private static long nanoTimeNonZero() {
        long now = System.nanoTime();
        return now == 0 ? 1 : now;
    }

    /** Queues the answer to a Ping (dropping the oldest unsent one past the bound); none once closing. */
    void queuePong(byte[] frame) {
        lock.lock();
        try {
            if (!closeQueued && !stopped) {
                if (pongs.size() == MAX_PENDING_PONGS) {
                    pongs.pollFirst();
                }
                pongs.addLast(frame);
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues the Close frame, after the data already queued unless {@code dropData} (failing the
     * connection: nothing more is owed to the peer).
     *
     * @return false when a Close frame was already queued
     */
    boolean queueClose(byte[] frame, boolean dropData) {
        lock.lock();
        try {
            if (closeQueued || stopped) {
                return false;
            }
            closeQueued = true;
            close = frame;
            if (dropData) {
                queue.clear();
                queuedBytes = 0;
                pongs.clear();
            }
            notFull.signalAll(); // blocked senders see closeQueued and give up
            work.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the connection at {@code nanosFromNow} from now unless it ends before (the timer fires the hook). */
    void closeDeadline(long nanosFromNow) {
        lock.lock();
        try {
            long at = System.nanoTime() + nanosFromNow;
            if (closeDeadline == 0 || at - closeDeadline < 0) {
                closeDeadline = at == 0 ? 1 : at;
            }
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the Close frame is written or the writer stopped, at most {@code nanos}. */
    void awaitCloseWritten(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (!closeWritten && !stopped && left > 0) {
                left = closeDone.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the writer thread; queued frames are dropped and blocked senders fail. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            queue.clear();
            queuedBytes = 0;
            notFull.signalAll();
            closeDone.signalAll();
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        List<byte[]> frames = new ArrayList<>();
        try {
            while (true) {
                boolean writesClose = false;
                lock.lock();
                try {
                    while (!stopped && (busy || pongs.isEmpty() && queue.isEmpty() && (close == null || closeWritten))) {
                        long wait = timers();
                        if (!busy && (!pongs.isEmpty() || !queue.isEmpty()) || stopped) {
                            break;
                        }
                        if (wait == Long.MAX_VALUE) {
                            work.await();
                        } else if (wait > 0) {
                            work.awaitNanos(wait);
                        }
                    }
                    if (stopped) {
                        return;
                    }
                    frames.addAll(pongs);
                    pongs.clear();
                    while (!queue.isEmpty()) {
                        byte[] f = queue.pollFirst();
                        queuedBytes -= f.length;
                        frames.add(f);
                    }
                    if (close != null && !closeWritten) {
                        frames.add(close);
                        writesClose = true;
                    }
                    busy = true;
                    notFull.signalAll();
                } finally {
                    lock.unlock();
                }
                try {
                    write(frames);
                } finally {
                    frames.clear();
                    lock.lock();
                    try {
                        busy = false;
                        lastWriteNanos = System.nanoTime();
                        quietReleased = false;
                    } finally {
                        lock.unlock();
                    }
                }
                if (writesClose) {
                    lock.lock();
                    try {
                        closeWritten = true;
                        closeDone.signalAll();
                    } finally {
                        lock.unlock();
                    }
                    hooks.closeWritten();
                }
            }
        } catch (InterruptedException e) {
            hooks.writeFailed(new java.io.InterruptedIOException("WebSocket writer interrupted"));
        } catch (IOException e) {
            hooks.writeFailed(e);
        } catch (Exception e) {
            hooks.writeFailed(new IOException("WebSocket write failed", e));
        }
    }

    /**
     * Under the lock: fires what is due (releasing the lock around hooks) and returns how long to wait
     * for the next deadline, {@link Long#MAX_VALUE} for none.
     */
    private long timers() {
        long now = System.nanoTime();
        if (closeDeadline != 0 && now - closeDeadline >= 0) {
            closeDeadline = 0;
            lock.unlock();
            try {
                hooks.closeDeadlinePassed();
            } finally {
                lock.lock();
            }
            return 0;
        }
        long since = directWriteSince;
        if (since != 0 && !directWriteTimedOut && now - since >= writeTimeoutNanos) {
            directWriteTimedOut = true; // the sender's write fails once the stream is closed under it
            lock.unlock();
            try {
                hooks.writeFailed(new TimeoutError("WebSocket write timed out"));
            } finally {
                lock.lock();
            }
            return 0;
        }
        long wait = closeDeadline != 0 ? closeDeadline - now : Long.MAX_VALUE;
        // A sender's own write may begin at any time without waking this thread (that would cost a
        // hand-off per frame), so the timer looks every quarter of the write timeout: a write blocked past
        // the timeout is cut off at most a quarter of it late.
        wait = Math.min(wait, Math.max(writeTimeoutNanos / 4, TimeUnit.MILLISECONDS.toNanos(1)));
        if (!quietReleased && !busy) {
            long quiet = now - lastWriteNanos;
            if (quiet >= QUIET_RELEASE_NANOS) {
                // A quiet connection keeps nothing for sending: an idle one should cost its threads and
                // the read buffer only. The next send allocates again (small frames: a small buffer).
                quietReleased = true;
                batch = null;
                lock.unlock();
                try {
                    hooks.sendingQuiet();
                } finally {
                    lock.lock();
                }
                return 0;
            }
            wait = Math.min(wait, QUIET_RELEASE_NANOS - quiet);
        }
        if (closeQueued) {
            return wait; // closing: no keep-alive, the close deadline rules
        }
        long sinceRead = now - lastReadNanos;
        if (sinceRead >= idleTimeoutNanos) {
            lock.unlock();
            try {
                hooks.idleExpired();
            } finally {
                lock.lock();
            }
            return 0;
        }
        wait = Math.min(wait, idleTimeoutNanos - sinceRead);
        if (pingIntervalNanos > 0) {
            long quietFor = Math.min(sinceRead, now - lastPingNanos);
            if (quietFor >= pingIntervalNanos) {
                lastPingNanos = now;
                queue.addLast(hooks.keepAlivePing()); // tiny: exempt from the byte bound
                return 0;
            }
            wait = Math.min(wait, pingIntervalNanos - quietFor);
        }
        return Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1));
    }

    /**
     * Writes frames on the writer thread, small ones gathered into the write buffer so a burst costs one
     * write; then flushes. Bounded by the write timeout as a task deadline (nobody else watches this thread).
     */
    private void write(List<byte[]> frames) throws Exception {
        long small = 0;
        for (byte[] f : frames) {
            small += f.length <= BATCH_BYTES / 2 ? f.length : 0;
        }
        byte[] batch = batch((int) Math.min(small, BATCH_BYTES));
        Task.timeout(writeTimeout, () -> {
            int filled = 0;
            for (byte[] f : frames) {
                if (f.length > BATCH_BYTES / 2) {
                    if (filled > 0) {
                        stream.writeAll(ByteBuffer.wrap(batch, 0, filled));
                        filled = 0;
                    }
                    stream.writeAll(ByteBuffer.wrap(f));
                    continue;
                }
                if (filled + f.length > BATCH_BYTES) {
                    stream.writeAll(ByteBuffer.wrap(batch, 0, filled));
                    filled = 0;
                }
                System.arraycopy(f, 0, batch, filled, f.length);
                filled += f.length;
            }
            if (filled > 0) {
                stream.writeAll(ByteBuffer.wrap(batch, 0, filled));
            }
            stream.flush();
            return null;
        });
    }

    private static void awaitWithinDeadline(Condition c, String what) throws IOException {
        try {
            var deadline = Task.deadline();
            if (deadline.isEmpty()) {
                c.await();
                return;
            }
            long left = Duration.between(java.time.Instant.now(), deadline.get()).toNanos();
            if (left <= 0) {
                throw new sifr.task.TimeoutError(what + " timed out");
            }
            c.awaitNanos(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(what + " interrupted");
        }
    }
}
