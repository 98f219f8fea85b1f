package sifr.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One server JVM started for one measurement: start, wait until it answers, read its peak RSS, stop. */
// Blocking JDK sockets only probe the peer servers' ports: no Sifr code in the measuring process.
@SuppressWarnings("SIFR-IMPORT-0008:java.net.Socket,java.net.ServerSocket")
final class ServerProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code mainClass} on a free loopback port and returns once it accepts connections. */
    static ServerProcess start(ServerSpec spec, LoadConfig config, Path log) throws IOException, InterruptedException {
        return start(spec, Workload.H1_PLAIN, LabFiles.NONE, config, log);
    }

    /**
     * Starts the server for {@code workload} on a free loopback port and returns once it accepts
     * connections. Java peers learn the TLS files and the large file from system properties
     * ({@code bench.tls.cert}, {@code bench.tls.key}, {@code bench.file}); nginx from its configuration.
     */
    static ServerProcess start(ServerSpec spec, Workload workload, LabFiles files, LoadConfig config, Path log)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        if (config.pin()) {
            cmd.addAll(List.of("taskset", "-c", "0"));
        }
        boolean tls = workload.isTls();
        if (tls && files.tls() == null) {
            throw new IOException("the " + workload.label + " workload needs the lab's certificates");
        }
        if (spec.external()) {
            Path prefix = Files.createDirectories(files.scratch().resolve("nginx-" + port));
            Files.writeString(prefix.resolve("nginx.conf"), NginxConfig.render(workload, port, prefix,
                    tls ? files.tls() : null, files.largeFile(), workload.isStatic() ? files.staticDir() : null,
                    ServerSpec.NGINX_CACHED.equals(spec.mainClass())));
            cmd.addAll(List.of(ServerSpec.NGINX_BINARY.toString(), "-p", prefix.toString(), "-c",
                    prefix.resolve("nginx.conf").toString()));
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(config.serverJvmOptions());
            if (tls) {
                cmd.add("-Dbench.tls.cert=" + files.tls().certificate());
                cmd.add("-Dbench.tls.key=" + files.tls().key());
            }
            if (files.largeFile() != null) {
                cmd.add("-Dbench.file=" + files.largeFile());
            }
            if (workload.isStatic()) {
                cmd.add("-Dbench.static=" + files.staticDir());
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), spec.mainClass(), Integer.toString(port)));
        }
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(p, port, log);
        server.awaitListening();
        return server;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /**
     * CPU time (user + system, all threads) the server has used so far in ns, or -1; for nginx the
     * master and its worker together.
     */
    long cpuNanos() {
        long total = 0;
        for (ProcessHandle p : processes()) {
            long n = p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
            if (n < 0) {
                return -1;
            }
            total += n;
        }
        return total;
    }

    /** VmHWM (peak resident set size since start) in KiB, summed over the server's processes, or -1. */
    long peakRssKib() {
        long total = 0;
        for (ProcessHandle p : processes()) {
            long kib = peakRssKib(p.pid());
            if (kib < 0) {
                return -1;
            }
            total += kib;
        }
        return total;
    }

    private List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.toHandle().descendants().forEach(all::add);
        return all;
    }

    private static long peakRssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // process gone or no /proc: reported as unknown
        }
        return -1;
    }

    /** Sends one HTTP/1.1 GET and returns whether the answer carries Hello, World!. */
    boolean answersHttp1() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            StringBuilder got = new StringBuilder();
            for (int n; got.length() < 16_384 && (n = in.read(buf)) > 0; ) {
                got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (got.indexOf("Hello, World!") >= 0) {
                    return got.toString().startsWith("HTTP/1.1 200");
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("server exited with status " + process.exitValue() + " before listening:\n" + logTail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("server did not listen on port " + port + " within " + START_TIMEOUT_MILLIS + " ms:\n" + logTail());
    }

    /** SIGTERM, then SIGKILL if it has not exited within 10 s (nginx's worker with it). */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroy();
        for (ProcessHandle child : children) {
            child.onExit().toCompletableFuture().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
            child.destroyForcibly();
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
