package sifr.bench.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import sifr.bench.tls.BenchPki;

/**
 * Allocation per request of each pooled client (issue 17): one caller, a 1 KiB GET to
 * {@link ClientBenchServer} in its own process, so {@code -prof gc}'s {@code gc.alloc.rate.norm} is
 * the client's bytes per request (the JVM holds only the client). Run with
 * {@code bench/jmh ClientAlloc -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ClientAllocBenchmark {
    @Param({"sifr", "okhttp", "jdk", "jetty", "helidon"})
    public String client;

    @Param({"h1", "h2c", "h2"})
    public String protocol;

    private Process server;
    private BenchClient http;
    private String url;

    @Setup(Level.Trial)
    public void start() throws Exception {
        BenchPki pki = new BenchPki();
        Path dir = Files.createTempDirectory("client-alloc");
        Files.write(dir.resolve("server.pem"), pki.serverPem());
        Files.write(dir.resolve("server-key.pem"), pki.serverKeyPem());
        int plain = ClientLoad.freePort();
        int tls = ClientLoad.freePort();
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ClientBenchServer.class.getName(), Integer.toString(plain),
                Integer.toString(tls), dir.resolve("server.pem").toString(), dir.resolve("server-key.pem").toString())
                .redirectErrorStream(true).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream()));
        for (String line = out.readLine(); line != null && !line.contains("tls listening on"); line = out.readLine()) {
            // wait until both ports listen
        }
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
        http = BenchClient.create(client, protocol, pki.rootPem(), 8);
        url = (protocol.equals("h2") ? "https://localhost:" + tls : "http://127.0.0.1:" + plain) + "/hello";
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        http.close();
        server.destroy();
    }

    @Benchmark
    public byte[] get() throws Exception {
        return http.get(url);
    }
}
