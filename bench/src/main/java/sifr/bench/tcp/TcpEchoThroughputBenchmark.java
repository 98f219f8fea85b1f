package sifr.bench.tcp;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TCP echo throughput over loopback: one operation = 1 MiB written in 64 KiB chunks and the same
 * 1 MiB echoed back (read by the client's drain thread while it writes), so ops/s = MiB/s each way.
 * Same client ({@code sifr.net.TcpStream}) for both servers; see {@link TcpEchoLatencyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpEchoThroughputBenchmark {
    private static final int MIB = 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    /**
     * Sifr's echo server: {@code loop} = the seed's read-then-write loop on one virtual thread;
     * {@code split} = read and write halves on two, with 1 MiB of buffers between them. Netty's server
     * is the same for both values (its rows show the run-to-run spread).
     */
    @Param({"loop", "split"})
    public String server;

    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
    private EchoServers.Running sifrServer;
    private EchoServers.Running nettyServer;
    private EchoClient toSifr;
    private EchoClient toNetty;

    @Setup
    public void setUp() throws Exception {
        byte[] random = new byte[CHUNK];
        new java.util.Random(1).nextBytes(random);
        chunk.put(random);
        sifrServer = EchoServers.sifr(0, "split".equals(server));
        nettyServer = EchoServers.netty();
        toSifr = new EchoClient(sifrServer.port());
        toNetty = new EchoClient(nettyServer.port());
        toSifr.startDrain(MIB);
        toNetty.startDrain(MIB);
    }

    private void oneMiB(EchoClient client) throws Exception {
        for (int sent = 0; sent < MIB; sent += CHUNK) {
            client.stream.writeAll(chunk.clear());
        }
        client.awaitUnit();
    }

    @Benchmark
    public void sifrBulk() throws Exception {
        oneMiB(toSifr);
    }

    @Benchmark
    public void nettyBulk() throws Exception {
        oneMiB(toNetty);
    }

    @TearDown
    public void tearDown() throws Exception {
        toSifr.close();
        toNetty.close();
        sifrServer.close();
        nettyServer.close();
    }
}
