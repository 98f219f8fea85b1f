package sifr.net;

import java.io.Closeable;
import java.io.IOException;
import sifr.net.internal.StreamAdapters;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/** The read half of a split {@link TcpStream}. */
public final class TcpReadHalf implements Closeable {
    private final TcpStream stream;
    private final TcpHalves.Closer closer;
    private final AtomicBoolean closed = new AtomicBoolean();

    TcpReadHalf(TcpStream stream, TcpHalves.Closer closer) {
        this.stream = stream;
        this.closer = closer;
    }

    /** Same as {@link TcpStream#read(int)}. */
    public byte[] read(int maxBytes) throws IOException {
        ensureOpen();
        return stream.read(maxBytes);
    }

    /** Same as {@link TcpStream#read(ByteBuffer)}. */
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        return stream.read(dst);
    }

    /** A blocking {@link InputStream} over this half; closing it closes the half. */
    public InputStream inputStream() {
        return StreamAdapters.input(this::read, this::close);
    }

    public SocketAddr localAddr() {
        return stream.localAddr();
    }

    public SocketAddr remoteAddr() {
        return stream.remoteAddr();
    }

    /** Stops reading; the connection closes when the write half is closed too. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            closer.halfClosed();
        }
    }

    private void ensureOpen() throws NetError {
        if (closed.get()) {
            throw new NetError("TCP read half is closed");
        }
    }
}
