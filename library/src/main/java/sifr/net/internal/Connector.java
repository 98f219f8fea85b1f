package sifr.net.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import sifr.net.NetError;
import sifr.net.SocketAddr;
import sifr.task.CancelledError;
import sifr.task.TimeoutError;
import sifr.task.internal.BlockingOp;
import sifr.task.internal.TaskContext;
import sifr.task.internal.Waits;

/**
 * Opens a connected {@link SocketChannel} to one of several addresses: every address is tried; with
 * more than one, attempts are staggered as in Happy Eyeballs (RFC 8305): families interleaved,
 * a new attempt every 250 ms or as soon as the previous one fails, the first to connect wins and
 * the others are cancelled and closed before this returns.
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
        if (addrs.isEmpty()) {
            throw new NetError("TCP connect failed: no addresses to connect to");
        }
        if (addrs.size() == 1) {
            return connectOne(addrs.get(0), local, noDelay, deadline);
        }
        return race(interleave(addrs), local, noDelay, deadline);
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

    private record Outcome(Attempt attempt, SocketChannel channel, IOException error) {
    }

    /** One staggered attempt on its own virtual thread; cancelled by interrupt (which closes its channel). */
    private static final class Attempt {
        final SocketAddr addr;
        Thread thread;

        Attempt(SocketAddr addr) {
            this.addr = addr;
        }

        void start(SocketAddr local, boolean noDelay, LinkedBlockingQueue<Outcome> outcomes) {
            thread = Thread.ofVirtual().name("sifr-connect").start(() -> {
                SocketChannel ch = null;
                try {
                    ch = open(addr, local, noDelay);
                    ch.connect(addr.toInetSocketAddress());
                    outcomes.add(new Outcome(this, ch, null));
                } catch (IOException e) {
                    closeQuietly(ch);
                    outcomes.add(new Outcome(this, null, e));
                }
            });
        }

        void cancelAndJoin() {
            thread.interrupt();
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static SocketChannel race(List<SocketAddr> addrs, SocketAddr local, boolean noDelay, long opDeadline)
            throws IOException {
        TaskContext ctx = TaskContext.peek();
        Waits.checkCancelled(ctx, OP);
        long deadline = ctx == null ? opDeadline : TaskContext.earlier(ctx.deadline(), opDeadline);
        LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        List<Attempt> attempts = new ArrayList<>(addrs.size());
        SocketChannel winner = null;
        IOException lastError = null;
        int finished = 0;
        try {
            long nextStart = System.nanoTime();
            while (true) {
                if (attempts.size() < addrs.size() && System.nanoTime() - nextStart >= 0) {
                    Attempt a = new Attempt(addrs.get(attempts.size()));
                    attempts.add(a);
                    a.start(local, noDelay, outcomes);
                    nextStart = System.nanoTime() + ATTEMPT_DELAY_NANOS;
                }
                long waitUntil = attempts.size() < addrs.size() ? nextStart : TaskContext.NO_DEADLINE;
                waitUntil = TaskContext.earlier(waitUntil, deadline);
                Outcome o;
                try {
                    o = waitUntil == TaskContext.NO_DEADLINE
                            ? outcomes.take()
                            : outcomes.poll(waitUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    throw Waits.cancelled(OP, e);
                }
                if (o == null) {
                    if (deadline != TaskContext.NO_DEADLINE && deadline - System.nanoTime() <= 0) {
                        throw new TimeoutError(OP + " timed out");
                    }
                    continue; // time to start the next attempt
                }
                finished++;
                if (o.channel != null) {
                    winner = o.channel;
                    return winner;
                }
                lastError = failed(o.attempt.addr, o.error);
                if (attempts.size() < addrs.size()) {
                    nextStart = System.nanoTime(); // a failure starts the next attempt at once
                } else if (finished == attempts.size()) {
                    throw lastError;
                }
            }
        } finally {
            for (Attempt a : attempts) {
                a.cancelAndJoin();
            }
            for (Outcome o; (o = outcomes.poll()) != null; ) {
                if (o.channel != winner) {
                    closeQuietly(o.channel);
                }
            }
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
