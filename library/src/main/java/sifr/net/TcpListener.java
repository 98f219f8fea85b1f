package sifr.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import sifr.task.TimeoutError;
import sifr.net.internal.TcpEvents;
import sifr.task.internal.TaskContext;
import sifr.task.internal.Waits;

/**
 * A listening TCP socket ({@link Net#listenTcp}).
 *
 * <p>Unlike a stream, a listener must survive a cancelled or timed-out {@link #accept()} (an accept
 * loop cancels its pending accept to shut down or to re-check state). So the server channel is
 * non-blocking and {@code accept} waits in the listener's own {@link Selector}: a selector wait is
 * woken by an interrupt without closing anything, and takes the deadline as its timeout.
 *
 * <p>Lock: {@link #acceptLock} serializes acceptors (one selector wait at a time); it is acquired
 * interruptibly and with the deadline, so a queued acceptor is cancellable too.
 */
public final class TcpListener implements AutoCloseable {
    private static final String OP = "TCP accept";

    static {
        // Registering a JFR event class is a VM call that pins a virtual thread; do it where the
        // listener is made (usually a platform thread), not in the first accept of the accept loop.
        new TcpEvents.Accept();
    }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final SocketAddr local;
    private final ReentrantLock acceptLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    TcpListener(ServerSocketChannel server) throws IOException {
        this.server = server;
        this.local = SocketAddr.of((InetSocketAddress) server.getLocalAddress());
        server.configureBlocking(false);
        this.selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /**
     * Waits for the next connection. Obeys the task's deadline ({@code TCP accept timed out}) and
     * cancellation ({@code TCP accept cancelled}); either leaves the listener open.
     *
     * @throws NetError {@code TCP listener is closed}
     */
    public TcpStream accept() throws IOException {
        ensureOpen();
        TcpEvents.Accept event = new TcpEvents.Accept();
        event.begin();
        TaskContext ctx = TaskContext.peek();
        Waits.checkCancelled(ctx, OP);
        long deadline = ctx == null ? TaskContext.NO_DEADLINE : ctx.deadline();
        lock(deadline);
        try {
            while (true) {
                SocketChannel ch = server.accept();
                if (ch != null) {
                    TcpStream stream = accepted(ch);
                    TcpEvents.accepted(event, stream.localAddr(), stream.remoteAddr());
                    return stream;
                }
                ensureOpen();
                if (Thread.currentThread().isInterrupted()) {
                    throw Waits.cancelled(OP, null);
                }
                long waitMillis = 0; // 0 = no timeout
                if (deadline != TaskContext.NO_DEADLINE) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new TimeoutError(OP + " timed out");
                    }
                    waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
                }
                selector.select(waitMillis);
                selector.selectedKeys().clear();
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            throw new NetError("TCP listener is closed", e);
        } finally {
            acceptLock.unlock();
        }
    }

    private void lock(long deadline) throws TimeoutError {
        try {
            if (deadline == TaskContext.NO_DEADLINE) {
                acceptLock.lockInterruptibly();
            } else if (!acceptLock.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutError(OP + " timed out");
            }
        } catch (InterruptedException e) {
            throw Waits.cancelled(OP, e);
        }
    }

    private static TcpStream accepted(SocketChannel ch) throws IOException {
        try {
            ch.configureBlocking(true);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new TcpStream(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public SocketAddr localAddr() {
        return local;
    }

    /**
     * Stops listening; a pending {@link #accept()} ends with {@code TCP listener is closed}.
     *
     * @throws NetError {@code TCP listener is already closed} on a second call
     */
    @Override
    public void close() throws NetError {
        if (!closed.compareAndSet(false, true)) {
            throw new NetError("TCP listener is already closed");
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing useful to do: the descriptor is released either way
        } finally {
            try {
                selector.close();
            } catch (IOException ignored) {
                // same
            }
        }
    }

    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public String toString() {
        return "TcpListener[" + local + (closed.get() ? ", closed" : "") + "]";
    }

    private void ensureOpen() throws NetError {
        if (closed.get()) {
            throw new NetError("TCP listener is closed");
        }
    }
}
