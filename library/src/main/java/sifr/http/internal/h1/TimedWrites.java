package sifr.http.internal.h1;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import sifr.net.ByteStream;
import sifr.net.internal.ForwardingByteStream;

/**
 * The write side of a server connection under the write-inactivity timeout: every write is cut into
 * slices of at most {@link H1ServerConfig#WRITE_SLICE} bytes, each under its own deadline, so a client
 * that reads slowly but steadily keeps re-arming it while one that stopped reading is cut off
 * ({@code TCP write timed out}) after the timeout. Like nginx's {@code send_timeout}, this bounds the
 * time between two writes that make progress, not the whole response; the slowest client that survives
 * drains one slice per timeout (about 1 KiB/s at the 60 s default). Reads and everything else pass straight through.
 */
final class TimedWrites extends ForwardingByteStream {
    private final H1ServerConfig.Timer timer;
    private final Duration timeout;
    // one reusable timed body per connection, not a capturing lambda per write
    private ByteBuffer pending;
    private final H1ServerConfig.Read<Void> writeSlice = this::writePending;
    private final H1ServerConfig.Read<Void> flush = this::flushStream;
    private FileChannel file;
    private long filePosition;
    private long fileCount;
    private final H1ServerConfig.Read<Long> fileStep = this::transferPending;

    TimedWrites(ByteStream stream, H1ServerConfig.Timer timer, Duration timeout) {
        super(stream);
        this.timer = timer;
        this.timeout = timeout;
    }

    private Void writePending() throws IOException {
        delegate.writeAll(pending);
        return null;
    }

    private Void flushStream() throws IOException {
        delegate.flush();
        return null;
    }

    /** Reads are untouched, so skipping may use the stream's own (a TCP stream's needs no heap copy). */
    @Override
    public long skip(long maxBytes) throws IOException {
        return delegate.skip(maxBytes);
    }

    @Override
    public void writeAll(ByteBuffer src) throws IOException {
        int end = src.limit();
        try {
            while (src.position() < end) {
                src.limit(Math.min(end, src.position() + H1ServerConfig.WRITE_SLICE));
                pending = src;
                timer.within(timeout, "TCP write", writeSlice);
            }
        } finally {
            src.limit(end);
            pending = null;
        }
    }

    @Override
    public void writeAll(byte[] data) throws IOException {
        writeAll(ByteBuffer.wrap(data));
    }

    @Override
    public int write(byte[] data) throws IOException {
        writeAll(data);
        return data.length;
    }

    /**
     * One step of a file transfer under the timeout: whatever the kernel takes at once, or, when the
     * socket buffer is full, the wait until it takes some. Progress re-arms the timeout as with slices.
     */
    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        file = src;
        filePosition = position;
        fileCount = count;
        try {
            return timer.within(timeout, "TCP write", fileStep);
        } finally {
            file = null;
        }
    }

    private Long transferPending() throws IOException {
        return delegate.transferFrom(file, filePosition, fileCount);
    }

    @Override
    public void flush() throws IOException {
        timer.within(timeout, "TCP write", flush);
    }
}
