package sifr.bench.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.concurrent.CompletableFuture;
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
import org.openjdk.jmh.annotations.Warmup;
import sifr.testing.MemoryByteStreams;
import sifr.tls.Tls;
import sifr.tls.TlsClientConfig;
import sifr.tls.TlsServerConfig;
import sifr.tls.TlsStream;

/**
 * Full TLS 1.3 handshakes per second (ECDSA P-256 certificate, X25519/P-256 key exchange, hostname
 * verification on), no session resumption: {@code sifr.tls} client and server over an in-memory
 * pipe, each side on its own virtual thread, against Netty's {@code SslHandler} pair with the same
 * JDK provider, both ends driven on one thread. The crypto is the JDK's in both; the difference is
 * the engine driving, buffering and (for Sifr) the thread hand-off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TlsHandshakeBenchmark {
    /** Sifr's first choice; Netty's JDK default list would start with AES-128. */
    private static final java.util.List<String> SAME_SUITE = java.util.List.of("TLS_AES_256_GCM_SHA384");
    private TlsClientConfig sifrClient;
    private TlsServerConfig sifrServer;
    private SslContext nettyClient;
    private SslContext nettyServer;
    private int nettyPort;

    @Setup
    public void setUp() throws Exception {
        BenchPki pki = new BenchPki();
        sifrClient = Tls.clientConfigFromCaPem(pki.rootPem);
        sifrServer = Tls.serverConfig(pki.serverPem, pki.serverKeyPem);
        nettyServer = SslContextBuilder.forServer(pki.serverKeys.getPrivate(), pki.server)
                .sslProvider(SslProvider.JDK).protocols("TLSv1.3").ciphers(SAME_SUITE).build();
        nettyClient = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(pki.root)
                .protocols("TLSv1.3").ciphers(SAME_SUITE).endpointIdentificationAlgorithm("HTTPS").build();
        if (!sifrHandshake().equals("TLSv1.3") || !nettyHandshake().equals("TLSv1.3")) {
            throw new IllegalStateException("both sides must negotiate TLS 1.3");
        }
    }

    @Benchmark
    public String sifrHandshake() throws Exception {
        MemoryByteStreams.Pair pipe = MemoryByteStreams.pair(64 * 1024);
        CompletableFuture<TlsStream> server = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                server.complete(sifrServer.accept(pipe.server()));
            } catch (Throwable e) {
                server.completeExceptionally(e);
            }
        });
        TlsStream client = sifrClient.connect("localhost", pipe.client());
        TlsStream serverStream = server.get(10, TimeUnit.SECONDS);
        String protocol = client.protocolVersion();
        client.close();
        serverStream.close();
        return protocol;
    }

    @Benchmark
    public String nettyHandshake() {
        // a new port each time: the JDK's client session cache is keyed by host and port, so no resumption
        NettyTlsPair pair = new NettyTlsPair(nettyClient, nettyServer, 1024 + (nettyPort++ % 60000));
        String protocol = pair.handshake();
        pair.close();
        return protocol;
    }
}
