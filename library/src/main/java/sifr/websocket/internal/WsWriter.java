package sifr.websocket.internal;

import java.io.IOException;
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
import sifr.task.internal.Alarm;

/**
 * The one writer path of a connection: a bounded queue of encoded frames drained by a virtual thread
 * that exists only while there is something to do, and the connection's timers (keep-alive pings, the
 * idle timeout, the close deadline, the write timeout of a sender's own write, the quiet release) on
 * one {@link Alarm} of the library's shared deadline timer. An idle connection has no writer thread.
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
 * task deadline; a sender's by the alarm, which closes the stream under a write that has taken longer.
 * The alarm is moved for a sender's write only when it would ring after that write's timeout: with the
 * defaults (keep-alive every 30 s, write timeout 60 s) it is always set earlier, so a direct write costs
 * no timer operation (a timer per write would cost more than the small frames themselves).
 *
 * <p>Writer thread ({@code running}): started when a frame is queued for it (a sender found the queue
 * busy, a Pong, the Close, a keep-alive Ping) or when the alarm rings; it fires the timers that are due,
 * writes what is queued, and when nothing is left sets the alarm to the next deadline and ends. A
 * sender writing directly does not wait for it: the writer ends, and the sender, when its write is done,
 * starts it again if frames were queued meanwhile. Thread starts are rare: a burst of frames is written
 * by one thread, and quiet request/response traffic is written by the senders.
 *
 * <p>Memory: the write buffer is allocated on the first write, as large as the frames need, at most
 * {@value WsOutput#BATCH_BYTES} bytes, and freed by the timer once nothing was written for
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

    /** Pongs owed at once; each is at most 131 bytes. */
    static final int MAX_PENDING_PONGS = 16;

    private final ByteStream stream;
    private final Hooks hooks;
    private final long maxQueuedBytes;
    private final long pingIntervalNanos;
    private final long idleTimeoutNanos;
    private final Duration writeTimeout;
    private final long writeTimeoutNanos;
    private final Alarm alarm = new Alarm() {
        @Override
        protected void ring() {
            rang();
        }
    };
    private int id; // names the writer thread
    private final WsOutput out; // the write buffer and the socket writes: used only by the thread holding busy
    private volatile long lastReadNanos = System.nanoTime();
    // System.nanoTime() when a sender's own (direct) write began, 0 when none is under way: the writer's
    // timer cuts off one that takes longer than the write timeout
    private volatile long directWriteSince;
    private volatile boolean directWriteTimedOut;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition closeDone = lock.newCondition();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>(0); // sized 0 like pongs: most connections never queue
    private long queuedBytes;
    private final ArrayDeque<byte[]> pongs = new ArrayDeque<>(0);
    private byte[] close;
    private boolean closeQueued;
    private boolean closeWritten;
    private long closeDeadline; // 0: none
    private long lastPingNanos = System.nanoTime();
    private long lastWriteNanos = System.nanoTime(); // when the last write ended
    private boolean quietReleased = true; // nothing kept for sending since the last quiet release
    private boolean stopped;
    private boolean busy; // a thread (the writer, or a sender writing directly) is writing to the socket
    private boolean running; // a writer thread exists (started and not yet past its last look at the work)
    private long alarmAt; // the deadline the alarm is set for; 0: not set (or it rang)

    WsWriter(ByteStream stream, Hooks hooks, long maxQueuedBytes, Duration pingInterval, Duration idleTimeout,
             Duration writeTimeout) {
        this.stream = stream;
        this.hooks = hooks;
        this.maxQueuedBytes = maxQueuedBytes;
        this.pingIntervalNanos = pingInterval.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.writeTimeout = writeTimeout;
        this.writeTimeoutNanos = writeTimeout.toNanos();
        this.out = new WsOutput(stream);
    }

    /** Starts the timers (nothing is due yet); {@code id} names the writer thread whenever it runs. */
    void start(int id) {
        lock.lock();
        try {
            this.id = id;
            long first = pingIntervalNanos > 0 ? Math.min(idleTimeoutNanos, pingIntervalNanos) : idleTimeoutNanos;
            alarmBy(lastReadNanos + first);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: makes sure a writer thread will look at the work and the timers. */
    private void wake() {
        if (!running && !stopped) {
            running = true;
            Thread.ofVirtual().name("sifr-ws-writer-" + id).start(this::run);
        }
    }

    /** The alarm rang (on the shared timer's thread: must not block): the writer thread does the rest. */
    private void rang() {
        lock.lock();
        try {
            alarmAt = 0;
            wake();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock, no writer thread running: makes sure the alarm rings by {@code at}. */
    private void alarmBy(long at) {
        if (!running && !stopped && (alarmAt == 0 || alarmAt - at > 0)) {
            alarmAt = at == 0 ? 1 : at;
            alarm.set(at);
        }
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
                byte[] frame = WsOutput.encoded(header, headerLen, payload, off, len, masked, maskKey); // a copy: no I/O under the lock
                queue.addLast(frame);
                queuedBytes += frame.length;
                wake();
                return true;
            }
            busy = true; // nothing queued and nobody writing: write it on this thread, no hand-off
            long since = nanoTimeNonZero();
            directWriteSince = since; // under the lock: a writer thread looking at the timers sees it
            alarmBy(since + writeTimeoutNanos);
        } finally {
            lock.unlock();
        }
        try {
            out.writeFrame(header, headerLen, payload, off, len, masked, maskKey);
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
                    wake(); // frames queued meanwhile (a Pong, the Close) are the writer's
                } else {
                    alarmBy(lastWriteNanos + QUIET_RELEASE_NANOS);
                }
            } finally {
                lock.unlock();
            }
        }
        return true;
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
                wake();
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
            wake();
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
            wake();
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

    /** Stops the writer thread and the timers; queued frames are dropped and blocked senders fail. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            queue.clear();
            queuedBytes = 0;
            alarm.cancel();
            alarmAt = 0;
            notFull.signalAll();
            closeDone.signalAll();
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
                    long wait;
                    do {
                        wait = stopped ? Long.MAX_VALUE : timers();
                    } while (wait < 0);
                    if (stopped || busy || pongs.isEmpty() && queue.isEmpty() && (close == null || closeWritten)) {
                        // Nothing to write, or a sender is writing (it starts a writer again when it is
                        // done if frames were queued meanwhile): this thread ends; the alarm brings the
                        // next one at the next deadline.
                        running = false;
                        if (wait != Long.MAX_VALUE && !stopped) {
                            alarmBy(System.nanoTime() + wait);
                        }
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
                    out.writeFrames(frames, writeTimeout);
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
            writerFailed(new java.io.InterruptedIOException("WebSocket writer interrupted"));
        } catch (IOException e) {
            writerFailed(e);
        } catch (Exception e) {
            writerFailed(new IOException("WebSocket write failed", e));
        }
    }

    /** The writer thread's write failed: it ends (no other was started while it ran) and says so. */
    private void writerFailed(IOException e) {
        lock.lock();
        try {
            running = false;
        } finally {
            lock.unlock();
        }
        hooks.writeFailed(e);
    }

    /**
     * Under the lock, on the writer thread: fires the first timer that is due (releasing the lock around
     * its hook) and returns -1, or returns how long until the next deadline, {@link Long#MAX_VALUE} for none.
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
            return -1;
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
            return -1;
        }
        long wait = closeDeadline != 0 ? closeDeadline - now : Long.MAX_VALUE;
        if (since != 0 && !directWriteTimedOut) {
            wait = Math.min(wait, since + writeTimeoutNanos - now); // a sender's write under way
        }
        if (!quietReleased && !busy) {
            long quiet = now - lastWriteNanos;
            if (quiet >= QUIET_RELEASE_NANOS) {
                // A quiet connection keeps nothing for sending: an idle one should cost its threads and
                // the read buffer only. The next send allocates again (small frames: a small buffer).
                quietReleased = true;
                out.release();
                lock.unlock();
                try {
                    hooks.sendingQuiet();
                } finally {
                    lock.lock();
                }
                return -1;
            }
            wait = Math.min(wait, QUIET_RELEASE_NANOS - quiet);
        }
        if (closeQueued) {
            return Math.max(wait, 1); // closing: no keep-alive, the close deadline rules
        }
        long sinceRead = now - lastReadNanos;
        if (sinceRead >= idleTimeoutNanos) {
            lock.unlock();
            try {
                hooks.idleExpired();
            } finally {
                lock.lock();
            }
            return -1;
        }
        wait = Math.min(wait, idleTimeoutNanos - sinceRead);
        if (pingIntervalNanos > 0) {
            long quietFor = Math.min(sinceRead, now - lastPingNanos);
            if (quietFor >= pingIntervalNanos) {
                lastPingNanos = now;
                queue.addLast(hooks.keepAlivePing()); // tiny: exempt from the byte bound
                return -1;
            }
            wait = Math.min(wait, pingIntervalNanos - quietFor);
        }
        return Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1));
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
