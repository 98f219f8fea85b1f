package sifr.net.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import sifr.net.NetError;
import sifr.net.SocketAddr;
import sifr.task.Task;
import sifr.task.TimeoutError;
import sifr.task.internal.BlockingOp;
import sifr.task.internal.Deadlines;
import sifr.task.internal.TaskContext;
import sifr.task.internal.Waits;

/**
 * Opens a connected {@link SocketChannel} to one of several addresses: every address is tried; with
 * more than one, attempts are staggered as in Happy Eyeballs (RFC 8305): families interleaved,
 * a new attempt every 250 ms or as soon as the previous one fails, the first to connect wins and
 * the others are cancelled and closed before this returns ({@code Task.firstSuccess}).
 */
public final class Connector {
    /** RFC 8305 §5 "Connection Attempt Delay" (recommended 250 ms). */
    static final long ATTEMPT_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final String OP = "TCP connect";

    private Connector() {
    }

    /**
     * Connects to the first reachable address.
     *
     * @param deadline the connect's own deadline ({@link System#nanoTime()}) or {@link TaskContext#NO_DEADLINE};
     *     the task's deadline applies as well
     */
    public static SocketChannel connect(List<SocketAddr> addrs, SocketAddr local, boolean noDelay, long deadline)
            throws IOException {
        return connect(addrs, local, noDelay, deadline, ATTEMPT_DELAY_NANOS);
    }

    /** {@link #connect(List, SocketAddr, boolean, long)} with another attempt delay: tests set it far apart from their deadlines. */
    static SocketChannel connect(List<SocketAddr> addrs, SocketAddr local, boolean noDelay, long deadline, long attemptDelayNanos)
            throws IOException {
        if (addrs.isEmpty()) {
            throw new NetError("TCP connect failed: no addresses to connect to");
        }
        TcpEvents.Connect event = new TcpEvents.Connect();
        event.begin();
        try {
            SocketChannel ch = addrs.size() == 1
                    ? connectOne(addrs.get(0), local, noDelay, deadline)
                    : race(interleave(addrs), local, noDelay, deadline, attemptDelayNanos);
            TcpEvents.connected(event, ch, addrs.size(), null);
            return ch;
        } catch (IOException | RuntimeException e) {
            TcpEvents.connected(event, null, addrs.size(), e);
            throw e;
        }
    }

    /** One attempt on the calling thread. */
    static SocketChannel connectOne(SocketAddr addr, SocketAddr local, boolean noDelay, long deadline)
            throws IOException {
        BlockingOp op = BlockingOp.begin(OP, deadline);
        SocketChannel ch = null;
        try {
            ch = open(addr, local, noDelay);
            ch.connect(addr.toInetSocketAddress());
            SocketChannel connected = ch;
            ch = null;
            return connected;
        } catch (ClosedByInterruptException e) {
            throw op.interrupted(e);
        } catch (IOException e) {
            throw failed(addr, e);
        } finally {
            op.end();
            closeQuietly(ch);
        }
    }

    private static SocketChannel open(SocketAddr addr, SocketAddr local, boolean noDelay) throws IOException {
        SocketChannel ch = SocketChannel.open(addr.isIpv6() ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
            if (local != null) {
                ch.bind(local.toInetSocketAddress());
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** RFC 8305 §4: alternate families, starting with the family the resolver listed first. */
    static List<SocketAddr> interleave(List<SocketAddr> addrs) {
        boolean firstV6 = addrs.get(0).isIpv6();
        List<SocketAddr> first = new ArrayList<>();
        List<SocketAddr> second = new ArrayList<>();
        for (SocketAddr a : addrs) {
            (a.isIpv6() == firstV6 ? first : second).add(a);
        }
        List<SocketAddr> out = new ArrayList<>(addrs.size());
        for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
            if (i < first.size()) {
                out.add(first.get(i));
            }
            if (i < second.size()) {
                out.add(second.get(i));
            }
        }
        return out;
    }

    /**
     * Happy Eyeballs as {@code Task.firstSuccess}: one child task per address, each waiting for its
     * turn in the {@link AttemptStagger}; the first to connect wins, the others are cancelled
     * (which closes their channels) and waited for, and a loser that connected at the same moment
     * is closed. firstSuccess, not race: a refused address must not end the connect.
     */
    private static SocketChannel race(List<SocketAddr> addrs, SocketAddr local, boolean noDelay, long opDeadline,
            long attemptDelayNanos) throws IOException {
        TaskContext ctx = TaskContext.current();
        Waits.checkCancelled(ctx, OP);
        long deadline = TaskContext.earlier(ctx.deadline(), opDeadline);
        AttemptStagger stagger = new AttemptStagger(OP, attemptDelayNanos);
        List<Callable<SocketChannel>> attempts = new ArrayList<>(addrs.size());
        for (int i = 0; i < addrs.size(); i++) {
            int index = i;
            SocketAddr addr = addrs.get(i);
            attempts.add(() -> {
                stagger.awaitTurn(index);
                try {
                    return connectOne(addr, local, noDelay, TaskContext.NO_DEADLINE);
                } catch (IOException e) {
                    stagger.failed(); // RFC 8305: a failure starts the next attempt at once
                    throw e;
                }
            });
        }
        // the children inherit the connect's own deadline through the context; this is not a
        // Task.timeout block, so its expiry stays "TCP connect timed out" as SPEC says
        try {
            return Deadlines.under(deadline, () -> Task.firstSuccess(attempts, Connector::closeQuietly));
        } catch (IOException e) {
            if (!(e instanceof TimeoutError) && deadline != TaskContext.NO_DEADLINE && deadline - System.nanoTime() <= 0) {
                TimeoutError timedOut = new TimeoutError(OP + " timed out");
                timedOut.addSuppressed(e);
                throw timedOut;
            }
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new NetError("TCP connect failed: " + e, e); // attempts throw only IOException or unchecked
        }
    }

    private static IOException failed(SocketAddr addr, IOException e) {
        if (e instanceof NetError || e instanceof TimeoutError) {
            return e;
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new NetError("TCP connect to " + addr + " failed: " + why, e);
    }

    static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing a half-open attempt: nothing to report
            }
        }
    }

}
