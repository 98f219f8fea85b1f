package sifr.bench.tls;

import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
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
import sifr.testing.MemoryByteStreams;
import sifr.tls.Tls;
import sifr.tls.TlsStream;

/**
 * Bulk TLS 1.3 throughput (AES-256-GCM, the suite both negotiate): one operation moves 1 MiB from
 * client to server through an established connection, encrypted and decrypted, so operations per
 * second are MiB/s. Sifr: writer on the benchmark thread, reader on a virtual thread, in-memory pipe
 * of 256 KiB. Netty: {@code SslHandler} pair with the same JDK provider, both ends on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TlsBulkBenchmark {
    /** Sifr's first choice; Netty's JDK default list would start with AES-128. */
    private static final java.util.List<String> SAME_SUITE = java.util.List.of("TLS_AES_256_GCM_SHA384");
    private static final int MIB = 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final byte[] chunk = new byte[CHUNK];
    private TlsStream sifrClient;
    private TlsStream sifrServer;
    private final Semaphore received = new Semaphore(0);
    private Thread sifrReader;
    private NettyTlsPair netty;

    @Setup
    public void setUp() throws Exception {
        new java.util.Random(1).nextBytes(chunk);
        BenchPki pki = new BenchPki();
        MemoryByteStreams.Pair pipe = MemoryByteStreams.pair(256 * 1024);
        var server = new java.util.concurrent.CompletableFuture<TlsStream>();
        Thread.ofVirtual().start(() -> {
            try {
                server.complete(Tls.serverConfig(pki.serverPem, pki.serverKeyPem).accept(pipe.server()));
            } catch (Throwable e) {
                server.completeExceptionally(e);
            }
        });
        sifrClient = Tls.clientConfigFromCaPem(pki.rootPem).connect("localhost", pipe.client());
        sifrServer = server.get(10, TimeUnit.SECONDS);
        sifrReader = Thread.ofVirtual().start(this::readForever);

        SslContext nettyServer = SslContextBuilder.forServer(pki.serverKeys.getPrivate(), pki.server)
                .sslProvider(SslProvider.JDK).protocols("TLSv1.3").ciphers(SAME_SUITE).build();
        SslContext nettyClient = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(pki.root)
                .protocols("TLSv1.3").ciphers(SAME_SUITE).endpointIdentificationAlgorithm("HTTPS").build();
        netty = new NettyTlsPair(nettyClient, nettyServer, 443);
        netty.handshake();
        if (!sifrClient.cipherSuite().equals(netty.client.pipeline().get(io.netty.handler.ssl.SslHandler.class)
                .engine().getSession().getCipherSuite())) {
            throw new IllegalStateException("Sifr and Netty negotiated different cipher suites");
        }
    }

    private void readForever() {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long pending = 0;
        try {
            int n;
            while ((n = sifrServer.read(buffer.clear())) > 0) {
                pending += n;
                while (pending >= MIB) {
                    pending -= MIB;
                    received.release();
                }
            }
        } catch (Exception e) {
            // closed at tear-down
        }
    }

    @Benchmark
    public void sifrBulk() throws Exception {
        for (int sent = 0; sent < MIB; sent += CHUNK) {
            sifrClient.writeAll(ByteBuffer.wrap(chunk));
        }
        if (!received.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the Sifr reader did not receive 1 MiB");
        }
    }

    @Benchmark
    public long nettyBulk() {
        long total = 0;
        for (int sent = 0; sent < MIB; sent += CHUNK) {
            netty.client.writeOutbound(Unpooled.wrappedBuffer(chunk));
            netty.shuttle();
            total += netty.drainServerInbound();
        }
        for (int i = 0; total < MIB && i < 1000; i++) {
            netty.shuttle();
            total += netty.drainServerInbound();
        }
        if (total != MIB) {
            throw new IllegalStateException("Netty moved " + total + " bytes, not 1 MiB");
        }
        return total;
    }

    @TearDown
    public void tearDown() {
        sifrClient.close();
        sifrServer.close();
        sifrReader.interrupt();
        netty.close();
    }
}
