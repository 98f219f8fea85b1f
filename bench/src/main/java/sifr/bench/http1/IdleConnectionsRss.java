package sifr.bench.http1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sifr.net.Net;
import sifr.net.TcpStream;

/**
 * Memory per idle keep-alive connection of Sifr's {@code HttpServer}: starts {@link SifrHelloServer}
 * in its own JVM, opens N connections that each complete one exchange and then stay idle, and reports
 * the server's resident memory before and after (VmRSS), per connection. The server's idle timeout
 * (60 s) outlasts the measurement. Needs about N + 100 file descriptors per process.
 * Run: {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt) sifr.bench.http1.IdleConnectionsRss 10000}
 */
public final class IdleConnectionsRss {
    private IdleConnectionsRss() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                SifrHelloServer.class.getName(), "0").redirectErrorStream(true).start();
        List<TcpStream> connections = new ArrayList<>(n);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.contains("listening on ")) {
                throw new IllegalStateException("server did not start: " + line);
            }
            String address = line.substring(line.indexOf("listening on ") + "listening on ".length()).trim();
            byte[] request = "GET / HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            // warm the server with a few hundred exchanges so JIT and thread pools are in the baseline
            for (int i = 0; i < 300; i++) {
                try (TcpStream s = Net.connectTcp(address)) {
                    exchange(s, request);
                }
            }
            Thread.sleep(2000);
            long before = rssKiB(server.pid());
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                TcpStream s = Net.connectTcp(address);
                exchange(s, request);
                connections.add(s);
            }
            Thread.sleep(3000);
            long after = rssKiB(server.pid());
            System.out.printf("%d idle keep-alive connections (each after one exchange), opened in %.1f s%n", n,
                    (System.nanoTime() - start) / 1e9);
            System.out.printf("server RSS before %,d KiB, after %,d KiB: %.1f KiB per connection%n", before, after,
                    (after - before) / (double) n);
            // every connection is still served
            exchange(connections.get(0), request);
            exchange(connections.get(n - 1), request);
            System.out.println("first and last connection still answer");
        } finally {
            for (TcpStream s : connections) {
                s.close();
            }
            server.destroy();
        }
    }

    private static void exchange(TcpStream s, byte[] request) throws IOException {
        s.writeAll(request);
        byte[] got = s.read(4096);
        if (got.length == 0 || !new String(got, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected answer");
        }
    }

    private static long rssKiB(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }
}
