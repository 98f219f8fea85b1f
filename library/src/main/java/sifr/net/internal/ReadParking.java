package sifr.net.internal;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for a socket to become readable without a thread ({@code TcpStream.whenReadable}): one
 * selector for the process, on a platform daemon thread ({@code sifr-read-parking}), holds the sockets
 * of idle connections. Why: a virtual thread parked in a socket read keeps its stack (1.6-2.4 KB at
 * least) and thread objects; thousands of idle WebSocket connections are mostly that (issue 19).
 *
 * <p>A parked socket is in non-blocking mode (a selector requires it) and registered for OP_READ.
 * Whoever claims a parked socket first wakes it: the selector when it is readable, {@code close}, or a
 * write that found the socket buffer full (a non-blocking write cannot wait). The claimer cancels the
 * key; the selector thread then deregisters it (the next select does, so it runs one), puts the
 * channel back in blocking mode — which needs the key gone — and starts the waiting action on a new
 * virtual thread. So every wake-up, whatever caused it, ends the same way: blocking again, one new
 * reader thread. A write waiting for blocking mode waits until the selector thread has restored it.
 *
 * <p>States of a {@link Parked}: REGISTERING (the parker is still registering), PARKED (only the
 * selector holds it), WAKE_REQUESTED (claimed while registering: the parker hands it over when done),
 * CLAIMED (being woken). Only the claim moves it out of PARKED, by compare-and-set, so the action runs
 * once.
 */
public final class ReadParking {
    private static final int REGISTERING = 0;
    private static final int PARKED = 1;
    private static final int WAKE_REQUESTED = 2;
    private static final int CLAIMED = 3;
    /** Bound on a writer's wait for the selector to give the socket back (it takes microseconds). */
    private static final long RESTORE_WAIT_SECONDS = 10;

    private final Selector selector;
    private volatile boolean failed;
    /** Claimed by someone other than the selector thread: their keys are cancelled, blocking mode not yet back. */
    private final ConcurrentLinkedQueue<Parked> claimed = new ConcurrentLinkedQueue<>();

    private ReadParking() throws IOException {
        this.selector = Selector.open();
        Thread.ofPlatform().name("sifr-read-parking").daemon(true).start(this::loop);
    }

    /** The process's one, made at the first park (class initialization: lazy and thread-safe). */
    private static final class Shared {
        static final ReadParking INSTANCE = open();

        private static ReadParking open() {
            try {
                return new ReadParking();
            } catch (IOException e) {
                return null; // no selector: nothing parks (park returns false), reads block as before
            }
        }
    }

    /**
     * Parks {@code channel} until it is readable or {@link Parked#wake woken}; then, on a new virtual
     * thread with the channel blocking again, runs {@code action}. The caller must be the channel's only
     * reader and must not read until {@code action} runs.
     *
     * @param registered called with the new handle before the channel leaves blocking mode, so that a
     *     writer or a close that comes meanwhile finds it
     * @return false, and nothing parked, when the channel cannot be registered (closed); the channel is
     *     blocking then as before
     */
    public static boolean park(SocketChannel channel, Runnable action, java.util.function.Consumer<Parked> registered) {
        ReadParking rp = Shared.INSTANCE;
        if (rp == null || rp.failed) {
            return false;
        }
        Parked p = new Parked(rp, channel, action);
        registered.accept(p);
        try {
            channel.configureBlocking(false);
            p.key = channel.register(rp.selector, SelectionKey.OP_READ, p);
        } catch (IOException | IllegalBlockingModeException | ClosedSelectorException | CancelledKeyException e) {
            p.abandon();
            return false;
        }
        if (!p.compareAndSet(REGISTERING, PARKED)) {
            // woken while registering (closed, or a writer needs blocking mode): hand it to the selector now
            p.set(CLAIMED);
            p.key.cancel();
            rp.claimed.add(p);
        }
        rp.selector.wakeup(); // a registration takes effect at the selector's next select
        return true;
    }

