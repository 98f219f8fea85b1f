package sifr.bench.load;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Files a load run shares between its servers and tools, made once per run in a scratch directory:
 * the TLS material (a root CA of the run's own and a {@code localhost} / 127.0.0.1 server certificate,
 * PEM) when HTTPS is measured, the large file behind the download and upload workloads, and the
 * static directory of the static-file workloads: {@code index.html} ({@code Hello, World!}, so the
 * probe's {@code GET /} answers as usual), {@code small.bin} (1 KiB of random bytes) and the large file
 * ({@code large.bin}, then also behind {@code /large}).
 *
 * @param tls certificate and key, or null when no workload needs them
 * @param largeFile the large file, or null
 * @param staticDir the static directory, or null
 */
record LabFiles(Path scratch, NginxConfig.Tls tls, Path largeFile, Path staticDir) {
    static final LabFiles NONE = new LabFiles(Path.of(System.getProperty("java.io.tmpdir")), null, null, null);

    /** {@link #create(Path, LoadConfig, boolean, boolean, boolean)} without the static directory. */
    static LabFiles create(Path scratch, LoadConfig config, boolean https, boolean largeBodies) throws Exception {
        return create(scratch, config, https, largeBodies, false);
    }

    /** Writes what {@code config}'s workloads need into {@code scratch}. */
    static LabFiles create(Path scratch, LoadConfig config, boolean https, boolean largeBodies, boolean staticFiles)
            throws Exception {
        NginxConfig.Tls tls = null;
        if (https) {
            sifr.bench.tls.BenchPki pki = new sifr.bench.tls.BenchPki();
            Path cert = scratch.resolve("server.pem");
            Path key = scratch.resolve("server-key.pem");
            Files.write(cert, pki.serverPem());
            Files.write(key, pki.serverKeyPem());
            Files.write(scratch.resolve("root.pem"), pki.rootPem());
            tls = new NginxConfig.Tls(cert, key);
        }
        Path large = null;
        Path staticDir = null;
        if (staticFiles) {
            staticDir = Files.createDirectories(scratch.resolve("static"));
            Files.writeString(staticDir.resolve("index.html"), sifr.bench.servers.ServerArgs.HELLO);
            writeRandom(staticDir.resolve("small.bin"), 1024);
        }
        if (largeBodies || staticFiles) {
            large = staticFiles ? staticDir.resolve("large.bin") : scratch.resolve("large-" + config.bodyMiB() + "m.bin");
            writeRandom(large, (long) config.bodyMiB() * 1024 * 1024);
        }
        return new LabFiles(scratch, tls, large, staticDir);
    }

    /** Random bytes (incompressible, so no layer can shortcut them), written in 1 MiB blocks. */
    static void writeRandom(Path file, long size) throws IOException {
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(20);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }
}
