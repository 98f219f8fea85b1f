package sifr.http.internal.h2;

import java.io.IOException;
import java.util.OptionalLong;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.internal.ReadOnce;

/**
 * The inbound body of one stream (a request body on the server, a response body on the client),
 * read by one application thread. Chunks are the DATA payloads as received; each one handed out
 * returns its octets to the peer's flow-control windows (WINDOW_UPDATE once half a window is owed),
 * so a reader that stops reading stops the peer: backpressure.
 */
final class H2Body implements BodyStream {
    private final Http2Connection connection;
    private final H2Stream s;
    private final ReadOnce once = new ReadOnce();

    H2Body(Http2Connection connection, H2Stream s) {
        this.connection = connection;
        this.s = s;
    }

    @Override
    public byte[] readChunk() throws IOException {
        once.checkRead();
        return once.chunk(next());
    }

    @Override
    public byte[] collectWithLimit(long limit) throws IOException {
        return once.collect(this, limit);
    }

    private byte[] next() throws IOException {
        connection.lock.lock();
        try {
            while (s.chunks.isEmpty() && !s.inboundEnded && s.inboundError == null) {
                // armed for every wait: DATA (or anything else the peer sends for this stream) wakes it
                s.bodyWaitSince = connection.clock.nanoTime() | 1; // never 0, which means "not waiting"
                connection.bodyWaiters++;
                try {
                    Http2Waits.awaitWithinDeadline(s.changed, "HTTP/2 body read");
                } finally {
                    connection.bodyWaiters--;
                    s.bodyWaitSince = 0;
                }
            }
            if (s.inboundError != null) {
                IOException e = s.inboundError;
                throw e instanceof sifr.task.TimeoutError te ? new sifr.task.TimeoutError(te.getMessage(), te)
                        : e instanceof sifr.http.BodyError be ? (be.isLimitExceeded()
                                ? sifr.http.BodyError.limitExceeded(be.getMessage(), be)
                                : new sifr.http.BodyError(be.getMessage(), be))
                        : new sifr.http.HttpError(e.getMessage(), e);
            }
            byte[] chunk = s.chunks.poll();
            if (chunk == null) {
                return Http2Connection.EMPTY;
            }
            s.queued -= chunk.length;
            connection.consumed(s, chunk.length);
            return chunk;
        } catch (InterruptedException e) {
            throw Http2Waits.interrupted(e, "HTTP/2 body read", "interrupted while reading an HTTP/2 body");
        } finally {
            connection.lock.unlock();
        }
    }

    @Override
    public OptionalLong length() {
        connection.lock.lock();
        try {
            if (s.noContent) {
                return OptionalLong.of(0);
            }
            return s.contentLength >= 0 ? OptionalLong.of(s.contentLength) : OptionalLong.empty();
        } finally {
            connection.lock.unlock();
        }
    }

    @Override
    public HeaderMap trailers() {
        connection.lock.lock();
        try {
            return s.trailers;
        } finally {
            connection.lock.unlock();
        }
    }

    /** Discards what is unread; a client also cancels a response still arriving (RST_STREAM CANCEL). */
    @Override
    public void close() {
        connection.lock.lock();
        try {
            connection.dropQueued(s);
            connection.role.bodyClosed(s);
        } finally {
            connection.lock.unlock();
        }
    }
}
