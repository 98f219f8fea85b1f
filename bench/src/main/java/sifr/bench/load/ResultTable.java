package sifr.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Collects the runs per (workload, server) and prints medians and ratios against the baseline (Netty). */
final class ResultTable {
    private record Key(Workload workload, String server) {
    }

    private final Map<Key, List<Measurement>> runs = new LinkedHashMap<>();
    private final Map<Workload, String> baseline = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    void add(Workload workload, ServerSpec server, Measurement m) {
        runs.computeIfAbsent(new Key(workload, server.name()), k -> new ArrayList<>()).add(m);
        if (server.baseline()) {
            baseline.put(workload, server.name());
        }
    }

    /** A note printed under the table (skipped rows, failed runs); duplicates are kept once. */
    void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }

    /**
     * The Markdown tables, one row per workload and server in workload order: request workloads
     * (req/s, latency, CPU per request), then, if any ran, transfer workloads (MiB/s, CPU per GiB).
     * Ratios are against Netty's and nginx's medians of the same workload in the same run.
     */
    String markdown() {
        StringBuilder sb = new StringBuilder();
        boolean requests = runs.keySet().stream().anyMatch(k -> !k.workload().bulk) || runs.isEmpty();
        boolean bulk = runs.keySet().stream().anyMatch(k -> k.workload().bulk);
        if (requests) {
            sb.append("| Workload | Server | req/s (median) | vs Netty | vs nginx | req/s min–max | p50 ms | p99 ms | server CPU µs/req | peak RSS MiB | runs | errors |\n");
            sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            rows(sb, false);
        }
        if (bulk) {
            if (requests) {
                sb.append('\n');
            }
            sb.append("| Workload | Server | MiB/s (median) | vs Netty | vs nginx | MiB/s min–max | server CPU s/GiB | peak RSS MiB | runs | errors |\n");
            sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            rows(sb, true);
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) {
                sb.append("- ").append(n).append('\n');
            }
        }
        return sb.toString();
    }

    private void rows(StringBuilder sb, boolean bulk) {
        for (Workload w : Workload.values()) {
            if (w.bulk != bulk) {
                continue;
            }
            Double base = medianRate(w, baseline.get(w));
            Double nginx = medianRate(w, "nginx");
            for (Map.Entry<Key, List<Measurement>> e : sortedFor(w)) {
                List<Measurement> ms = e.getValue();
                double rate = median(ms, Measurement::requestsPerSecond);
                double min = ms.stream().mapToDouble(Measurement::requestsPerSecond).min().orElse(0);
                double max = ms.stream().mapToDouble(Measurement::requestsPerSecond).max().orElse(0);
                double rss = median(ms, m -> m.peakRssKib() / 1024.0);
                double cpu = median(ms, Measurement::cpuMicrosPerRequest);
                long errors = ms.stream().mapToLong(Measurement::errors).sum();
                sb.append("| ").append(w.label).append(" (").append(w.tool).append(") | ")
                        .append(e.getKey().server()).append(" | ")
                        .append(fmt("%,.0f", rate)).append(" | ")
                        .append(base == null ? "–" : fmt("%.2f×", rate / base)).append(" | ")
                        .append(nginx == null ? "–" : fmt("%.2f×", rate / nginx)).append(" | ")
                        .append(fmt("%,.0f–%,.0f", min, max)).append(" | ");
                if (!bulk) {
                    sb.append(latency(ms, Measurement::p50Millis)).append(" | ")
                            .append(latency(ms, Measurement::p99Millis)).append(" | ");
                }
                sb.append(Double.isNaN(cpu) ? "?" : fmt("%.2f", cpu)).append(" | ")
                        .append(rss < 0 ? "?" : fmt("%.0f", rss)).append(" | ")
                        .append(ms.size()).append(" | ")
                        .append(errors).append(" |\n");
            }
        }
    }

    /** The median rate of {@code server} under {@code w}, or null when it did not run. */
    private Double medianRate(Workload w, String server) {
        List<Measurement> ms = server == null ? null : runs.get(new Key(w, server));
        return ms == null ? null : median(ms, Measurement::requestsPerSecond);
    }

    private List<Map.Entry<Key, List<Measurement>>> sortedFor(Workload w) {
        List<Map.Entry<Key, List<Measurement>>> rows = new ArrayList<>();
        for (Map.Entry<Key, List<Measurement>> e : runs.entrySet()) {
            if (e.getKey().workload() == w) {
                rows.add(e);
            }
        }
        // Baseline first, then the others in the order they were first measured.
        rows.sort((a, b) -> Boolean.compare(!a.getKey().server().equals(baseline.get(w)), !b.getKey().server().equals(baseline.get(w))));
        return rows;
    }

    /** Median of the runs that have the figure; notes how many runs wrk gave no latency for. */
    private String latency(List<Measurement> ms, ToDoubleFunction<Measurement> f) {
        long missing = ms.stream().mapToDouble(f).filter(Double::isNaN).count();
        double m = median(ms, f);
        if (missing > 0) {
            note("Latency medians with a * leave out runs where wrk printed no latency figure (0.00us): "
                    + "that happens now and then with pipelining; the runs' req/s still count.");
        }
        return Double.isNaN(m) ? "?" : fmt("%.2f", m) + (missing > 0 ? "* (" + (ms.size() - missing) + " runs)" : "");
    }

    /** The median, leaving out NaN (a figure the tool did not give). */
    static double median(List<Measurement> ms, ToDoubleFunction<Measurement> f) {
        double[] v = ms.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).toArray();
        Arrays.sort(v);
        int n = v.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
