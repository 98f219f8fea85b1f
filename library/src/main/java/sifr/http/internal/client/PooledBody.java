package sifr.http.internal.client;

import java.io.IOException;
import java.util.OptionalLong;
import sifr.http.BodyError;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.internal.ReadOnce;
import sifr.task.internal.Deadlines;
import sifr.task.internal.TaskContext;

/**
 * A pooled response's body: each read is bounded by the read timeout and the call's deadline, and the
 * connection goes back to the pool once the body has ended, failed or been closed (exactly once). A
 * read that fails or times out closes the underlying body first: on HTTP/1.1 that closes the
 * connection (its framing is lost mid-body), on HTTP/2 it resets only the stream. The call's body
 * limit is enforced here (the pooled connections underneath have none): a {@code Content-Length}
 * above it fails the first read, a body that grows past it fails the read that crosses it.
 */
final class PooledBody implements BodyStream {
    private final BodyStream body;
    private final ClientCall call;
    private final OriginPool.Lease lease;
    private final ReadOnce once = new ReadOnce();
    private long received;
    private boolean released;

    PooledBody(BodyStream body, ClientCall call, OriginPool.Lease lease) {
        this.body = body;
        this.call = call;
        this.lease = lease;
    }

    @Override
    public byte[] readChunk() throws IOException {
        once.checkRead();
        if (released) {
            return once.chunk(new byte[0]);
        }
        long limit = call.maxResponseBodyBytes();
        OptionalLong declared = body.length();
        if (received == 0 && declared.isPresent() && declared.getAsLong() > limit) {
            failed(); // Content-Length already says it: fail before handing out any of it
            throw BodyError.limitExceeded("response body exceeds limit of " + limit + " bytes (Content-Length: "
                    + declared.getAsLong() + ")");
        }
        byte[] chunk = readBounded();
        if (chunk.length == 0) {
            end();
        } else {
            received += chunk.length;
            if (received > limit) {
                failed();
                throw BodyError.limitExceeded("response body exceeds limit of " + limit + " bytes");
            }
        }
        return once.chunk(chunk);
    }

    @Override
    public byte[] collectWithLimit(long limit) throws IOException {
        return once.collect(this, limit);
    }

    @Override
    public OptionalLong length() {
        return body.length();
    }

    @Override
    public HeaderMap trailers() {
        return body.trailers();
    }

    /** Discards the rest (HTTP/1.1 drains a small rest, else closes; HTTP/2 resets the stream). */
    @Override
    public void close() throws IOException {
        if (released) {
            return;
        }
        try {
            body.close();
        } finally {
            release();
        }
    }

    /** The next chunk, within the read timeout and the call's deadline; a failure gives the connection back. */
    private byte[] readBounded() throws IOException {
        try {
            long deadline = TaskContext.earlier(call.deadline(), TaskContext.after(call.settings().readTimeout().toNanos()));
            return Deadlines.under(deadline, body::readChunk);
        } catch (Exception e) {
            failed();
            throw call.failure(e);
        }
    }

    /**
     * Reads an empty body's end at once, so that its connection (or HTTP/2 stream slot) is not held
     * until the caller closes a response it has no reason to read.
     */
    void finishIfEmpty() throws IOException {
        OptionalLong n = body.length();
        if (n.isPresent() && n.getAsLong() == 0 && readBounded().length == 0) {
            end();
        }
    }

    private void end() {
        call.bodyEnded(received);
        release();
    }

    private void failed() {
        try {
            body.close();
        } catch (IOException | RuntimeException ignored) {
            // the read failure is what the caller sees
        }
        release();
    }

    private void release() {
        if (!released) {
            released = true;
            call.release(lease);
        }
    }
}
