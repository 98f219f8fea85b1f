package sifr.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sifr.net.ByteStream;
import sifr.net.NetError;
import sifr.net.SocketAddr;

/**
 * A connected pair of in-memory {@link ByteStream}s for tests of the layers above TCP (TLS, HTTP):
 * what one side writes, the other reads, through a bounded buffer per direction.
 *
 * <p>Semantics follow a TCP connection:
 * <ul>
 *   <li>{@code read} blocks until at least one byte arrives; after the peer's {@code shutdownWrite()}
 *       or {@code close()} and once the buffered bytes are drained it reports end of stream
 *       (-1, or an empty array);</li>
 *   <li>{@code write}/{@code writeAll} block while the direction's buffer is full (backpressure: a peer
 *       that does not read stalls the writer with bounded memory);</li>
 *   <li>after {@code shutdownWrite()} a write fails with a {@link NetError} containing {@code shut};</li>
 *   <li>after the peer closed, a write fails with {@code connection reset by peer} and the bytes are
 *       dropped; a writer blocked on a full buffer wakes and fails the same way;</li>
 *   <li>{@code close()} is idempotent, wakes this side's blocked reader and writer (they fail with
 *       {@code stream is closed}), and every later operation fails the same way;</li>
 *   <li>an interrupted blocked reader or writer fails with {@link InterruptedIOException} and keeps
 *       its interrupt flag.</li>
 * </ul>
 * One reader and one writer may use a stream at once, like every {@code ByteStream}.
 */
public final class MemoryByteStreams {

    /** Default buffer size per direction: small enough that backpressure shows up in tests. */
    public static final int DEFAULT_CAPACITY = 64 * 1024;

    private static final AtomicInteger NEXT_PORT = new AtomicInteger(20_000);

    private MemoryByteStreams() {
    }

