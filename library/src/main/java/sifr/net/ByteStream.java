package sifr.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import sifr.net.internal.StreamAdapters;

/**
 * A bidirectional, ordered byte stream: the one interface that TCP and TLS streams implement and that
 * the HTTP layers run over. Every blocking operation obeys the deadline and cancellation of the
 * calling task ({@code sifr.task}).
 *
 * <p>Reads and writes may be called from two different threads at once (one reader, one writer);
 * two concurrent readers or two concurrent writers are not supported.
 */
public interface ByteStream extends Closeable {

    /** Largest {@code maxBytes} that {@link #read(int)} accepts (Sifr's bound, 1 MiB). */
    int MAX_READ_SIZE = 1_048_576;

    /**
     * Reads at least one byte into {@code dst}, blocking until some arrive.
     *
     * @return the number of bytes read, or -1 at end of stream
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Reads up to {@code maxBytes} bytes, blocking until at least one arrives.
     *
     * @return the bytes read; an empty array at end of stream
     * @throws IllegalArgumentException {@code TCP read size must be positive} or
     *     {@code TCP read size exceeds 1048576 bytes}
     */
    byte[] read(int maxBytes) throws IOException;

    /** Largest number of bytes the default {@link #skip} reads per call (16 KiB). */
    int SKIP_CHUNK = 16 * 1024;

    /**
     * Reads up to {@code maxBytes} bytes and drops them, blocking until at least one arrives: for a
     * reader that must consume bytes it has no use for (a request body that a handler ignores, the rest
     * of a message before the next one). Returns how many were dropped, between 1 and
     * {@code maxBytes}, or -1 at end of stream; the next read returns the byte after the last one dropped.
     * Deadlines, cancellation and failures are those of {@link #read(ByteBuffer)}.
     *
     * <p>This default reads at most {@link #SKIP_CHUNK} bytes through {@link #read(ByteBuffer)} into a
     * heap buffer allocated for the call, so a stream that overrides {@code read} sees the skipped bytes
     * too. A {@link TcpStream} reads up to 256 KiB per call into memory outside the Java heap shared by
     * the whole process (no copy into the heap, no allocation; nothing reads that memory).
     *
     * @throws IllegalArgumentException {@code skip size must be positive} for {@code maxBytes} below 1
     */
    default long skip(long maxBytes) throws IOException {
        checkSkipSize(maxBytes);
        return read(ByteBuffer.allocate((int) Math.min(maxBytes, SKIP_CHUNK)));
    }

    /** The argument check of {@link #skip}, for implementations. */
    static void checkSkipSize(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("skip size must be positive");
        }
    }

    /** Writes some of {@code data}, blocking until at least one byte is accepted; returns the count. */
    int write(byte[] data) throws IOException;

    /** Writes every remaining byte of {@code src}, blocking while the peer does not read (backpressure). */
    void writeAll(ByteBuffer src) throws IOException;

    /** Writes every byte of {@code data}. */
    default void writeAll(byte[] data) throws IOException {
        writeAll(ByteBuffer.wrap(data));
    }

    /** Largest number of bytes the default {@link #transferFrom} reads into memory per call (64 KiB). */
    int FILE_TRANSFER_CHUNK = 64 * 1024;

    /**
     * Writes some of {@code count} bytes of {@code file} starting at {@code position}, blocking until at
     * least one byte is accepted (like {@link #write(byte[])}); returns how many were written. The
     * file's own position is neither used nor changed. This default reads at most
     * {@link #FILE_TRANSFER_CHUNK} bytes into a heap buffer and writes them; a {@link TcpStream} hands
     * the file to the kernel instead ({@code FileChannel.transferTo}, sendfile on Linux: no copy
     * through user space).
     *
     * @throws IllegalArgumentException {@code file transfer position and count must be positive} for a
     *     negative position or a count below 1
     * @throws java.io.EOFException {@code file ended at byte N} when the file is shorter than {@code position + 1}
     */
    default long transferFrom(FileChannel file, long position, long count) throws IOException {
        FileTransfers.checkRegion(position, count);
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, FILE_TRANSFER_CHUNK));
        FileTransfers.readSome(file, buf, position);
        writeAll(buf);
        return buf.limit();
    }

    /** Pushes buffered bytes to the peer. Streams that do not buffer treat this as a no-op. */
    default void flush() throws IOException {
    }

    /**
     * Waits for input without holding a thread, where the stream can: returns at once, and
     * {@code action} runs later on a new virtual thread once the stream is readable (bytes, end of
     * stream, a reset) or closed; it may run early, with nothing to read yet (a read then blocks as
     * usual). Writes stay allowed meanwhile. For servers with many idle connections: a virtual thread
     * parked in a read keeps kilobytes of stack. Only the stream's one reader may call it, and it must not
     * read until {@code action} runs.
     *
     * <p>This default cannot and returns false; {@link TcpStream} can, and {@code TlsStream} can while no
     * input is buffered in it.
     *
     * @return false, with nothing scheduled, when the stream cannot wait this way now (the caller reads)
     */
    default boolean whenReadable(Runnable action) {
        return false;
    }

    /**
     * Reads what has arrived without waiting for more: for a reader deciding whether to wait (for
     * example with {@link #whenReadable}) or read on. The default knows of nothing and returns 0.
     *
     * @return the number of bytes read (0 when none has arrived, or the stream cannot tell), or -1 at end of stream
     */
    default int readAvailable(ByteBuffer dst) throws IOException {
        return 0;
    }

    /** Half-closes: the peer sees end of stream; later writes fail with a {@link NetError}. */
    void shutdownWrite() throws IOException;

    /** Closes both directions. Idempotent. */
    @Override
    void close() throws IOException;

    SocketAddr localAddr();

    SocketAddr remoteAddr();

    /** A blocking {@link InputStream} view of the read side. */
    default InputStream inputStream() {
        return StreamAdapters.input(this::read, this::close);
    }

    /** A blocking {@link OutputStream} view of the write side; {@code close()} closes the stream. */
    default OutputStream outputStream() {
        return StreamAdapters.output(this::writeAll, this::flush, this::close);
    }
}
