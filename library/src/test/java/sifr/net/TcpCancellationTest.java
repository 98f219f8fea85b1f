package sifr.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.task.CancelledError;
import sifr.task.Task;
import sifr.task.TaskHandle;
import sifr.task.TaskScope;
import sifr.task.TimeoutError;

/**
 * Every blocking TCP operation ends when its task is cancelled or its deadline passes, with the
 * typed error, and releases its socket, timers and tasks. Each operation here would otherwise block
 * for good (no data, no client, a full backlog, a peer that never reads), so ending within
 * {@link #MARGIN} shows that the cancel or deadline ended it; the margin is not a speed goal (timings
 * belong in benchmarks: the goal is 50 ms, and each test prints its figure, {@code measured: ...}).
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpCancellationTest {
    /** Far beyond any prompt return, far below what the blocked operation would wait without the cancel. */
    static final Duration MARGIN = Duration.ofSeconds(5);
    static final Duration BLOCK_FIRST = Duration.ofMillis(150); // let the operation block before cancelling
    private int socketsBefore;

    @BeforeAll
    static void warmUp() throws Exception {
        NetTesting.warmUp();
    }

    @BeforeEach
    void countSockets() {
        socketsBefore = NetTesting.openSockets();
    }

    @AfterEach
    void resourcesReleased() throws Exception {
        NetTesting.assertReleased(socketsBefore);
    }

    /** Spawns {@code op}, lets it block, cancels it; returns ms from cancel() to the caller seeing CancelledError. */
    private static <T> double cancelAfterBlocking(java.util.concurrent.Callable<T> op) throws Exception {
        try (TaskScope scope = Task.scope()) {
            TaskHandle<T> h = scope.spawn(op);
            Thread.sleep(BLOCK_FIRST.toMillis());
            assertThat(h.isDone()).as("operation is blocked").isFalse();
            long t0 = System.nanoTime();
            h.cancel();
            Throwable seen = null;
            try {
                h.join();
            } catch (Throwable e) {
                seen = e;
            }
            double ms = NetTesting.millisSince(t0); // taken before any assertion library code runs
            assertThat(seen).isInstanceOf(CancelledError.class);
            return ms;
        }
    }

    /**
     * Runs {@code op} in a timeout block; returns ms between the deadline and the caller seeing the
     * timeout: the block's {@code task timeout expired}, caused by the operation's own {@code message}.
     */
    private static double overshootPastDeadline(Duration timeout, String message,
            java.util.concurrent.Callable<?> op) {
        long t0 = System.nanoTime();
        Throwable seen = null;
        try {
            Task.timeout(timeout, op);
        } catch (Throwable e) {
            seen = e;
        }
        double ms = NetTesting.millisSince(t0) - timeout.toMillis();
        assertThat(seen).isInstanceOf(TimeoutError.class).hasMessage("task timeout expired")
                .cause().isInstanceOf(TimeoutError.class).hasMessage(message);
        return ms;
    }

    private static void report(String what, double ms) {
        System.out.printf("measured: %s returned %.2f ms after the cancel/deadline%n", what, ms);
        assertThat(ms).as(what + ": ended by the cancel or deadline (ms after it)").isLessThan((double) MARGIN.toMillis());
    }

    @Test
    void cancelledAcceptReturnsPromptlyAndKeepsTheListener() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            report("accept (cancel)", cancelAfterBlocking(listener::accept));
            report("accept (deadline)", overshootPastDeadline(BLOCK_FIRST, "TCP accept timed out", listener::accept));
            assertThat(listener.isOpen()).isTrue();
        }
    }

    @Test
    void cancelledReadReturnsPromptlyAndClosesTheStream() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            report("read (cancel)", cancelAfterBlocking(() -> client.read(16)));
            assertThat(client.isOpen()).isFalse();
            assertThat(server.read(16)).isEmpty(); // the peer sees the close
        }
    }

    @Test
    void readPastItsDeadlineReturnsPromptly() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            report("read (deadline)", overshootPastDeadline(BLOCK_FIRST, "TCP read timed out", () -> client.read(16)));
            assertThat(client.isOpen()).isFalse();
        }
    }

    @Test
    void cancelledConnectToAFullBacklogReturnsPromptly() throws Exception {
        try (NetTesting.FullBacklog full = new NetTesting.FullBacklog()) {
            report("connect (cancel)", cancelAfterBlocking(() -> Net.connectTcp(full.address())));
            report("connect (deadline)",
                    overshootPastDeadline(BLOCK_FIRST, "TCP connect timed out", () -> Net.connectTcp(full.address())));
        }
    }

    @Test
    void connectOptionTimeoutReportsTcpConnectTimedOut() throws Exception {
        try (NetTesting.FullBacklog full = new NetTesting.FullBacklog()) {
            TcpConnectOptions options = TcpConnectOptions.builder().timeout(BLOCK_FIRST).build();
            long t0 = System.nanoTime();
            Throwable seen = null;
            try {
                Net.connectTcp(full.address(), options);
            } catch (Throwable e) {
                seen = e;
            }
            double ms = NetTesting.millisSince(t0) - BLOCK_FIRST.toMillis();
            assertThat(seen).isInstanceOf(TimeoutError.class).hasMessage("TCP connect timed out");
            report("connect (option timeout)", ms);
        }
    }

    @Test
    void cancelledWriteToAPeerThatDoesNotReadReturnsPromptly() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            byte[] big = new byte[64 << 20]; // far more than the socket buffers hold
            report("write (cancel)", cancelAfterBlocking(() -> {
                client.writeAll(big);
                return null;
            }));
            assertThat(client.isOpen()).isFalse();
        }
    }

    @Test
    void writePastItsDeadlineReturnsPromptly() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            byte[] big = new byte[64 << 20];
            report("write (deadline)", overshootPastDeadline(BLOCK_FIRST, "TCP write timed out", () -> {
                client.writeAll(big);
                return null;
            }));
        }
    }

    @Test
    void writerBlocksUntilThePeerReadsThenDeliversEveryByte() throws Exception {
        byte[] payload = new byte[16 << 20];
        new java.util.Random(7).nextBytes(payload);
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept();
                TaskScope scope = Task.scope()) {
            TaskHandle<Void> writer = scope.spawn(() -> {
                client.writeAll(payload);
                client.shutdownWrite();
                return null;
            });
            Thread.sleep(200);
            assertThat(writer.isDone()).as("writer is held back by the peer (backpressure)").isFalse();
            byte[] received = server.inputStream().readAllBytes();
            writer.join();
            assertThat(received.length).isEqualTo(payload.length);
            assertThat(Arrays.equals(received, payload)).isTrue();
        }
    }

    @Test
    void timedOutOperationLeavesTheThreadUsable() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(20), () -> client.read(ByteBuffer.allocate(8))))
                    .isInstanceOf(TimeoutError.class);
            // the same thread goes on to use the network normally
            try (TcpStream again = Net.connectTcp(listener.localAddr().toString());
                    TcpStream peer = listener.accept()) {
                again.writeAll(new byte[] {42});
                assertThat(peer.read(1)).containsExactly(42);
            }
        }
    }

    @Test
    void operationInAnAlreadyCancelledTaskFailsWithoutBlocking() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept();
                TaskScope scope = Task.scope()) {
            TaskHandle<Object> h = scope.spawn(() -> {
                Task.sleep(Duration.ofSeconds(30)); // cancelled here
                return null;
            });
            h.cancel();
            assertThatThrownBy(h::join).isInstanceOf(CancelledError.class);
            TaskHandle<byte[]> late = scope.spawn(() -> {
                Task.checkCancelled();
                return client.read(1);
            });
            scope.cancel();
            assertThatThrownBy(late::join).isInstanceOf(CancelledError.class);
        }
    }
}
