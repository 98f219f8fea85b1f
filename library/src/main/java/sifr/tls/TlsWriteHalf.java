package sifr.tls;

import java.io.IOException;
import sifr.net.internal.StreamAdapters;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The write half of a split {@link TlsStream}: writing, flushing, close_notify. Closing it sends
 * close_notify; closing both halves closes the stream.
 */
public final class TlsWriteHalf implements AutoCloseable {
    private final TlsStream stream;
    private final AtomicBoolean otherClosed;
    private final AtomicBoolean closed = new AtomicBoolean();

    TlsWriteHalf(TlsStream stream, AtomicBoolean otherClosed) {
        this.stream = stream;
        this.otherClosed = otherClosed;
    }

    public int write(byte[] data) throws IOException {
        return stream.write(data);
    }

    public void writeAll(byte[] data) throws IOException {
        stream.writeAll(data);
    }

    public void writeAll(ByteBuffer src) throws IOException {
        stream.writeAll(src);
    }

    public void flush() throws IOException {
        stream.flush();
    }

    /** @see TlsStream#closeNotify() */
    public void closeNotify() throws IOException {
        stream.closeNotify();
    }

    /** A blocking {@link OutputStream} view; its {@code close()} closes this half. */
    public OutputStream outputStream() {
        return StreamAdapters.output(stream::writeAll, stream::flush, this::close);
    }

    /** Sends close_notify; when the read half is closed too, the stream is closed. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stream.closeNotify();
        } finally {
            if (!otherClosed.compareAndSet(false, true)) {
                stream.close();
            }
        }
    }
}
