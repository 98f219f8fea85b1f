package sifr.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.task.Task;
import sifr.task.TaskHandle;
import sifr.task.TaskScope;

/** 2,000 concurrent echo connections over loopback, every byte checked; bounded by a 90 s deadline. */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TcpEchoLoadTest {
    static final int CONNECTIONS = 2_000;
    static final int PAYLOAD = 8 * 1024;

    @Test
    void twoThousandConcurrentEchoConnectionsVerifyEveryByte() throws Exception {
        NetTesting.warmUp();
        int socketsBefore = NetTesting.openSockets();
        AtomicLong echoedBytes = new AtomicLong();
        long t0 = System.nanoTime();
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0", TcpListenOptions.builder().backlog(4096).build())) {
            String address = listener.localAddr().toString();
            Task.timeout(Duration.ofSeconds(90), () -> {
                try (TaskScope server = Task.scope()) {
                    server.spawn(() -> {
                        for (int i = 0; i < CONNECTIONS; i++) {
                            TcpStream conn = listener.accept();
                            server.spawn(() -> echo(conn, echoedBytes));
                        }
                        return null;
                    });
                    try (TaskScope clients = Task.scope()) {
                        List<TaskHandle<Boolean>> results = new ArrayList<>(CONNECTIONS);
                        for (int i = 0; i < CONNECTIONS; i++) {
                            long seed = i;
                            results.add(clients.spawn(() -> roundTrip(address, seed)));
                        }
                        assertThat(Task.gather(results)).hasSize(CONNECTIONS).containsOnly(true);
                    }
                    // every server-side handler finishes once its client closed
                    for (int i = 0; i < 2_000 && echoedBytes.get() < (long) CONNECTIONS * PAYLOAD; i++) {
                        Thread.sleep(5);
                    }
                }
                return null;
            });
        }
        System.out.printf("measured: %d echo connections, %d bytes each way, in %.0f ms%n",
                CONNECTIONS, (long) CONNECTIONS * PAYLOAD, NetTesting.millisSince(t0));
        assertThat(echoedBytes.get()).isEqualTo((long) CONNECTIONS * PAYLOAD);
        NetTesting.assertReleased(socketsBefore);
    }

    private static Void echo(TcpStream conn, AtomicLong echoedBytes) throws Exception {
        try (conn) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (conn.read(buf) > 0) {
                buf.flip();
                echoedBytes.addAndGet(buf.remaining());
                conn.writeAll(buf);
                buf.clear();
            }
        }
        return null;
    }

    private static boolean roundTrip(String address, long seed) throws Exception {
        byte[] payload = new byte[PAYLOAD];
        new Random(seed).nextBytes(payload);
        try (TcpStream stream = Net.connectTcp(address)) {
            stream.writeAll(payload);
            stream.shutdownWrite();
            byte[] echoed = stream.inputStream().readAllBytes();
            return Arrays.equals(echoed, payload);
        }
    }
}
