package sifr.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.OptionalLong;
import sifr.http.internal.FileRegion;
import sifr.http.internal.ReadOnce;

/**
 * A region of an open file as a body. {@code readChunk} reads at most {@link #MAX_CHUNK} bytes at a
 * time with positional reads (the channel's own position is never used, so several bodies may share
 * one file); a cleartext HTTP/1.1 server instead claims the region and sends it with
 * {@code FileChannel.transferTo} (no copy through the Java heap). Single consumer; closing closes the channel.
 */
final class FileBody implements BodyStream, FileRegion {
    static final int MAX_CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final FileChannel channel;
    private final long position;
    private final long length;
    private long sent;
    private boolean claimed;
    private final ReadOnce once = new ReadOnce();

    FileBody(FileChannel channel, long position, long length) {
        this.channel = channel;
        this.position = position;
        this.length = length;
    }

    @Override
    public byte[] readChunk() throws IOException {
        once.checkRead();
        if (claimed) {
            throw new BodyError(ReadOnce.CONSUMED);
        }
        if (sent == length) {
            return once.chunk(END);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(MAX_CHUNK, length - sent));
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + sent + buf.position()) < 0) {
                throw new BodyError("file ended after " + (sent + buf.position()) + " of " + length + " bytes");
            }
        }
        sent += buf.capacity();
        return buf.array();
    }

    @Override
    public byte[] collectWithLimit(long limit) throws IOException {
        if (claimed) {
            throw new BodyError(ReadOnce.CONSUMED);
        }
        return once.collect(this, limit);
    }

    @Override
    public OptionalLong length() {
        return OptionalLong.of(length);
    }

    @Override
    public FileChannel channel() {
        return channel;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void claim() throws BodyError {
        once.checkRead();
        if (claimed || sent > 0) {
            throw new BodyError(ReadOnce.CONSUMED);
        }
        claimed = true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
