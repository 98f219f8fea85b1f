package sifr.http;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import sifr.http.internal.ReadOnce;

/** A body held in memory as a list of chunks (from bytes or from chunks). Single consumer. */
final class ChunkListBody implements BodyStream {
    private static final byte[] END = new byte[0];

    private final List<byte[]> chunks;
    private final HeaderMap trailers;
    private final long length;
    private int next;
    private final ReadOnce once = new ReadOnce();

    ChunkListBody(List<byte[]> chunks, HeaderMap trailers) {
        this.chunks = chunks;
        this.trailers = trailers;
        long total = 0;
        for (byte[] c : chunks) {
            total += c.length;
        }
        this.length = total;
    }

    @Override
    public byte[] readChunk() throws BodyError {
        once.checkRead();
        while (next < chunks.size()) {
            byte[] c = chunks.get(next++);
            if (c.length > 0) {
                return c;
            }
        }
        return once.chunk(END);
    }

    @Override
    public byte[] collectWithLimit(long limit) throws IOException {
        return once.collect(this, limit);
    }

    @Override
    public OptionalLong length() {
        return OptionalLong.of(length);
    }

    @Override
    public HeaderMap trailers() {
        return trailers;
    }

    @Override
    public void close() {
        next = chunks.size();
    }
}
