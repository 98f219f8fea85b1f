package sifr.bench.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sifr.net.ByteStream;
import sifr.net.NetError;
import sifr.net.SocketAddr;

/**
 * A connected pair of in-memory {@link ByteStream}s with a bounded buffer per direction, so that the
 * TLS benchmarks measure the TLS layer and not the kernel's loopback. Blocking reads and writes like
 * TCP; close gives the peer end of stream.
 */
final class BenchPipe {
    private static final AtomicInteger PORTS = new AtomicInteger(1024);

    private BenchPipe() {
    }

    record Pair(ByteStream client, ByteStream server) {
    }

    static Pair pair(int capacity) {
        Direction up = new Direction(capacity);
        Direction down = new Direction(capacity);
        // a distinct port per pair: the JDK's client session cache is keyed by host and port, so no resumption
        SocketAddr a = new SocketAddr(InetAddress.getLoopbackAddress(), 1024 + PORTS.getAndIncrement() % 60000);
        SocketAddr b = new SocketAddr(InetAddress.getLoopbackAddress(), 1024 + PORTS.getAndIncrement() % 60000);
        return new Pair(new End(down, up, a, b), new End(up, down, b, a));
    }

    private static final class Direction {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition readable = lock.newCondition();
        private final Condition writable = lock.newCondition();
        private final byte[] ring;
        private int head;
        private int size;
        private boolean closed;

        Direction(int capacity) {
            ring = new byte[capacity];
        }

        int read(ByteBuffer dst) throws IOException {
            lock.lock();
            try {
                while (size == 0) {
                    if (closed) {
                        return -1;
                    }
                    readable.awaitUninterruptibly();
                }
                int n = Math.min(size, dst.remaining());
                int first = Math.min(n, ring.length - head);
                dst.put(ring, head, first);
                dst.put(ring, 0, n - first);
                head = (head + n) % ring.length;
                size -= n;
                writable.signal();
                return n;
            } finally {
                lock.unlock();
            }
        }

        void write(ByteBuffer src) throws IOException {
            lock.lock();
            try {
                while (src.hasRemaining()) {
                    if (closed) {
                        throw new NetError("pipe closed");
                    }
                    if (size == ring.length) {
                        writable.awaitUninterruptibly();
                        continue;
                    }
                    int n = Math.min(ring.length - size, src.remaining());
                    int tail = (head + size) % ring.length;
                    int first = Math.min(n, ring.length - tail);
                    src.get(ring, tail, first);
                    src.get(ring, 0, n - first);
                    size += n;
                    readable.signal();
                }
            } finally {
                lock.unlock();
            }
        }

        void close() {
            lock.lock();
            try {
                closed = true;
                readable.signalAll();
                writable.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static final class End implements ByteStream {
        private final Direction in;
        private final Direction out;
        private final SocketAddr local;
        private final SocketAddr remote;

        End(Direction in, Direction out, SocketAddr local, SocketAddr remote) {
            this.in = in;
            this.out = out;
            this.local = local;
            this.remote = remote;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return dst.hasRemaining() ? in.read(dst) : 0;
        }

        @Override
        public byte[] read(int maxBytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(maxBytes);
            int n = read(buffer);
            byte[] bytes = new byte[Math.max(0, n)];
            buffer.flip().get(bytes);
            return bytes;
        }

        @Override
        public int write(byte[] data) throws IOException {
            out.write(ByteBuffer.wrap(data));
            return data.length;
        }

        @Override
        public void writeAll(ByteBuffer src) throws IOException {
            out.write(src);
        }

        @Override
        public void shutdownWrite() {
            out.close();
        }

        @Override
        public void close() {
            out.close();
            in.close();
        }

        @Override
        public SocketAddr localAddr() {
            return local;
        }

        @Override
        public SocketAddr remoteAddr() {
            return remote;
        }
    }
}
