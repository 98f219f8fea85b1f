package sifr.http.internal.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import sifr.net.ByteStream;
import sifr.net.internal.ForwardingByteStream;

/**
 * The stream under a pooled HTTP/1.1 connection, noting what the retry rules need to know about the
 * exchange in progress: whether any byte of a response arrived and whether a write failed. An HTTP/1.1
 * connection runs one exchange at a time on the caller's thread, so plain fields suffice; they are
 * read only by that thread after the exchange.
 */
final class WatchedStream extends ForwardingByteStream {
    private long bytesRead;
    private long readAtStart;
    private boolean writeFailed;

    WatchedStream(ByteStream delegate) {
        super(delegate);
    }

    /** Called before each exchange on this connection. */
    void exchangeStarts() {
        readAtStart = bytesRead;
        writeFailed = false;
    }

    /** True if a byte arrived since {@link #exchangeStarts()}. */
    boolean responseStarted() {
        return bytesRead != readAtStart;
    }

    /** True if a write failed since {@link #exchangeStarts()}. */
    boolean writeFailed() {
        return writeFailed;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = delegate.read(dst);
        if (n > 0) {
            bytesRead += n;
        }
        return n;
    }

    @Override
    public byte[] read(int maxBytes) throws IOException {
        byte[] b = delegate.read(maxBytes);
        bytesRead += b.length;
        return b;
    }

    @Override
    public int write(byte[] data) throws IOException {
        try {
            return delegate.write(data);
        } catch (IOException | RuntimeException e) {
            writeFailed = true;
            throw e;
        }
    }

    @Override
    public void writeAll(ByteBuffer src) throws IOException {
        try {
            delegate.writeAll(src);
        } catch (IOException | RuntimeException e) {
            writeFailed = true;
            throw e;
        }
    }

    @Override
    public void writeAll(byte[] data) throws IOException {
        try {
            delegate.writeAll(data);
        } catch (IOException | RuntimeException e) {
            writeFailed = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            delegate.flush();
        } catch (IOException | RuntimeException e) {
            writeFailed = true;
            throw e;
        }
    }
}
