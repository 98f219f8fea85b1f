package sifr.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import sifr.net.internal.ReadParking;
import sifr.net.internal.ReadSliceElapsed;
import sifr.net.internal.SkipSink;
import sifr.net.internal.TcpEvents;
import sifr.task.CancelledError;
import sifr.task.TimeoutError;
import sifr.task.internal.BlockingOp;

/**
 * A TCP connection ({@link Net#connectTcp}, {@link TcpListener#accept()}): a blocking NIO
 * {@link SocketChannel} used from (virtual) threads. TCP_NODELAY is on unless the options say otherwise.
 *
 * <p>Every blocking call obeys the calling task's deadline and cancellation. A pending read or write
 * that is cancelled or times out closes the connection: NIO cannot abandon a blocked channel
 * operation any other way (see docs/ARCHITECTURE.md). Writes block while the peer does not read
 * (the kernel's socket buffer is the only buffer), so memory stays bounded.
 *
 * <p>Thread safety: one reader and one writer may use the stream at the same time (the channel has
 * separate read and write locks); state flags are volatile; no lock of ours is held while blocking.
 */
public final class TcpStream implements ByteStream {
    /** Writes are handed to the channel in slices of this size: the JDK copies heap buffers into a
     * temporary direct buffer as large as the slice, so slicing bounds that memory. */
    private static final int WRITE_SLICE = 256 * 1024;
    /** Largest scratch buffer {@link #read(int)} keeps for reuse. */
    private static final int SCRATCH_MAX = 64 * 1024;

    private final SocketChannel channel;
    private final SocketAddr local;
    private final SocketAddr remote;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean split = new AtomicBoolean();
    private volatile boolean writeShut;
    private byte[] scratch; // used by the single reader only
    private java.io.InputStream slicedInput; // likewise: the socket adaptor's stream, for readSlice
    // the last whenReadable's handle, set by the reader before the channel leaves blocking mode; writers and close read it
    private volatile ReadParking.Parked parked;
    // plain counters for the sifr.TcpClose event: one reader and one writer each own one; read at close
    private long bytesRead;
    private long bytesWritten;

    TcpStream(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.local = SocketAddr.of((InetSocketAddress) channel.getLocalAddress());
        this.remote = SocketAddr.of((InetSocketAddress) channel.getRemoteAddress());
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        BlockingOp op = BlockingOp.begin("TCP read");
        try {
            int slice = op.readSliceMillis();
            int n = slice > 0 ? readSlice(dst, slice) : channel.read(dst);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        } catch (ReadSliceElapsed e) {
            throw e;
        } catch (ClosedByInterruptException e) {
            closed.set(true);
            throw op.interrupted(e);
        } catch (ClosedChannelException e) {
            throw closedError(e);
        } catch (IOException e) {
            throw new NetError("failed to read TCP stream: " + e.getMessage(), e);
        } finally {
            op.end();
        }
    }

    /**
     * A read that gives up after {@code millis} without closing the channel (ReadSliceElapsed), for a
     * shielded section ({@code CancelShield.sliceReads}) that must not block past its bound and cannot
     * be interrupted. Through the channel's socket adaptor, whose timed read the JDK implements as a
     * timed park on its poller (the socket stays open when the time is up; a channel read has no timeout).
     */
    private int readSlice(ByteBuffer dst, int millis) throws IOException {
        java.net.Socket socket = channel.socket();
        socket.setSoTimeout(millis); // a field of the adaptor, no system call
        java.io.InputStream in = slicedInput;
        if (in == null) {
            in = socket.getInputStream();
            slicedInput = in;
        }
        byte[] array = dst.hasArray() ? dst.array() : new byte[Math.min(dst.remaining(), SCRATCH_MAX)];
        int off = dst.hasArray() ? dst.arrayOffset() + dst.position() : 0;
        int len = dst.hasArray() ? dst.remaining() : array.length;
        int n;
        try {
            n = in.read(array, off, len);
        } catch (java.net.SocketTimeoutException e) {
            throw new ReadSliceElapsed();
        }
        if (n > 0) {
            if (dst.hasArray()) {
                dst.position(dst.position() + n);
            } else {
                dst.put(array, 0, n);
            }
        }
        return n;
    }

