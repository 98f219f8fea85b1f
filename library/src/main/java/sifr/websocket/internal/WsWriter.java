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

/**
 * The one writer path of a connection: a bounded queue of encoded frames drained by one virtual thread,
 * which is also the connection's timer (keep-alive pings, the idle timeout, the close deadline).
 *
 * <p>Queue: data frames (and user pings) in order, bounded by {@code maxQueuedBytes}: {@link #enqueue}
 * blocks while it is full, so a fast sender is held to the pace of the socket. Control frames the
 * connection owes the peer take slots of their own, ahead of queued data, and never block the reader:
 * up to {@link #MAX_PENDING_PONGS} Pongs (beyond that the oldest unsent one is dropped: RFC 6455 §5.5.3
 * lets an endpoint answer only the latest Ping, so a Ping flood costs bounded memory) and one Close,
 * after which no data is accepted. A frame larger than the bound is admitted when the queue is empty.
 *
 * <p>Lock: {@link #lock} guards every field below it; no I/O happens under it. One thread writes at a
 * time ({@code busy}): the writer thread, or a sender whose frame finds nothing queued and nobody
 * writing — it then writes the frame itself, sparing the hand-off to the writer thread (the common
 * case of request/response traffic). Every write is bounded by the write timeout (the task deadline).
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
    }

    private static final int BATCH_BYTES = 64 * 1024;
    /** Pongs owed at once; each is at most 131 bytes. */
    static final int MAX_PENDING_PONGS = 16;

    private final ByteStream stream;
    private final Hooks hooks;
    private final long maxQueuedBytes;
    private final long pingIntervalNanos;
    private final long idleTimeoutNanos;
    private final Duration writeTimeout;
    private final byte[] batch = new byte[BATCH_BYTES];
    private volatile long lastReadNanos = System.nanoTime();

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
    }

    void start(String name) {
        Thread.ofVirtual().name(name).start(this::run);
    }

    /** The reader received bytes: the idle clock starts over. */
    void touch() {
        lastReadNanos = System.nanoTime();
    }

    /**
     * Queues a data frame, blocking while the queue is full (bounded by the caller's task deadline).
     *
     * @return false when the connection is closing or closed (nothing was queued)
     */
    boolean enqueue(byte[] frame) throws IOException {
        lock.lock();
        try {
            while (!closeQueued && !stopped && !queue.isEmpty() && queuedBytes + frame.length > maxQueuedBytes) {
                awaitWithinDeadline(notFull, "WebSocket send");
            }
            if (closeQueued || stopped) {
                return false;
            }
            if (busy || !queue.isEmpty() || !pongs.isEmpty()) {
                queue.addLast(frame);
                queuedBytes += frame.length;
                work.signal();
                return true;
            }
            busy = true; // nothing queued and nobody writing: write it on this thread, no hand-off
        } finally {
            lock.unlock();
        }
        try {
            writeTimed(frame);
        } catch (IOException | RuntimeException e) {
            hooks.writeFailed(e instanceof IOException io ? io : new IOException("WebSocket write failed", e));
            throw e;
        } catch (Exception e) {
            IOException io = new IOException("WebSocket write failed", e);
            hooks.writeFailed(io);
            throw io;
        } finally {
            lock.lock();
            try {
                busy = false;
                work.signal(); // frames queued meanwhile (a Pong, the Close) are the writer's
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    /** One frame written and flushed on the calling thread, bounded by the write timeout. */
    private void writeTimed(byte[] frame) throws Exception {
        Task.timeout(writeTimeout, () -> {
            stream.writeAll(ByteBuffer.wrap(frame));
            stream.flush();
            return null;
        });
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
        long wait = closeDeadline != 0 ? closeDeadline - now : Long.MAX_VALUE;
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

    /** Writes frames, small ones gathered into one buffer so a burst costs one write; then flushes. */
    private void write(List<byte[]> frames) throws Exception {
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
