package sifr.bench.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load tool of {@code bench/run}'s TCP bulk row: streams to an echo server for a number of seconds
 * (one platform thread writing 64 KiB chunks from a direct buffer, one reading the echo into another)
 * and prints the echoed bytes per second. Plain JDK channels on platform threads, so the client is
 * the same for every server and contains no Sifr code.
 *
 * <p>Usage: {@code <port> <seconds> [<window MiB>]}; prints {@code echoed <bytes> bytes in <ns> ns}.
 * With a window the writer stops whenever that many bytes are in flight (written, not yet echoed)
 * until the echo catches up: {@code 1} is the JMH benchmark's pattern (1 MiB out, wait for it back).
 */
@SuppressWarnings("SIFR-IMPORT-0008") // the measuring client stays independent of the library under test
public final class TcpBulkClient {
    private static final int CHUNK = 64 * 1024;

    private TcpBulkClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: java -cp ... " + TcpBulkClient.class.getName() + " <port> <seconds> [<window MiB>]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        long nanos = Long.parseLong(args[1]) * 1_000_000_000L;
        long window = args.length == 3 ? Long.parseLong(args[2]) * 1024 * 1024 : Long.MAX_VALUE;
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            AtomicLong echoed = new AtomicLong();
            Thread reader = Thread.ofPlatform().daemon().name("bulk-reader").start(() -> drain(ch, echoed));
            ByteBuffer out = ByteBuffer.allocateDirect(CHUNK);
            byte[] random = new byte[CHUNK];
            new java.util.Random(1).nextBytes(random);
            out.put(random);
            long start = System.nanoTime();
            long startBytes = echoed.get();
            long end = start + nanos;
            long sent = 0;
            while (System.nanoTime() < end) {
                if (sent - echoed.get() >= window) {
                    awaitEcho(echoed, sent, end);
                    continue;
                }
                sent += CHUNK;
                out.clear();
                while (out.hasRemaining()) {
                    ch.write(out);
                }
            }
            long got = echoed.get() - startBytes;
            long took = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "echoed %d bytes in %d ns: %.1f MiB/s%n", got, took,
                    got / (took / 1e9) / (1024 * 1024));
            ch.shutdownOutput();
            reader.join(10_000);
        }
    }

    /** Waits (spinning politely, bounded by {@code end}) until everything sent came back. */
    private static void awaitEcho(AtomicLong echoed, long sent, long end) {
        while (echoed.get() < sent && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void drain(SocketChannel ch, AtomicLong echoed) {
        ByteBuffer in = ByteBuffer.allocateDirect(CHUNK);
        try {
            int n;
            while ((n = ch.read(in.clear())) > 0) {
                echoed.addAndGet(n);
            }
        } catch (IOException e) {
            // the connection ended at tear-down
        }
    }
}
