package sifr.http.internal.client;

import java.io.IOException;
import sifr.http.HttpConnection;
import sifr.http.Version;
import sifr.http.internal.h2.Http2ClientConnection;
import sifr.net.SocketAddr;

/**
 * One connection in an {@link OriginPool} and its bookkeeping. The counters are guarded by the pool's
 * lock (they are read and written only while holding it); the connection itself is used outside it.
 */
final class PooledConnection {
    final ConnectionOpener.Opened opened;
    final HttpConnection connection;
    final Http2ClientConnection http2; // null on HTTP/1.1
    final SocketAddr remote;

    // guarded by the pool's lock
    int active;       // exchanges in flight: 0 or 1 on HTTP/1.1
    long exchanges;   // exchanges started: a connection with one behind it is a reused one
    long idleSince;   // System.nanoTime() when active last fell to 0
    int streamLimit;  // HTTP/2: the server's concurrent-stream limit, refreshed at each acquire

    PooledConnection(ConnectionOpener.Opened opened, long now) {
        this.opened = opened;
        this.connection = opened.connection();
        this.http2 = connection instanceof Http2ClientConnection h2 ? h2 : null;
        this.remote = opened.tcp().remoteAddr();
        this.idleSince = now;
    }

    boolean isHttp2() {
        return http2 != null;
    }

    Version version() {
        return connection.version();
    }

    /** True if an HTTP/2 connection can take one more stream now (checked under the pool's lock). */
    boolean hasStreamRoom() {
        if (!http2.isOpen() || !http2.acceptsNewStreams()) {
            return false;
        }
        streamLimit = http2.streamLimit();
        return active < streamLimit;
    }

    void closeQuietly() {
        try {
            connection.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection is being dropped; nobody waits for its close to succeed
        }
    }
}
