package sifr.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import sifr.task.internal.BlockingOp;
import sifr.task.internal.TaskStats;

/** Helpers for the network tests: resource accounting and a listener whose backlog is full. */
final class NetTesting {
    private NetTesting() {
    }

    /** Open socket descriptors of this process (Linux: /proc/self/fd links named socket:[...]). */
    static int openSockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            int n = 0;
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        n++;
                    }
                } catch (IOException ignored) {
                    // the descriptor closed while we listed it
                }
            }
            return n;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
    }

    /**
     * Runs each kind of cancelled operation once before a test takes its baselines: the first close of
     * a channel with a thread blocked on it makes the JDK create its one shared "pre-close" socket
     * (a process-wide singleton, not a leak), and the first timeout loads and links the classes on that
     * path, which on a loaded machine costs far more than the cancellation itself.
     */
    static void warmUp() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            for (int i = 0; i < 3; i++) {
                try {
                    sifr.task.Task.timeout(java.time.Duration.ofMillis(5), listener::accept);
                } catch (sifr.task.TimeoutError expected) {
                    // warming the accept path
                }
            }
            try {
                sifr.task.Task.timeout(java.time.Duration.ofMillis(5), () -> client.read(1));
            } catch (sifr.task.TimeoutError expected) {
                // warming the read path; this closes the client
            }
        }
    }

    /** Asserts that sockets, armed deadline timers and live child tasks are back at their baseline. */
    static void assertReleased(int socketsBefore) throws InterruptedException {
        // a channel closed while a thread was blocked on it releases its descriptor when that thread leaves
        for (int i = 0; i < 200 && (openSockets() > socketsBefore || TaskStats.liveTasks() > 0); i++) {
            Thread.sleep(5);
        }
        assertThat(openSockets()).as("open sockets").isLessThanOrEqualTo(socketsBefore);
        assertThat(BlockingOp.armedTimers()).as("armed deadline timers").isZero();
        assertThat(TaskStats.liveTasks()).as("live child tasks").isZero();
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt status of the test thread").isFalse();
    }

    /**
     * A loopback listener with backlog 1 that never accepts, filled until a connect no longer
     * completes: the kernel drops further SYNs, so a connect to it blocks (retransmitting) until
     * cancelled. Closing it closes the fillers too.
     */
    static final class FullBacklog implements AutoCloseable {
        final TcpListener listener;
        final List<TcpStream> fillers = new ArrayList<>();

        FullBacklog() throws Exception {
            listener = Net.listenTcp("127.0.0.1:0", TcpListenOptions.builder().backlog(1).build());
            for (int i = 0; i < 64; i++) {
                try {
                    fillers.add(Net.connectTcp(listener.localAddr().toString(),
                            TcpConnectOptions.builder().timeout(java.time.Duration.ofMillis(200)).build()));
                } catch (sifr.task.TimeoutError e) {
                    return; // the backlog is full: connects now hang
                }
            }
            throw new IllegalStateException("backlog never filled after 64 connections");
        }

        String address() {
            return listener.localAddr().toString();
        }

        @Override
        public void close() throws Exception {
            for (TcpStream s : fillers) {
                s.close();
            }
            listener.close();
        }
    }

    static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
