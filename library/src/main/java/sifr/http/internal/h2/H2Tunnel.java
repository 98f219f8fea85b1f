package sifr.http.internal.h2;

import java.io.IOException;
import java.nio.ByteBuffer;
import sifr.http.HttpError;
import sifr.http.HttpResponse;
import sifr.http.internal.ProtocolUpgrade;
import sifr.net.ByteStream;
import sifr.net.NetError;
import sifr.net.SocketAddr;

/**
 * One HTTP/2 stream as a {@link ByteStream}: the tunnel an RFC 8441 extended CONNECT opens once it is
 * answered 2xx (WebSocket over HTTP/2), either role. Reads take the stream's DATA payloads in order,
 * returning their octets to the peer's windows as they are handed out (so a reader that stops reading
 * stops the peer); writes are DATA frames under the stream's and connection's send windows
 * ({@link Http2Outbound#writeData}, the connection's writer thread puts them on the socket).
 *
 * <p>The end maps as RFC 8441 §5 says (END_STREAM is TCP's FIN, RST_STREAM its RST):
 * <ul>
 * <li>end of the peer's DATA (END_STREAM) → {@link #read} returns -1;</li>
 * <li>{@link #shutdownWrite} → an empty DATA frame with END_STREAM;</li>
 * <li>{@link #close} after the peer ended its side → END_STREAM if not sent yet (a clean end);
 *     while the peer may still send → RST_STREAM(CANCEL), as a TCP close with unread data resets;</li>
 * <li>the peer's RST_STREAM, or the connection's end → the next read or write fails ({@link HttpError}).</li>
 * </ul>
 *
 * <p>Threads: one reader and one writer at a time, as every {@code ByteStream}; {@link #close} from any.
 * Every field of the stream is guarded by the connection's lock, as everywhere in the engine. Reads wait
 * under the calling task's deadline and are not subject to the body-read timeout (the protocol on the
 * tunnel has its own idle rules); writes stalled on a zero window are bounded by the zero-window timeout.
 */
final class H2Tunnel implements ByteStream {
    private final Http2Connection conn;
    private final H2Stream s;
    /** Run once after {@link #close} (a client closes the connection it opened for this tunnel). */
    private final Runnable afterClose;
    private byte[] chunk = Http2Connection.EMPTY; // reader thread only
    private int chunkPos;
    private boolean closed; // under conn.lock

    H2Tunnel(Http2Connection conn, H2Stream s, Runnable afterClose) {
        this.conn = conn;
        this.s = s;
        this.afterClose = afterClose;
    }

    /**
     * Server side: answers the extended CONNECT on {@code s} with {@code response}'s 2xx head and runs
     * the protocol on the tunnel until it returns; then the tunnel is closed (see {@link #close}).
     */
    static void serve(Http2Connection conn, H2Stream s, HttpResponse response, ProtocolUpgrade upgrade) {
        H2Tunnel tunnel = new H2Tunnel(conn, s, () -> { });
        try {
            Http2ResponseWriter.writeTunnelHead(conn, s, response);
            conn.lock.lock();
            try {
                s.handedOver = true;
            } finally {
                conn.lock.unlock();
            }
            upgrade.takeOver(tunnel, Http2Connection.EMPTY);
        } catch (IOException | RuntimeException e) {
            // the protocol ended abnormally; the close below resets a stream still open
        } finally {
            tunnel.close();
        }
    }

    // ------------------------------------------------------------------ reading

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(dst.remaining(), chunk.length - chunkPos);
        dst.put(chunk, chunkPos, n);
        chunkPos += n;
        return n;
    }

    @Override
    public byte[] read(int maxBytes) throws IOException {
        if (maxBytes <= 0 || maxBytes > MAX_READ_SIZE) {
            throw new IllegalArgumentException(maxBytes <= 0 ? "TCP read size must be positive"
                    : "TCP read size exceeds " + MAX_READ_SIZE + " bytes");
        }
        if (!fill()) {
            return Http2Connection.EMPTY;
        }
        int n = Math.min(maxBytes, chunk.length - chunkPos);
        byte[] out = java.util.Arrays.copyOfRange(chunk, chunkPos, chunkPos + n);
        chunkPos += n;
        return out;
    }

    /** Makes sure unread octets are in {@link #chunk}; false at the end of the peer's data. */
    private boolean fill() throws IOException {
        if (chunkPos < chunk.length) {
            return true;
        }
        conn.lock.lock();
        try {
            while (s.chunks.isEmpty() && !s.inboundEnded && s.inboundError == null) {
                Http2Waits.awaitWithinDeadline(s.changed, "HTTP/2 tunnel read");
            }
            byte[] next = s.chunks.poll();
            if (next == null) {
                if (s.inboundError != null) {
                    throw new HttpError(s.inboundError.getMessage(), s.inboundError);
                }
                return false; // END_STREAM and everything read
            }
            s.queued -= next.length;
            conn.consumed(s, next.length);
            chunk = next;
            chunkPos = 0;
            return true;
        } catch (InterruptedException e) {
            throw Http2Waits.interrupted(e, "HTTP/2 tunnel read", "interrupted while reading an HTTP/2 tunnel");
        } finally {
            conn.lock.unlock();
        }
    }

    // ------------------------------------------------------------------ writing

    @Override
    public int write(byte[] data) throws IOException {
        conn.out.writeData(s, data, 0, data.length, false);
        return data.length;
    }

    @Override
    public void writeAll(ByteBuffer src) throws IOException {
        int len = src.remaining();
        if (len == 0) {
            return;
        }
        if (src.hasArray()) {
            conn.out.writeData(s, src.array(), src.arrayOffset() + src.position(), len, false);
        } else {
            byte[] copy = new byte[len];
            src.duplicate().get(copy);
            conn.out.writeData(s, copy, 0, len, false);
        }
        src.position(src.position() + len);
    }

    @Override
    public void writeAll(byte[] data) throws IOException {
        if (data.length > 0) {
            conn.out.writeData(s, data, 0, data.length, false);
        }
    }

    /** END_STREAM: the peer reads the end of our data; later writes fail. */
    @Override
    public void shutdownWrite() throws IOException {
        conn.lock.lock();
        try {
            if (!s.localOpen() || !conn.isLive(s)) {
                if (s.outboundError != null) {
                    throw new NetError("HTTP/2 tunnel is closed: " + s.outboundError.getMessage());
                }
                return; // already ended
            }
        } finally {
            conn.lock.unlock();
        }
        conn.out.writeData(s, Http2Connection.EMPTY, 0, 0, true);
    }

    /** Ends the tunnel: END_STREAM if the peer already ended its side, else RST_STREAM(CANCEL). Idempotent. */
    @Override
    public void close() {
        conn.lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (conn.isLive(s)) {
                if (!s.remoteOpen() && s.inboundError == null && s.localOpen()) {
                    try {
                        // both sides' data is done: the clean end (§5), no reset
                        conn.out.writeData(s, Http2Connection.EMPTY, 0, 0, true);
                    } catch (IOException e) {
                        // the connection is going away: nothing left to end
                    }
                } else if (s.remoteOpen() || s.localOpen()) {
                    // not a handshake for the handler: it is the one closing
                    conn.resetStream(s.id, Http2ErrorCode.CANCEL, "tunnel closed", false);
                }
            }
            conn.dropQueued(s);
        } finally {
            conn.lock.unlock();
        }
        afterClose.run();
    }

    @Override
    public SocketAddr localAddr() {
        return conn.stream.localAddr();
    }

    @Override
    public SocketAddr remoteAddr() {
        return conn.stream.remoteAddr();
    }
}