    /**
     * Reads without blocking, whatever the channel's mode: the socket is non-blocking underneath on a
     * virtual thread anyway, so switching the mode is a flag (it waits only for a write in progress). See
     * {@link ByteStream#readAvailable}.
     */
    @Override
    public int readAvailable(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        try {
            channel.configureBlocking(false);
            try {
                int n = channel.read(dst);
                if (n > 0) {
                    bytesRead += n;
                }
                return n;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (ClosedChannelException e) {
            throw closedError(e);
        } catch (IOException e) {
            throw new NetError("failed to read TCP stream: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(int maxBytes) throws IOException {
        checkReadSize(maxBytes);
        int size = Math.min(maxBytes, SCRATCH_MAX);
        byte[] buf = scratch;
        if (buf == null || buf.length < size) {
            buf = new byte[size];
            scratch = buf;
        }
        int n = read(ByteBuffer.wrap(buf, 0, size));
        return n <= 0 ? new byte[0] : Arrays.copyOf(buf, n);
    }

    /**
     * Drops up to {@code min(maxBytes, 256 KiB)} bytes with one channel read into a direct buffer shared
     * by the process ({@code sifr.net.internal.SkipSink}): the kernel copies the bytes once, nothing
     * copies them into the heap and nothing is allocated. See {@link ByteStream#skip}.
     */
    @Override
    public long skip(long maxBytes) throws IOException {
        ByteStream.checkSkipSize(maxBytes);
        return read(SkipSink.view(maxBytes));
    }

    static void checkReadSize(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("TCP read size must be positive");
        }
        if (maxBytes > MAX_READ_SIZE) {
            throw new IllegalArgumentException("TCP read size exceeds " + MAX_READ_SIZE + " bytes");
        }
    }

    /** Writes all of {@code data} (a blocking channel accepts everything); returns its length. */
    @Override
    public int write(byte[] data) throws IOException {
        writeAll(ByteBuffer.wrap(data));
        return data.length;
    }

    @Override
    public void writeAll(ByteBuffer src) throws IOException {
        ensureWritable();
        if (!src.hasRemaining()) {
            return;
        }
        BlockingOp op = BlockingOp.begin("TCP write");
        try {
            while (src.hasRemaining()) {
                int n = src.remaining() <= WRITE_SLICE
                        ? channel.write(src)
                        : writeSlice(src);
                if (n < 0) {
                    throw new NetError("failed to write TCP stream: the channel accepted no bytes");
                }
                if (n == 0) {
                    blockingAgain(); // parked (non-blocking) with the socket buffer full
                }
                bytesWritten += n;
            }
        } catch (ClosedByInterruptException e) {
            closed.set(true);
            throw op.interrupted(e);
        } catch (ClosedChannelException e) {
            throw closedError(e);
        } catch (NetError | TimeoutError | CancelledError e) {
            throw e;
        } catch (IOException e) {
            throw new NetError("failed to write TCP stream: " + e.getMessage(), e);
        } finally {
            op.end();
        }
    }

    /** What {@link #transferFrom} writes through the heap when the kernel's socket buffer is full. */
    private static final int PARKING_WRITE = 16 * 1024;

    /**
     * Sends the file with {@code FileChannel.transferTo} (sendfile on Linux). Under a virtual thread
     * the JDK has put the socket in non-blocking mode, and {@code transferTo}, unlike {@code write},
     * does not park: with the socket buffer full it returns 0 at once. Then the next
     * {@value #PARKING_WRITE} bytes go through an ordinary channel write, which parks the thread
     * until the socket is writable, so the loop waits instead of spinning; the transfer after it is
     * zero-copy again. On a platform thread the channel is truly blocking and sendfile simply waits.
     */
    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        FileTransfers.checkRegion(position, count);
        ensureWritable();
        BlockingOp op = BlockingOp.begin("TCP write");
        try {
            long n = file.transferTo(position, count, channel);
            if (n <= 0 && !channel.isBlocking()) {
                blockingAgain();
            }
            if (n <= 0) {
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, PARKING_WRITE));
                FileTransfers.readSome(file, buf, position);
                n = 0;
                while (n == 0) {
                    n = channel.write(buf); // a blocking channel: parks until at least one byte fits
                }
            }
            bytesWritten += n;
            return n;
        } catch (ClosedByInterruptException e) {
            closed.set(true);
            throw op.interrupted(e);
        } catch (ClosedChannelException e) {
            throw closedError(e);
        } catch (NetError | TimeoutError | CancelledError | java.io.EOFException e) {
            throw e;
        } catch (IOException e) {
            throw new NetError("failed to write TCP stream: " + e.getMessage(), e);
        } finally {
            op.end();
        }
    }

    /**
     * A write accepted nothing: the socket is parked by {@link #whenReadable} (non-blocking, so a full
     * socket buffer returns 0 instead of waiting). Wakes the parked read early (its action runs and
     * reads, blocking) and waits until the channel blocks again, so the write can wait for room.
     */
    private void blockingAgain() throws IOException {
        ReadParking.Parked p = parked;
        if (p != null) {
            p.wakeAndAwaitBlocking();
        } else if (!channel.isBlocking()) {
            Thread.yield(); // between a wake-up and the next park: blocking again within microseconds
        }
    }

