package sifr.net.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import sifr.net.ByteStream;
import sifr.net.SocketAddr;

/**
 * A {@link ByteStream} that forwards every call to another one: the base for wrappers that watch or
 * bound some calls (activity tracking, timed writes) and pass the rest through untouched, so each
 * wrapper names only what it changes.
 *
 * <p>{@link #skip} is not forwarded: it runs {@code ByteStream}'s default through this wrapper's
 * {@code read}, so a wrapper that replays, counts or watches reads sees skipped bytes as well. A
 * wrapper that leaves reads alone may forward {@code skip} to keep the delegate's cheaper one.
 */
public abstract class ForwardingByteStream implements ByteStream {
    /** The stream every call not overridden goes to. */
    protected final ByteStream delegate;

    protected ForwardingByteStream(ByteStream delegate) {
        this.delegate = delegate;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public byte[] read(int maxBytes) throws IOException {
        return delegate.read(maxBytes);
    }

    @Override
    public int write(byte[] data) throws IOException {
        return delegate.write(data);
    }

    @Override
    public void writeAll(ByteBuffer src) throws IOException {
        delegate.writeAll(src);
    }

    @Override
    public void writeAll(byte[] data) throws IOException {
        delegate.writeAll(data);
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        return delegate.transferFrom(file, position, count);
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void shutdownWrite() throws IOException {
        delegate.shutdownWrite();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public SocketAddr localAddr() {
        return delegate.localAddr();
    }

    @Override
    public SocketAddr remoteAddr() {
        return delegate.remoteAddr();
    }
}
