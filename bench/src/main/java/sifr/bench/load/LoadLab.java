package sifr.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The load runner behind {@code bench/run}: for several rounds, for each workload, starts each server
 * in turn (order rotated every round) on a free loopback port, warms it, measures it, reads its peak
 * RSS, stops it; then prints medians and ratios against Netty as a Markdown table, writes it to
 * {@code bench/target/results/load-<time>.md} and, with {@code --update-docs}, into
 * {@code docs/PERFORMANCE.md} between the {@code bench/run} markers.
 */
public final class LoadLab {
    static final String BEGIN = "<!-- bench/run:begin (written by bench/run --update-docs; do not edit by hand) -->";
    static final String END = "<!-- bench/run:end -->";

    private static volatile ServerProcess current;
    private static int failedRuns;

    private LoadLab() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("sifr.bench.root", ".")).toAbsolutePath().normalize();
        boolean updateDocs = List.of(args).contains("--update-docs");
        LoadConfig config = LoadConfig.fromEnvironment(System.getenv(), root, updateDocs);
        Path results = root.resolve("bench/target/results");
        Path logs = root.resolve("bench/target/load-logs");
        Files.createDirectories(results);
        Files.createDirectories(logs);
        Runtime.getRuntime().addShutdownHook(new Thread(LoadLab::stopCurrent));

        Instant started = Instant.now();
        String loadBefore = Machine.loadAverage();
        ResultTable table = new ResultTable();
        List<ServerSpec> servers = new ArrayList<>();
        for (ServerSpec s : ServerSpec.all()) {
            if (!config.wants(s)) {
                continue;
            }
            if (s.available()) {
                servers.add(s);
            } else {
                table.note(s.external()
                        ? s.name() + ": skipped, " + ServerSpec.NGINX_BINARY + " is not installed (apt-get install nginx)."
                        : s.name() + ": skipped, `" + s.mainClass() + "` does not exist yet (Sifr's HttpServer has not landed).");
            }
        }
        List<Workload> workloads = new ArrayList<>();
        for (Workload w : Workload.values()) {
            if (config.wants(w)) {
                workloads.add(w);
            }
        }
        int perRound = 0;
        for (Workload w : workloads) {
            for (ServerSpec s : servers) {
                perRound += s.workloads().contains(w) ? 1 : 0;
            }
        }
        long estimate = (long) config.rounds() * perRound * (config.durationSeconds() + config.warmupSeconds() + 3);
        System.out.printf(Locale.ROOT, "bench/run: %s%nbench/run: %d runs, about %d min%n",
                config.describe(), config.rounds() * perRound, Math.max(1, Math.round(estimate / 60.0)));

        Path scratch = Files.createTempDirectory("sifr-bench-");
        LabFiles files = LabFiles.create(scratch, config, workloads.stream().anyMatch(Workload::isTls),
                workloads.stream().anyMatch(Workload::isLargeBody),
                workloads.stream().anyMatch(Workload::isStatic));
        LoadTools tools = new LoadTools(config, root.resolve("bench/wrk/pipeline.lua"), scratch, files);
        Set<String> unsupported = new HashSet<>();
        for (int round = 0; round < config.rounds(); round++) {
            for (Workload w : workloads) {
                List<ServerSpec> order = new ArrayList<>();
                for (ServerSpec s : servers) {
                    if (s.workloads().contains(w) && !unsupported.contains(s.name() + "/" + w)) {
                        order.add(s);
                    }
                }
                if (!order.isEmpty()) {
                    java.util.Collections.rotate(order, round); // no server always goes first
                }
                for (ServerSpec s : order) {
                    runOne(s, w, round, config, tools, files, table, logs, unsupported);
                }
            }
        }

        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started);
        long minutes = Math.max(1, TimeUnit.SECONDS.toMinutes(Instant.now().getEpochSecond() - started.getEpochSecond()));
        String report = "Run " + when + " (" + minutes + " min): `bench/run" + (updateDocs ? " --update-docs" : "") + "`, "
                + config.describe() + ".\n\n" + Machine.describe() + " Load average (1/5/15 min) before the run "
                + loadBefore + ", after it " + Machine.loadAverage() + ".\n\n" + table.markdown();
        System.out.println();
        System.out.println(report);
        Path out = results.resolve("load-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started) + ".md");
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("bench/run: table written to " + root.relativize(out));
        deleteQuietly(scratch);
        if (updateDocs) {
            String[] markers = markers(config);
            updateDocs(root.resolve("docs/PERFORMANCE.md"), report, markers[0], markers[1]);
            System.out.println("bench/run: docs/PERFORMANCE.md updated between " + markers[0] + " and " + markers[1]);
        }
        if (failedRuns > 0) {
            System.out.println("bench/run: " + failedRuns + " run(s) failed; see the notes under the table and bench/target/load-logs/");
            System.exit(1);
        }
    }

    private static void runOne(ServerSpec s, Workload w, int round, LoadConfig config, LoadTools tools, LabFiles files,
                               ResultTable table, Path logs, Set<String> unsupported) throws InterruptedException {
        String what = String.format(Locale.ROOT, "[round %d/%d] %-26s %-8s", round + 1, config.rounds(), w.label, s.name());
        Path log = logs.resolve(s.name() + "-" + w.name().toLowerCase(Locale.ROOT) + "-" + (round + 1) + ".log");
        try (ServerProcess server = ServerProcess.start(s, w, files, config, log)) {
            current = server;
            boolean answers = switch (w) {
                case H2C, H2_DOWNLOAD, H2_UPLOAD -> tools.answersH2c(server.port());
                case H2_TLS -> tools.answersH2Tls(server.port());
                case HTTPS -> tools.answersHttps(server.port());
                case TCP_BULK -> true; // it listens, and the client reports a short echo as an error
                default -> server.answersHttp1();
            };
            if (!answers) {
                unsupported.add(s.name() + "/" + w);
                table.note(s.name() + ": no " + w.label + " row, the server did not answer a probe request ("
                        + switch (w) {
                            case H2C, H2_DOWNLOAD, H2_UPLOAD -> "h2c prior knowledge via h2load";
                            case H2_TLS -> "h2 over TLS via h2load";
                            case HTTPS -> "HTTPS GET via curl";
                            default -> "HTTP/1.1 GET";
                        } + ").");
                System.out.println(what + " skipped: no answer to the probe (see " + log + ")");
                return;
            }
            if (w.isTls()) {
                tools.tlsPrewarm(w, server.port(), config.warmupSeconds());
            }
            tools.run(w, server.port(), config.warmupSeconds());
            long cpuBefore = server.cpuNanos();
            Measurement m = tools.run(w, server.port(), config.durationSeconds()).withPeakRss(server.peakRssKib());
            long cpuAfter = server.cpuNanos();
            long cpu = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
            m = w.bulk ? m.withCpuPerGib(cpu) : m.withCpu(cpu, config.durationSeconds());
            if (w == Workload.H2C || w == Workload.H2_TLS) {
                m = m.withLatencyOf(tools.h2Latency(server.port(), w == Workload.H2_TLS,
                        Math.max(2, config.durationSeconds() / 2)));
            }
            table.add(w, s, m);
            if (w.bulk) {
                System.out.printf(Locale.ROOT, "%s %,10.0f MiB/s  CPU %6.2f s/GiB  RSS %5d MiB  errors %d%n",
                        what, m.requestsPerSecond(), m.cpuMicrosPerRequest(), m.peakRssKib() / 1024, m.errors());
            } else {
                System.out.printf(Locale.ROOT, "%s %,10.0f req/s  p50 %7.2f ms  p99 %7.2f ms  CPU %6.2f µs/req  RSS %5d MiB  errors %d%n",
                        what, m.requestsPerSecond(), m.p50Millis(), m.p99Millis(), m.cpuMicrosPerRequest(),
                        m.peakRssKib() / 1024, m.errors());
            }
        } catch (IOException e) {
            table.note(s.name() + " / " + w.label + ": a run failed (" + firstLine(e.getMessage()) + ").");
            System.out.println(what + " FAILED: " + e.getMessage());
            failedRuns++;
        } finally {
            current = null;
        }
    }

    /**
     * The full run writes the main table; a run limited with BENCH_WORKLOADS (e.g. {@code h2c}) writes its
     * own block, {@code <!-- bench/run[h2c]:begin -->} ... {@code <!-- bench/run[h2c]:end -->}, so that a
     * partial run never replaces the other workloads' figures.
     */
    static String[] markers(LoadConfig config) {
        if (config.workloadFilter().isEmpty()) {
            return new String[] {BEGIN, END};
        }
        String key = "bench/run[" + config.workloadFilter() + "]";
        return new String[] {"<!-- " + key + ":begin -->", "<!-- " + key + ":end -->"};
    }

    private static void updateDocs(Path doc, String report, String begin, String end) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IOException(doc + " has no markers " + begin + " ... " + end);
        }
        String updated = text.substring(0, b + begin.length()) + "\n" + report.strip() + "\n" + text.substring(e);
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
    }

    private static void stopCurrent() {
        ServerProcess s = current;
        if (s != null) {
            try {
                s.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
