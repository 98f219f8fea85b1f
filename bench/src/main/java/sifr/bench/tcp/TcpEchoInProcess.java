package sifr.bench.tcp;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * {@link TcpEchoThroughputBenchmark}'s set-up without JMH, for profiling one server at a time
 * ({@code strace -c -f}, JFR): server and client in this JVM, 1 MiB written in 64 KiB chunks, then
 * wait for its echo. Usage: {@code sifr|sifr-split|netty <seconds>}; prints MiB/s.
 */
public final class TcpEchoInProcess {
    private TcpEchoInProcess() {
    }

    public static void main(String[] args) throws Exception {
        int mib = 1024 * 1024;
        ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
        try (EchoServers.Running server = "netty".equals(args[0]) ? EchoServers.netty()
                : EchoServers.sifr(0, "sifr-split".equals(args[0]));
             EchoClient client = new EchoClient(server.port())) {
            client.startDrain(mib);
            long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
            long start = System.nanoTime();
            int ops = 0;
            while (System.nanoTime() < end) {
                for (int sent = 0; sent < mib; sent += chunk.capacity()) {
                    client.stream.writeAll(chunk.clear());
                }
                client.awaitUnit();
                ops++;
            }
            System.out.printf(Locale.ROOT, "%s: %d MiB echoed, %.1f MiB/s%n", args[0], ops,
                    ops / ((System.nanoTime() - start) / 1e9));
        }
    }
}
