package sifr.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code wrk} and {@code h2load} against a port and reads their reports into {@link Measurement}s. */
final class LoadTools {
    private final LoadConfig config;
    private final Path pipelineScript;
    private final Path scratch;
    private final LabFiles files;

    LoadTools(LoadConfig config, Path pipelineScript, Path scratch) {
        this(config, pipelineScript, scratch, LabFiles.NONE);
    }

    LoadTools(LoadConfig config, Path pipelineScript, Path scratch, LabFiles files) {
        this.config = config;
        this.pipelineScript = pipelineScript;
        this.scratch = scratch;
        this.files = files;
    }

    /**
     * Runs the workload for {@code seconds} (a download or upload moves the large file once, however
     * long that takes); returns the tool's figures (peak RSS not yet filled in). For bulk workloads
     * {@link Measurement#requestsPerSecond()} is MiB/s.
     */
    Measurement run(Workload workload, int port, int seconds) throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + port + "/";
        // BENCH_PATH: the target of the wrk rows (default "/"), e.g. a routed path for the router's cost
        String wrkUrl = "http://127.0.0.1:" + port + System.getenv().getOrDefault("BENCH_PATH", "/");
        int transferBound = 120 + config.bodyMiB() / 8; // a generous bound: 8 MiB/s at worst
        return switch (workload) {
            case H1_PLAIN -> parseWrk(exec(wrk(wrkUrl, seconds, false), seconds));
            case H1_PIPELINED -> parseWrk(exec(wrk(wrkUrl, seconds, true), seconds));
            case HTTPS -> parseWrk(exec(wrkTls("https://127.0.0.1:" + port + "/", seconds), seconds));
            case DOWNLOAD -> parseCurl(exec(curl(List.of(url + "large")), transferBound), false, fileSize());
            case DOWNLOAD_COPY -> parseCurl(exec(curl(List.of(url + "large-copy")), transferBound), false, fileSize());
            case UPLOAD -> parseCurl(exec(curl(upload(url)), transferBound), true, fileSize());
            case H2_DOWNLOAD -> parseCurl(exec(curl(List.of("--http2-prior-knowledge", url + "large")), transferBound),
                    false, fileSize());
            case H2_UPLOAD -> {
                List<String> args = new ArrayList<>(List.of("--http2-prior-knowledge"));
                args.addAll(upload(url));
                yield parseCurl(exec(curl(args), transferBound), true, fileSize());
            }
            case H2_TLS -> parseH2loadSummary(exec(h2load("https://127.0.0.1:" + port + "/", seconds, null), seconds));
            case TCP_BULK -> parseBulkClient(exec(bulkClient(port, seconds), seconds));
            case STATIC_SMALL -> parseWrk(exec(wrkGet(url + "small.bin", seconds, List.of()), seconds));
            case STATIC_304 -> parseWrk(exec(wrkGet(url + "small.bin", seconds,
                    List.of("-H", "If-None-Match: " + etag(url + "small.bin"))), seconds));
            case STATIC_LARGE -> parseCurl(exec(curl(List.of(url + "large.bin")), transferBound), false, fileSize());
            // Throughput only: h2load's per-request log (--log-file) costs the tool one write() per
            // request, and h2load on its one core is the bottleneck of this workload, so with the log on
            // the run measures the tool's cost per response more than the server (seen at 22:55 UTC:
            // Sifr 0.85x Netty with the log, 1.29x without). Latency comes from h2cLatency's own run.
            case H2C -> parseH2loadSummary(exec(h2load(url, seconds, null), seconds));
        };
    }

    /** curl's arguments of the large upload: a POST of the large file, without waiting for 100-continue. */
    private List<String> upload(String url) {
        return List.of("-X", "POST", "-H", "Expect:", "-H", "Content-Type: application/octet-stream", "-T",
                files.largeFile().toString(), url + "upload");
    }

    /** A separate h2 run (h2c, or over TLS) with h2load's per-request log, for the latency percentiles (and its errors). */
    Measurement h2Latency(int port, boolean tls, int seconds) throws IOException, InterruptedException {
        String url = (tls ? "https" : "http") + "://127.0.0.1:" + port + "/";
        Path log = Files.createTempFile(scratch, "h2load-", ".log");
        try {
            return parseH2load(exec(h2load(url, seconds, log), seconds), log);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** wrk GETs of one URL with extra arguments (headers), like the plain row: one thread, keep-alive. */
    private List<String> wrkGet(String url, int seconds, List<String> extra) {
        List<String> cmd = pinned();
        cmd.addAll(List.of("wrk", "-t1", "-c" + config.connectionsHttp1(), "-d" + seconds + "s", "--latency"));
        cmd.addAll(extra);
        cmd.add(url);
        return cmd;
    }

    /** The server's own ETag for {@code url} (a HEAD through curl), so each is revalidated with its tag. */
    private String etag(String url) throws IOException, InterruptedException {
        for (String line : exec(List.of("curl", "-sI", "--max-time", "10", url), 15).split("\r?\n")) {
            if (line.regionMatches(true, 0, "etag:", 0, 5)) {
                return line.substring(5).strip();
            }
        }
        throw new IOException("no ETag from " + url);
    }

    /** Whether the server answers Hello, World! to a GET over TLS (certificate not checked: a probe). */
    boolean answersHttps(int port) throws InterruptedException {
        try {
            String out = exec(List.of("curl", "-sk", "--max-time", "10", "https://127.0.0.1:" + port + "/"), 15);
            return out.contains("Hello, World!");
        } catch (IOException e) {
            return false;
        }
    }

    private long fileSize() throws IOException {
        return Files.size(files.largeFile());
    }

    /** curl, pinned like the other tools, printing status, sizes and total time on one line. */
    private List<String> curl(List<String> args) {
        List<String> cmd = pinned();
        cmd.addAll(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{size_upload} %{time_total}\\n"));
        cmd.addAll(args);
        return cmd;
    }

    /** The TCP bulk client in its own JVM (same JDK as the runner), pinned like the other tools. */
    private List<String> bulkClient(int port, int seconds) {
        List<String> cmd = pinned();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx64m", "-cp", System.getProperty("java.class.path"), "sifr.bench.tcp.TcpBulkClient",
                Integer.toString(port), Integer.toString(seconds)));
        return cmd;
    }

    /**
     * Reads curl's {@code -w "%{http_code} %{size_download} %{size_upload} %{time_total}"} line into
     * MiB/s of the transfer; a status other than 200 or a size other than {@code expected} is an error.
     */
    static Measurement parseCurl(String out, boolean upload, long expected) throws IOException {
        String[] f = out.strip().split("\\s+");
        if (f.length != 4) {
            throw new IOException("cannot read curl's report: " + out);
        }
        long size = Long.parseLong(upload ? f[2] : f[1]);
        double seconds = Double.parseDouble(f[3]);
        long errors = (f[0].equals("200") ? 0 : 1) + (size == expected ? 0 : 1);
        if (seconds <= 0) {
            throw new IOException("curl reported no transfer time: " + out);
        }
        return new Measurement(size / seconds / (1024.0 * 1024.0), Double.NaN, Double.NaN, errors, -1)
                .withBytes(size);
    }

    /** Reads {@code sifr.bench.tcp.TcpBulkClient}'s {@code echoed <bytes> bytes in <ns> ns} into MiB/s. */
    static Measurement parseBulkClient(String out) throws IOException {
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 6 && f[0].equals("echoed") && f[2].equals("bytes") && f[5].startsWith("ns")) {
                long bytes = Long.parseLong(f[1]);
                long nanos = Long.parseLong(f[4]);
                return new Measurement(bytes / (nanos / 1e9) / (1024.0 * 1024.0), Double.NaN, Double.NaN,
                        bytes == 0 ? 1 : 0, -1).withBytes(bytes);
            }
        }
        throw new IOException("cannot read the TCP bulk client's report:\n" + out);
    }

    /** Whether the server completes a few h2c prior-knowledge requests. */
    boolean answersH2c(int port) throws InterruptedException {
        return answersH2("http://127.0.0.1:" + port + "/");
    }

    /** Whether the server completes a few h2 requests over TLS (ALPN h2; h2load does not check the certificate). */
    boolean answersH2Tls(int port) throws InterruptedException {
        return answersH2("https://127.0.0.1:" + port + "/");
    }

    private boolean answersH2(String url) throws InterruptedException {
        try {
            String out = exec(List.of("h2load", "-n", "4", "-c", "1", "-m", "1", url), 10);
            return out.contains("4 succeeded") && out.contains("4 2xx");
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> wrk(String url, int seconds, boolean pipelined) {
        List<String> cmd = pinned();
        cmd.addAll(List.of("wrk", "-t1", "-c" + config.connectionsHttp1(), "-d" + seconds + "s", "--latency"));
        if (pipelined) {
            cmd.addAll(List.of("-s", pipelineScript.toString(), url, "--", Integer.toString(config.pipelineDepth())));
        } else {
            cmd.add(url);
        }
        return cmd;
    }

    /**
     * Warms a TLS server with one connection before the 64-connection warm-up: on a cold JVM given one
     * (shared) core, 64 concurrent handshakes in interpreted JDK crypto took longer than a whole
     * warm-up (seen at load 13: Sifr 1 and Netty 4 req/s, nginx 5,024; after one connection for 4 s
     * all three served 64 connections). One handshake plus keep-alive requests warm the same code.
     */
    void tlsPrewarm(Workload workload, int port, int seconds) throws IOException, InterruptedException {
        List<String> cmd = pinned();
        if (workload == Workload.H2_TLS) { // h2 only: one connection, one stream at a time
            cmd.addAll(List.of("h2load", "-t1", "-c1", "-m1", "-D", Integer.toString(seconds),
                    "https://127.0.0.1:" + port + "/"));
        } else {
            cmd.addAll(List.of("wrk", "-t1", "-c1", "-d" + seconds + "s", "--timeout", "10s",
                    "https://127.0.0.1:" + port + "/"));
        }
        exec(cmd, seconds);
    }

    /**
     * wrk over TLS, with a 10 s request timeout instead of wrk's 2 s: 64 handshakes at once on a cold
     * server JVM (one core, the JIT still compiling the JDK's TLS code) can take longer than 2 s, and
     * wrk then reconnects, which starts 64 more handshakes (seen on the loaded machine: 0 requests).
     */
    private List<String> wrkTls(String url, int seconds) {
        List<String> cmd = pinned();
        cmd.addAll(List.of("wrk", "-t1", "-c" + config.connectionsHttp1(), "-d" + seconds + "s", "--timeout", "10s",
                "--latency", url));
        return cmd;
    }

    private List<String> h2load(String url, int seconds, Path log) {
        List<String> cmd = pinned();
        cmd.addAll(List.of("h2load", "-t1", "-c" + config.h2Clients(), "-m" + config.h2Streams(),
                "-D", Integer.toString(seconds)));
        if (log != null) {
            cmd.add("--log-file=" + log);
        }
        cmd.add(url);
        return cmd;
    }

    private List<String> pinned() {
        List<String> cmd = new ArrayList<>();
        if (config.pin()) {
            cmd.addAll(List.of("taskset", "-c", "1"));
        }
        return cmd;
    }

    /** Runs a command with a bound of its duration plus 30 s; returns stdout+stderr. */
    private String exec(List<String> cmd, int seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "tool-", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new IOException(String.join(" ", cmd) + " did not finish in " + (seconds + 30) + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Reads wrk's report (run with --latency). */
    static Measurement parseWrk(String out) throws IOException {
        double rps = -1;
        double p50 = -1;
        double p99 = -1;
        long errors = 0;
        for (String raw : out.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("Requests/sec:")) {
                rps = Double.parseDouble(line.substring("Requests/sec:".length()).strip());
            } else if (line.startsWith("50%")) {
                p50 = wrkMillis(line.substring(3).strip());
            } else if (line.startsWith("99%")) {
                p99 = wrkMillis(line.substring(3).strip());
            } else if (line.startsWith("Socket errors:")) {
                for (String part : line.substring("Socket errors:".length()).split(",")) {
                    errors += Long.parseLong(part.strip().split("\\s+")[1]);
                }
            } else if (line.startsWith("Non-2xx or 3xx responses:")) {
                errors += Long.parseLong(line.substring("Non-2xx or 3xx responses:".length()).strip());
            }
        }
        if (rps < 0 || p50 < 0 || p99 < 0) {
            throw new IOException("cannot read wrk's report:\n" + out);
        }
        // wrk 4.1 sometimes prints 0.00us percentiles (seen with pipelining when its latency samples
        // were dropped): that is "no figure", not zero latency, so it must not enter the medians.
        return new Measurement(rps, p50 == 0 ? Double.NaN : p50, p99 == 0 ? Double.NaN : p99, errors, -1);
    }

    /** wrk prints times as e.g. 412.00us, 1.23ms, 2.01s, 1.00m. */
    static double wrkMillis(String value) {
        if (value.endsWith("us")) {
            return Double.parseDouble(value.substring(0, value.length() - 2)) / 1000.0;
        } else if (value.endsWith("ms")) {
            return Double.parseDouble(value.substring(0, value.length() - 2));
        } else if (value.endsWith("s")) {
            return Double.parseDouble(value.substring(0, value.length() - 1)) * 1000.0;
        } else if (value.endsWith("m")) {
            return Double.parseDouble(value.substring(0, value.length() - 1)) * 60_000.0;
        }
        throw new NumberFormatException("unknown wrk time unit: " + value);
    }

    /** Reads h2load's summary and, for latency percentiles, its per-request log (3rd column: microseconds). */
    static Measurement parseH2load(String out, Path log) throws IOException {
        Measurement summary = parseH2loadSummary(out);
        long[] micros = new long[1 << 16];
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.US_ASCII)) {
            for (String line; (line = r.readLine()) != null; ) {
                int tab = line.lastIndexOf('\t');
                if (tab < 0) {
                    continue;
                }
                if (n == micros.length) {
                    micros = Arrays.copyOf(micros, n * 2);
                }
                micros[n++] = Long.parseLong(line.substring(tab + 1).strip());
            }
        }
        if (n == 0) {
            throw new IOException("h2load's per-request log is empty:\n" + out);
        }
        Arrays.sort(micros, 0, n);
        return new Measurement(summary.requestsPerSecond(), percentile(micros, n, 0.50) / 1000.0,
                percentile(micros, n, 0.99) / 1000.0, summary.errors(), -1);
    }

    /** Reads h2load's summary: req/s and errors (failed, errored, timed out, non-2xx); no latency. */
    static Measurement parseH2loadSummary(String out) throws IOException {
        double rps = -1;
        long errors = 0;
        for (String raw : out.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("finished in")) {
                for (String part : line.split(",")) {
                    String p = part.strip();
                    if (p.endsWith(" req/s")) {
                        rps = Double.parseDouble(p.substring(0, p.length() - " req/s".length()));
                    }
                }
            } else if (line.startsWith("requests:")) {
                for (String part : line.substring("requests:".length()).split(",")) {
                    String[] kv = part.strip().split("\\s+");
                    if (kv.length == 2 && (kv[1].equals("failed") || kv[1].equals("errored") || kv[1].equals("timeout"))) {
                        errors += Long.parseLong(kv[0]);
                    }
                }
            } else if (line.startsWith("status codes:")) {
                for (String part : line.substring("status codes:".length()).split(",")) {
                    String[] kv = part.strip().split("\\s+");
                    if (kv.length == 2 && !kv[1].equals("2xx")) {
                        errors += Long.parseLong(kv[0]);
                    }
                }
            }
        }
        if (rps < 0) {
            throw new IOException("cannot read h2load's report:\n" + out);
        }
        return new Measurement(rps, Double.NaN, Double.NaN, errors, -1);
    }

    private static long percentile(long[] sorted, int n, double q) {
        int index = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, index))];
    }
}