    /** The two ends of one in-memory connection. */
    public record Pair(ByteStream client, ByteStream server) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                client.close();
            } finally {
                server.close();
            }
        }
    }

    /** A connected pair with {@link #DEFAULT_CAPACITY} bytes of buffer in each direction. */
    public static Pair pair() {
        return pair(DEFAULT_CAPACITY);
    }

    /** A connected pair with {@code capacity} bytes of buffer in each direction. */
    public static Pair pair(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        Pipe toServer = new Pipe(capacity);
        Pipe toClient = new Pipe(capacity);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        SocketAddr clientAddr = new SocketAddr(loopback, nextPort());
        SocketAddr serverAddr = new SocketAddr(loopback, nextPort());
        End client = new End(toClient, toServer, clientAddr, serverAddr);
        End server = new End(toServer, toClient, serverAddr, clientAddr);
        return new Pair(client, server);
    }

    private static int nextPort() {
        return 20_000 + Math.floorMod(NEXT_PORT.getAndIncrement() - 20_000, 40_000);
    }

    /** One direction: a bounded ring buffer, its lock and its two conditions. */
    private static final class Pipe {
        /** Guards every field below; never held while blocking on anything but its own conditions. */
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition readable = lock.newCondition();
        private final Condition writable = lock.newCondition();
        private final byte[] ring;
        private int head;
        private int size;
        /** The writing end shut down or closed: the reader sees end of stream after the buffer. */
        private boolean writerDone;
        /** The reading end closed: writes fail, buffered bytes are dropped. */
        private boolean readerClosed;
        /** Set by the reading end's close(): wakes and fails its own blocked read. */
        private boolean readerAborted;
        /** Set by the writing end's close(): wakes and fails its own blocked write. */
        private boolean writerAborted;

        Pipe(int capacity) {
            this.ring = new byte[capacity];
        }

        /** Blocks until bytes, end of stream or abort; returns bytes copied or -1. */
        int read(ByteBuffer dst) throws IOException {
            lock.lock();
            try {
                while (size == 0) {
                    if (readerAborted) {
                        throw new NetError("stream is closed");
                    }
                    if (writerDone) {
                        return -1;
                    }
                    awaitOrInterrupted(readable);
                }
                if (readerAborted) {
                    throw new NetError("stream is closed");
                }
                int n = Math.min(size, dst.remaining());
                int first = Math.min(n, ring.length - head);
                dst.put(ring, head, first);
                if (n > first) {
                    dst.put(ring, 0, n - first);
                }
                head = (head + n) % ring.length;
                size -= n;
                writable.signalAll();
                return n;
            } finally {
                lock.unlock();
            }
        }

        /** Blocks until some space, then copies as much of {@code src} as fits; returns the count. */
        int write(ByteBuffer src) throws IOException {
            lock.lock();
            try {
                while (true) {
                    if (writerAborted) {
                        throw new NetError("stream is closed");
                    }
                    if (writerDone) {
                        throw new NetError("stream write side is shut down");
                    }
                    if (readerClosed) {
                        throw new NetError("connection reset by peer");
                    }
                    if (size < ring.length) {
                        break;
                    }
                    awaitOrInterrupted(writable);
                }
                int n = Math.min(ring.length - size, src.remaining());
                int tail = (head + size) % ring.length;
                int first = Math.min(n, ring.length - tail);
                src.get(ring, tail, first);
                if (n > first) {
                    src.get(ring, 0, n - first);
                }
                size += n;
                readable.signalAll();
                return n;
            } finally {
                lock.unlock();
            }
        }

        /** The writing end shut down its write side; false if it already had. */
        boolean shutdownWriter() {
            lock.lock();
            try {
                boolean first = !writerDone;
                writerDone = true;
                readable.signalAll();
                writable.signalAll();
                return first;
            } finally {
                lock.unlock();
            }
        }

        void abortWriter() {
            lock.lock();
            try {
                writerAborted = true;
                writerDone = true;
                readable.signalAll();
                writable.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void abortReader() {
            lock.lock();
            try {
                readerAborted = true;
                readerClosed = true;
                size = 0;
                readable.signalAll();
                writable.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private static void awaitOrInterrupted(Condition condition) throws InterruptedIOException {
            try {
                // Bounded wait: a lost wake-up can only delay, never hang, a test.
                condition.await(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while blocked on an in-memory stream");
            }
        }
    }

    /** One end: reads from {@code in}, writes to {@code out}. */
    private static final class End implements ByteStream {
        private final Pipe in;
        private final Pipe out;
        private final SocketAddr local;
        private final SocketAddr remote;
        private volatile boolean closed;

        End(Pipe in, Pipe out, SocketAddr local, SocketAddr remote) {
            this.in = in;
            this.out = out;
            this.local = local;
            this.remote = remote;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            ensureOpen();
            if (!dst.hasRemaining()) {
                return 0;
            }
            return in.read(dst);
        }

        @Override
        public byte[] read(int maxBytes) throws IOException {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("TCP read size must be positive");
            }
            if (maxBytes > MAX_READ_SIZE) {
                throw new IllegalArgumentException("TCP read size exceeds 1048576 bytes");
            }
            ByteBuffer buffer = ByteBuffer.allocate(maxBytes);
            int n = read(buffer);
            if (n < 0) {
                return new byte[0];
            }
            byte[] result = new byte[n];
            buffer.flip().get(result);
            return result;
        }

        @Override
        public int write(byte[] data) throws IOException {
            ensureOpen();
            if (data.length == 0) {
                return 0;
            }
            return out.write(ByteBuffer.wrap(data));
        }

        @Override
        public void writeAll(ByteBuffer src) throws IOException {
            ensureOpen();
            while (src.hasRemaining()) {
                out.write(src);
            }
        }

        @Override
        public void shutdownWrite() throws IOException {
            ensureOpen();
            out.shutdownWriter();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            out.abortWriter();
            in.abortReader();
        }

        @Override
        public SocketAddr localAddr() {
            return local;
        }

        @Override
        public SocketAddr remoteAddr() {
            return remote;
        }

        private void ensureOpen() throws NetError {
            if (closed) {
                throw new NetError("stream is closed");
            }
        }

        @Override
        public String toString() {
            return "MemoryByteStream[" + local + " -> " + remote + "]";
        }
    }
}
