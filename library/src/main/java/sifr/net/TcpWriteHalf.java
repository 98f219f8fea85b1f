package sifr.net;

import java.io.Closeable;
import java.io.IOException;
import sifr.net.internal.StreamAdapters;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/** The write half of a split {@link TcpStream}. */
public final class TcpWriteHalf implements Closeable {
    private final TcpStream stream;
    private final TcpHalves.Closer closer;
    private final AtomicBoolean closed = new AtomicBoolean();

    TcpWriteHalf(TcpStream stream, TcpHalves.Closer closer) {
        this.stream = stream;
        this.closer = closer;
    }

    /** Same as {@link TcpStream#write(byte[])}. */
    public int write(byte[] data) throws IOException {
        ensureOpen();
        return stream.write(data);
    }

    /** Same as {@link TcpStream#writeAll(ByteBuffer)}. */
    public void writeAll(ByteBuffer src) throws IOException {
        ensureOpen();
        stream.writeAll(src);
    }

    public void writeAll(byte[] data) throws IOException {
        writeAll(ByteBuffer.wrap(data));
    }

    /** Half-closes the connection: the peer reads end of stream. */
    public void shutdownWrite() throws IOException {
        ensureOpen();
        stream.shutdownWrite();
    }

    /** A blocking {@link OutputStream} over this half; closing it closes the half. */
    public OutputStream outputStream() {
        return StreamAdapters.output(this::writeAll, () -> { }, this::close);
    }

    public SocketAddr localAddr() {
        return stream.localAddr();
    }

    public SocketAddr remoteAddr() {
        return stream.remoteAddr();
    }

    /** Shuts down writing (the peer sees end of stream); the connection closes when the read half is closed too. */
    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            try {
                if (stream.isOpen()) {
                    stream.shutdownWrite();
                }
            } finally {
                closer.halfClosed();
            }
        }
    }

    private void ensureOpen() throws NetError {
        if (closed.get()) {
            throw new NetError("TCP write half is closed");
        }
    }
}
