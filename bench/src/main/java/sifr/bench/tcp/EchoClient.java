package sifr.bench.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import sifr.net.Net;
import sifr.net.TcpStream;

/**
 * The one client both servers are measured with (a {@link TcpStream}, so only the server differs).
 * For bulk runs a virtual thread drains the echo and releases a permit per {@code unit} bytes.
 */
final class EchoClient implements AutoCloseable {
    final TcpStream stream;
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    private final Semaphore units = new Semaphore(0);
    private Thread drainer;

    EchoClient(int port) throws IOException {
        this.stream = Net.connectTcp("127.0.0.1", port);
    }

    /** Writes {@code out} and reads until as many bytes came back: one round trip. */
    void roundTrip(ByteBuffer out) throws IOException {
        int expected = out.remaining();
        stream.writeAll(out);
        int got = 0;
        while (got < expected) {
            in.clear().limit(expected - got);
            int n = stream.read(in);
            if (n < 0) {
                throw new IOException("echo server closed the connection");
            }
            got += n;
        }
    }

    /**
     * Starts draining echoed bytes on a platform thread; each {@code unit} bytes releases one permit.
     * Not a virtual thread: Sifr's echo server runs on the JVM's virtual-thread scheduler (two carriers
     * on two cores), Netty's on its own event-loop threads, so a virtual-thread client would compete
     * for carriers with Sifr's server only ({@code -Dbench.drainer=virtual} measures that set-up).
     */
    void startDrain(int unit) {
        Thread.Builder builder = "virtual".equals(System.getProperty("bench.drainer"))
                ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
        drainer = builder.name("echo-drain").start(() -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            long pending = 0;
            try {
                int n;
                while ((n = stream.read(buf.clear())) > 0) {
                    pending += n;
                    while (pending >= unit) {
                        pending -= unit;
                        units.release();
                    }
                }
            } catch (Exception e) {
                // closed at tear-down
            }
        });
    }

    void awaitUnit() throws InterruptedException {
        if (!units.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the echo did not come back within 30 s");
        }
    }

    @Override
    public void close() throws Exception {
        stream.close();
        if (drainer != null) {
            drainer.join();
        }
    }
}
