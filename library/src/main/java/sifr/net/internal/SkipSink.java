package sifr.net.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Where {@code TcpStream.skip} lets the kernel put bytes that are dropped: a few direct buffers shared
 * by every thread of the process, since nothing ever reads what lands in them.
 *
 * <p>Why: a socket read into a heap buffer is a read into the JDK's temporary direct buffer followed
 * by a copy into the heap array (in a 1 GiB upload that a handler discards, about 6 % of the server's CPU
 * in that copy, perf 2026-12-04); a read into a direct buffer is the kernel's copy alone. A direct
 * buffer per connection or per body would stay allocated until a GC finds it (idle keep-alive
 * connections, many short bodies), so the buffers are per process instead: {@link #STRIPES} at most,
 * each {@link #SIZE} bytes, allocated at first use.
 *
 * <p>Sharing is safe because the contents are never read: two threads whose reads land in the same
 * memory at once leave garbage there, which no one looks at. Each caller gets its own view
 * ({@link ByteBuffer#slice}), so positions and limits are never shared. Threads are spread over the
 * stripes by id so that concurrent skips on different cores rarely write the same cache lines.
 */
public final class SkipSink {
    /** Largest read into the sink. */
    public static final int SIZE = 256 * 1024;
    private static final int STRIPES = stripes(Runtime.getRuntime().availableProcessors());
    private static final AtomicReferenceArray<ByteBuffer> BUFFERS = new AtomicReferenceArray<>(STRIPES);

    private SkipSink() {
    }

    /** A power of two, at least the core count, at most 16: about one stripe per carrier thread. */
    static int stripes(int cores) {
        int n = 1;
        while (n < cores && n < 16) {
            n <<= 1;
        }
        return n;
    }

    /** A fresh view of {@code min(max, SIZE)} bytes of the calling thread's stripe (position 0). */
    public static ByteBuffer view(long max) {
        int i = (int) (Thread.currentThread().threadId() & (STRIPES - 1));
        ByteBuffer b = BUFFERS.get(i);
        if (b == null) {
            ByteBuffer fresh = ByteBuffer.allocateDirect(SIZE);
            b = BUFFERS.compareAndSet(i, null, fresh) ? fresh : BUFFERS.get(i);
        }
        return b.slice(0, (int) Math.min(max, SIZE));
    }
}
