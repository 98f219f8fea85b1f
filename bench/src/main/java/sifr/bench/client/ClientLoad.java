package sifr.bench.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import sifr.bench.tls.BenchPki;

/**
 * The pooled-client load run (issue 17): requests/s and p50/p99 latency of 1 KiB GETs from 1, 64 and
 * 1,024 concurrent virtual-thread callers, over HTTP/1.1 keep-alive, h2c and h2 over TLS, for Sifr,
 * OkHttp 5, the JDK {@code HttpClient}, Jetty 12 and Helidon 4, against one Sifr server in its own
 * process ({@link ClientBenchServer}). Each cell: a fresh client, a warm-up, then a timed window in
 * which every caller loops GETs and records each latency. Clients alternate within a round.
 *
 * <p>Environment: {@code BENCH_DURATION} (s, 5), {@code BENCH_WARMUP} (s, 2), {@code BENCH_ROUNDS} (1),
 * {@code BENCH_CALLERS} ({@code 1,64,1024}), {@code BENCH_CLIENTS} ({@code sifr,okhttp,jdk,jetty,helidon}),
 * {@code BENCH_PROTOCOLS} ({@code h1,h2c,h2}), {@code BENCH_MAX_CONNECTIONS} (per origin, 64).
 */
@SuppressWarnings("SIFR-IMPORT-0008:java.net.ServerSocket,java.net.InetAddress") // a free port for the server process
public final class ClientLoad {
    private ClientLoad() {
    }

    record Cell(String protocol, int callers, String client) {
    }

    /** One cell's figures; {@code cpuUsPerRequest} is this (client) process's CPU time per request. */
    record Result(double rps, double p50Ms, double p99Ms, long errors, double cpuUsPerRequest) {
    }

