package sifr.tls;

import java.io.IOException;
import sifr.net.internal.StreamAdapters;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/** The read half of a split {@link TlsStream}: reading only. Closing both halves closes the stream. */
public final class TlsReadHalf implements AutoCloseable {
    private final TlsStream stream;
    private final AtomicBoolean otherClosed;
    private final AtomicBoolean closed = new AtomicBoolean();

    TlsReadHalf(TlsStream stream, AtomicBoolean otherClosed) {
        this.stream = stream;
        this.otherClosed = otherClosed;
    }

    /** @see TlsStream#read(ByteBuffer) */
    public int read(ByteBuffer dst) throws IOException {
        return stream.read(dst);
    }

    /** @see TlsStream#read(int) */
    public byte[] read(int maxBytes) throws IOException {
        return stream.read(maxBytes);
    }

    /** A blocking {@link InputStream} view; its {@code close()} closes this half. */
    public InputStream inputStream() {
        return StreamAdapters.input(stream::read, this::close);
    }

    /** Stops reading; when the write half is closed too, the stream is closed. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && !otherClosed.compareAndSet(false, true)) {
            stream.close();
        }
    }
}
