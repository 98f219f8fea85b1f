package sifr.bench.tcp;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TCP echo latency over loopback: one operation = write 64 bytes, read the 64 echoed bytes back, on
 * one kept-alive connection. The client is the same {@code sifr.net.TcpStream} for both servers, so
 * the difference is the server: Sifr ({@code TcpListener}, a virtual thread per connection) or
 * Netty 4.2 (native epoll event loops).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpEchoLatencyBenchmark {
    private final ByteBuffer message = ByteBuffer.allocateDirect(64);
    private EchoServers.Running sifrServer;
    private EchoServers.Running nettyServer;
    private EchoClient toSifr;
    private EchoClient toNetty;

    @Setup
    public void setUp() throws Exception {
        for (int i = 0; i < 64; i++) {
            message.put((byte) i);
        }
        sifrServer = EchoServers.sifr();
        nettyServer = EchoServers.netty();
        toSifr = new EchoClient(sifrServer.port());
        toNetty = new EchoClient(nettyServer.port());
    }

    @Benchmark
    public void sifrRoundTrip() throws Exception {
        toSifr.roundTrip(message.clear());
    }

    @Benchmark
    public void nettyRoundTrip() throws Exception {
        toNetty.roundTrip(message.clear());
    }

    @TearDown
    public void tearDown() throws Exception {
        toSifr.close();
        toNetty.close();
        sifrServer.close();
        nettyServer.close();
    }
}