    public static void main(String[] args) throws Exception {
        double duration = Double.parseDouble(env("BENCH_DURATION", "5"));
        double warmup = Double.parseDouble(env("BENCH_WARMUP", "2"));
        int rounds = Integer.parseInt(env("BENCH_ROUNDS", "1"));
        int maxConnections = Integer.parseInt(env("BENCH_MAX_CONNECTIONS", "64"));
        List<Integer> callers = Arrays.stream(env("BENCH_CALLERS", "1,64,1024").split(",")).map(Integer::parseInt).toList();
        List<String> clients = List.of(env("BENCH_CLIENTS", String.join(",", BenchClient.NAMES)).split(","));
        List<String> protocols = List.of(env("BENCH_PROTOCOLS", "h1,h2c,h2").split(","));
        System.out.println("load before: " + load());
        BenchPki pki = new BenchPki();
        Path dir = Files.createTempDirectory("client-bench");
        Files.write(dir.resolve("server.pem"), pki.serverPem());
        Files.write(dir.resolve("server-key.pem"), pki.serverKeyPem());
        int plain = freePort();
        int tls = freePort();
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ClientBenchServer.class.getName(),
                Integer.toString(plain), Integer.toString(tls), dir.resolve("server.pem").toString(),
                dir.resolve("server-key.pem").toString()).redirectErrorStream(true).start();
        Map<Cell, List<Result>> results = new LinkedHashMap<>();
        try {
            awaitListening(server);
            for (int round = 0; round < rounds; round++) {
                for (String protocol : protocols) {
                    String url = (protocol.equals("h2") ? "https://localhost:" + tls : "http://127.0.0.1:" + plain) + "/hello";
                    for (int n : callers) {
                        for (String client : clients) {
                            Result r = measure(client, protocol, url, n, pki.rootPem(), maxConnections, warmup, duration);
                            Cell cell = new Cell(protocol, n, client);
                            results.computeIfAbsent(cell, k -> new ArrayList<>()).add(r);
                            System.out.printf(Locale.ROOT, "round %d %-4s %5d callers %-8s %10.0f req/s  p50 %7.2f ms  p99 %8.2f ms  client CPU %6.1f µs/req  errors %d%n",
                                    round + 1, protocol, n, client, r.rps(), r.p50Ms(), r.p99Ms(), r.cpuUsPerRequest(), r.errors());
                        }
                    }
                }
            }
        } finally {
            server.destroy();
        }
        System.out.println("load after: " + load());
        System.out.println();
        System.out.println(table(results, clients, protocols, callers));
    }

    static Result measure(String name, String protocol, String url, int callers, byte[] rootPem, int maxConnections,
            double warmupSeconds, double seconds) throws Exception {
        try (BenchClient client = BenchClient.create(name, protocol, rootPem, maxConnections)) {
            run(client, url, callers, warmupSeconds, null);
            AtomicLong errors = new AtomicLong();
            List<long[]> samples = new ArrayList<>();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            long count = run(client, url, callers, seconds, samples, errors);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double cpuUs = count == 0 ? Double.NaN : (processCpuNanos() - cpu0) / 1e3 / count;
            long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double p50 = all.length == 0 ? Double.NaN : all[(int) (all.length * 0.50)] / 1e6;
            double p99 = all.length == 0 ? Double.NaN : all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6;
            return new Result(count / elapsed, p50, p99, errors.get(), cpuUs);
        }
    }

    private static long run(BenchClient client, String url, int callers, double seconds, List<long[]> samples) throws Exception {
        return run(client, url, callers, seconds, samples, new AtomicLong());
    }

    /** {@code callers} virtual threads loop GETs for {@code seconds}; returns the requests completed. */
    private static long run(BenchClient client, String url, int callers, double seconds, List<long[]> samples,
            AtomicLong errors) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReferenceArray<long[]> perThread = new java.util.concurrent.atomic.AtomicReferenceArray<>(callers);
        for (int i = 0; i < callers; i++) {
            int k = i;
            threads.add(Thread.ofVirtual().start(() -> {
                long[] lat = new long[1024];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    try {
                        byte[] body = client.get(url);
                        if (body.length != 1024) {
                            throw new IllegalStateException("body of " + body.length + " bytes");
                        }
                    } catch (Exception e) {
                        if (errors.incrementAndGet() == 1) {
                            System.out.println("  first error: " + e);
                        }
                        continue;
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = System.nanoTime() - t;
                }
                done.addAndGet(n);
                perThread.set(k, Arrays.copyOf(lat, n));
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (samples != null) {
            for (int i = 0; i < callers; i++) {
                samples.add(perThread.get(i));
            }
        }
        return done.get();
    }

    static String table(Map<Cell, List<Result>> results, List<String> clients, List<String> protocols, List<Integer> callers) {
        StringBuilder sb = new StringBuilder("| protocol | callers |");
        for (String c : clients) {
            sb.append(' ').append(c).append(" req/s (p50 / p99 ms; client CPU µs/req) |");
        }
        sb.append(" Sifr vs best other | Sifr vs JDK |\n|---|---:|");
        sb.append("---:|".repeat(clients.size())).append("---:|---:|\n");
        for (String p : protocols) {
            for (int n : callers) {
                sb.append("| ").append(p).append(" | ").append(n).append(" |");
                double sifr = Double.NaN;
                double best = 0;
                double jdk = Double.NaN;
                for (String c : clients) {
                    List<Result> rs = results.get(new Cell(p, n, c));
                    if (rs == null) {
                        sb.append(" – |");
                        continue;
                    }
                    Result med = median(rs);
                    sb.append(String.format(Locale.ROOT, " %,.0f (%.2f / %.2f; %.1f)%s |", med.rps(), med.p50Ms(), med.p99Ms(),
                            med.cpuUsPerRequest(),
                            med.errors() > 0 ? " " + med.errors() + " errors" : ""));
                    if (c.equals("sifr")) {
                        sifr = med.rps();
                    } else {
                        best = Math.max(best, med.rps());
                    }
                    if (c.equals("jdk")) {
                        jdk = med.rps();
                    }
                }
                sb.append(String.format(Locale.ROOT, " %.2f× | %.2f× |%n", sifr / best, sifr / jdk));
            }
        }
        return sb.toString();
    }

    private static Result median(List<Result> rs) {
        List<Result> sorted = new ArrayList<>(rs);
        sorted.sort((a, b) -> Double.compare(a.rps(), b.rps()));
        return sorted.get(sorted.size() / 2);
    }

    private static void awaitListening(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains("tls listening on")) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> System.out.println("  server: " + l)));
                return;
            }
        }
        throw new IllegalStateException("the bench server exited before listening");
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** CPU time of this process (all threads, the callers and the client under test) in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