    /** How many sockets are parked now (keys still registered with the selector), for tests and diagnostics. */
    public static int parkedCount() {
        ReadParking p = Shared.INSTANCE;
        return p == null ? 0 : p.selector.keys().size();
    }

    /**
     * One parked socket; the AtomicInteger is its state. Kept small, as there is one per idle connection:
     * no latch for {@code restored} (a writer waiting for it is rare: it parks, the selector unparks it).
     */
    @SuppressWarnings("serial") // never serialized
    public static final class Parked extends AtomicInteger {
        private final ReadParking owner;
        private final SocketChannel channel;
        private final Runnable action;
        private volatile SelectionKey key;
        private volatile boolean restored; // blocking again (or never left it): writes may block
        private volatile Thread waiter; // a writer waiting for restored

        private Parked(ReadParking owner, SocketChannel channel, Runnable action) {
            super(REGISTERING);
            this.owner = owner;
            this.channel = channel;
            this.action = action;
        }

        /**
         * Wakes the parked socket as if it were readable (for a close, or before a write that must block);
         * nothing if it is already being woken. Does not wait; safe from any thread, the timer's too.
         */
        public void wake() {
            while (true) {
                int s = get();
                if (s == PARKED) {
                    if (compareAndSet(PARKED, CLAIMED)) {
                        key.cancel();
                        owner.claimed.add(this);
                        owner.selector.wakeup();
                        return;
                    }
                } else if (s == REGISTERING) {
                    if (compareAndSet(REGISTERING, WAKE_REQUESTED)) {
                        return; // park() hands it over once registered
                    }
                } else {
                    return;
                }
            }
        }

        /**
         * {@link #wake} and waits until the channel is blocking again (at most 10 s: the selector thread
         * does it right after its next select). For a write that found the socket buffer full.
         */
        public void wakeAndAwaitBlocking() throws IOException {
            wake();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RESTORE_WAIT_SECONDS);
            waiter = Thread.currentThread(); // one writer at a time (the stream's contract)
            try {
                while (!restored) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IOException("socket was not given back by the read-parking selector");
                    }
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted waiting for a parked socket");
                    }
                    LockSupport.parkNanos(this, left);
                }
            } finally {
                waiter = null;
            }
        }

        /** Blocking again: a writer waiting for it may go on. */
        private void markRestored() {
            restored = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }

        /** Registration failed: the channel was never parked; blocking again if it is still open. */
        private void abandon() {
            set(CLAIMED);
            SelectionKey k = key;
            if (k != null) {
                k.cancel();
                owner.claimed.add(this); // restoring needs the key deregistered; the action must still run
                owner.selector.wakeup();
                return;
            }
            restoreBlocking();
            markRestored();
        }

        private void restoreBlocking() {
            try {
                channel.configureBlocking(true);
            } catch (ClosedChannelException e) {
                // closed while parked: the action's read reports it
            } catch (IOException | IllegalBlockingModeException e) {
                // cannot happen once deregistered; the action's read fails if the channel is unusable
            }
        }
    }

    private void loop() {
        List<Parked> woken = new ArrayList<>();
        while (true) {
            try {
                selector.select();
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    Parked p = (Parked) k.attachment();
                    if (p.compareAndSet(PARKED, CLAIMED)) {
                        k.cancel();
                        woken.add(p);
                    }
                }
                for (Parked p; (p = claimed.poll()) != null; ) {
                    woken.add(p);
                }
                if (woken.isEmpty()) {
                    continue;
                }
                // Cancelled keys are deregistered by the next selection operation; only then may a channel
                // become blocking again. Keys this selects stay in the selected set for the next round.
                selector.selectNow();
                for (Parked p : woken) {
                    p.restoreBlocking();
                    p.markRestored();
                    Thread.ofVirtual().name("sifr-read-woken").start(p.action);
                }
                woken.clear();
            } catch (IOException | ClosedSelectorException e) {
                // the selector itself failed (not seen in practice): nothing parks any more
                failed = true;
                return;
            }
        }
    }
}
