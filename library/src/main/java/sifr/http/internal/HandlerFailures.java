package sifr.http.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.CancellationException;
import sifr.http.RequestHead;
import sifr.net.SocketAddr;

/**
 * Records a handler that failed on {@code sifr.http.server}, once per exchange ({@link ServerExchange}
 * calls it for HTTP/1.1 and HTTP/2): the peer gets a bare status, so the log is the only place the
 * failure shows. A 500 (a handler bug) is ERROR with method, target, version, client and the exception
 * (its stack trace); a cancelled handler (the server closing, a stream reset) is not a bug and goes to
 * DEBUG, as do failures answered with a 4xx (a body over its limit, a malformed body: the client's).
 */
public final class HandlerFailures {
    private static final System.Logger LOG = System.getLogger("sifr.http.server");

    private HandlerFailures() {
    }

    public static void log(RequestHead head, SocketAddr client, int status, Throwable e) {
        Level level = status < 500 || e instanceof CancellationException ? Level.DEBUG : Level.ERROR;
        if (!LOG.isLoggable(level)) {
            return;
        }
        LOG.log(level, "handler failed for " + head.method() + " " + head.path() + " " + head.version()
                + " from " + client + "; answered " + status, e);
    }
}
