package sifr.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Settings of a load run, from environment variables (documented in docs/PERFORMANCE.md). */
record LoadConfig(
        int rounds,
        int durationSeconds,
        int warmupSeconds,
        int connectionsHttp1,
        int pipelineDepth,
        int h2Clients,
        int h2Streams,
        int bodyMiB,
        boolean pin,
        List<String> serverJvmOptions,
        String serverFilter,
        String workloadFilter,
        boolean updateDocs,
        Path root) {

    static LoadConfig fromEnvironment(Map<String, String> env, Path root, boolean updateDocs) {
        int cores = Runtime.getRuntime().availableProcessors();
        boolean canPin = cores >= 2 && Files.isExecutable(Path.of("/usr/bin/taskset"));
        return new LoadConfig(
                positive(env, "BENCH_ROUNDS", 5),
                positive(env, "BENCH_DURATION", 5),
                positive(env, "BENCH_WARMUP", 5),
                positive(env, "BENCH_CONNECTIONS", 64),
                positive(env, "BENCH_PIPELINE", 16),
                positive(env, "BENCH_H2_CLIENTS", 16),
                positive(env, "BENCH_H2_STREAMS", 32),
                positive(env, "BENCH_BODY_MIB", 1024),
                canPin && !"0".equals(env.getOrDefault("BENCH_PIN", "1")),
                words(env.getOrDefault("BENCH_JVM_OPTS", "-Xmx512m --enable-native-access=ALL-UNNAMED")),
                env.getOrDefault("BENCH_SERVERS", "").toLowerCase(Locale.ROOT),
                env.getOrDefault("BENCH_WORKLOADS", "").toLowerCase(Locale.ROOT),
                updateDocs || "1".equals(env.get("BENCH_UPDATE_DOCS")),
                root);
    }

    /** Whether a server name passes the BENCH_SERVERS filter (comma-separated names; empty = all). */
    boolean wants(ServerSpec server) {
        return serverFilter.isEmpty() || List.of(serverFilter.split(",")).contains(server.name());
    }

    /**
     * Whether a workload passes BENCH_WORKLOADS (comma-separated keys: plain, pipelined, h2c, https,
     * download, upload, tcp; empty = all).
     *
     * @throws IllegalArgumentException for a key that names no workload (a typo would otherwise run nothing)
     */
    boolean wants(Workload workload) {
        if (workloadFilter.isEmpty()) {
            return true;
        }
        List<String> keys = List.of(workloadFilter.split(","));
        for (String k : keys) {
            if (Workload.byKey(k.strip()) == null) {
                throw new IllegalArgumentException("BENCH_WORKLOADS: unknown workload '" + k.strip()
                        + "' (known: " + java.util.Arrays.stream(Workload.values()).map(w -> w.key)
                        .collect(java.util.stream.Collectors.joining(", ")) + ")");
            }
        }
        return keys.stream().map(String::strip).anyMatch(workload.key::equals);
    }

    String describe() {
        return rounds + " rounds x " + durationSeconds + " s (after " + warmupSeconds + " s warm-up), "
                + "wrk -t1 -c" + connectionsHttp1 + " (pipelined depth " + pipelineDepth + "), "
                + "h2load -c" + h2Clients + " -m" + h2Streams + " (req/s from a run without h2load's per-request log,"
                + " p50/p99 from a separate run of " + Math.max(2, durationSeconds / 2) + " s with it), "
                + "TLS rows warmed with 1 connection, then with all, "
                + "download and upload of " + bodyMiB + " MiB (curl, one transfer after one warm-up transfer), "
                + "static files (Sifr's StaticFiles, nginx's root): 1 KiB and 304 with wrk, " + bodyMiB + " MiB with curl, "
                + (pin ? "server pinned to CPU 0 and load tool to CPU 1 (taskset)" : "no CPU pinning")
                + ", server JVM options `" + String.join(" ", serverJvmOptions) + "`";
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive integer, got '" + v + "'");
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return List.copyOf(out);
    }
}