    /**
     * Waits for this stream to become readable without holding a thread: returns at once, and
     * {@code action} runs later on a new virtual thread once bytes or the end of stream arrive, the
     * connection is reset, or the stream is closed. It may also run early, with nothing to read (then
     * a read simply blocks as usual): writes stay allowed meanwhile, and a write that finds the socket
     * buffer full wakes it. For servers holding many idle connections (a parked virtual thread keeps
     * kilobytes of stack). Call it only from the stream's one reader, and do not read until
     * {@code action} runs.
     *
     * @return false, with nothing scheduled, when the stream is closed or cannot wait this way
     */
    @Override
    public boolean whenReadable(Runnable action) {
        if (closed.get()) {
            return false;
        }
        // The handle stays here after its wake-up (no wrapper to clear it: one object less per idle
        // connection); a stale one is harmless: waking it again does nothing, and it is restored.
        if (!ReadParking.park(channel, action, p -> parked = p)) {
            return false;
        }
        if (closed.get()) {
            ReadParking.Parked p = parked;
            if (p != null) {
                p.wake(); // closed while parking: close() may have missed the handle
            }
        }
        return true;
    }

    private int writeSlice(ByteBuffer src) throws IOException {
        ByteBuffer slice = src.slice(src.position(), WRITE_SLICE);
        int n = channel.write(slice);
        src.position(src.position() + n);
        return n;
    }

    @Override
    public void shutdownWrite() throws IOException {
        ensureOpen();
        if (writeShut) {
            return;
        }
        writeShut = true;
        try {
            channel.shutdownOutput();
        } catch (ClosedChannelException e) {
            throw closedError(e);
        } catch (IOException e) {
            throw new NetError("failed to shut down TCP write side: " + e.getMessage(), e);
        }
    }

    /** Closes both directions; a reader or writer blocked on the stream ends with {@code TCP stream is closed}. */
    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            ReadParking.Parked p = parked;
            if (p != null) {
                p.wake(); // a closed registered channel is never selected: wake its reader to see the close
            }
            channel.close();
            TcpEvents.closed(local, remote, bytesRead, bytesWritten);
        }
    }

    /** True until {@link #close()} (or a cancelled operation) closed the stream. */
    public boolean isOpen() {
        return !closed.get() && channel.isOpen();
    }

    /**
     * Whether the peer is quiet: it has neither closed the connection (FIN or reset) nor sent bytes not
     * yet read. Checked without blocking, for a connection kept idle between uses: an HTTP client reuses
     * a pooled keep-alive connection only while it is quiet, since a server that closed it meanwhile
     * would make the next request fail. A byte that did arrive is consumed (a connection that is not
     * quiet is meant to be closed). Call it only while no other thread reads the stream.
     */
    public boolean isPeerQuiet() {
        if (!isOpen()) {
            return false;
        }
        try {
            // on a virtual thread the socket is non-blocking underneath already: this flips a flag, no syscall
            channel.configureBlocking(false);
            try {
                return channel.read(ByteBuffer.allocate(1)) == 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException e) {
            return false; // reset, or closed meanwhile: not reusable either way
        }
    }

    /**
     * Splits the stream into a read half and a write half that two threads may use independently.
     * The connection closes when both halves are closed (closing the write half shuts down writing).
     *
     * @throws IllegalStateException {@code TCP stream is already split}
     */
    public TcpHalves split() {
        if (!split.compareAndSet(false, true)) {
            throw new IllegalStateException("TCP stream is already split");
        }
        TcpHalves.Closer closer = new TcpHalves.Closer(this);
        return new TcpHalves(new TcpReadHalf(this, closer), new TcpWriteHalf(this, closer));
    }

    @Override
    public SocketAddr localAddr() {
        return local;
    }

    @Override
    public SocketAddr remoteAddr() {
        return remote;
    }

    /** Whether TCP_NODELAY is on (Nagle's algorithm off). */
    public boolean noDelay() throws IOException {
        return channel.getOption(java.net.StandardSocketOptions.TCP_NODELAY);
    }

    @Override
    public String toString() {
        return "TcpStream[" + local + " -> " + remote + (isOpen() ? "" : ", closed") + "]";
    }

    private void ensureOpen() throws NetError {
        if (closed.get()) {
            throw new NetError("TCP stream is closed");
        }
    }

    private void ensureWritable() throws NetError {
        ensureOpen();
        if (writeShut) {
            throw new NetError("TCP write side is already shut down");
        }
    }

    private NetError closedError(IOException cause) {
        closed.set(true);
        return new NetError("TCP stream is closed", cause);
    }
}
