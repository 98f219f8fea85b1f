package sifr.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS, large-body, TCP bulk and nginx rows: tool output parsing, nginx configuration, the tables. */
class BenchLabRowsTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void readsCurlDownloadIntoMibPerSecond() throws Exception {
        Measurement m = LoadTools.parseCurl("200 67108864 0 0.250000\n", false, 64 * MIB);
        assertThat(m.requestsPerSecond()).isCloseTo(256.0, within(1e-9));
        assertThat(m.bytes()).isEqualTo(64 * MIB);
        assertThat(m.errors()).isZero();
    }

    @Test
    void readsCurlUploadFromTheUploadSize() throws Exception {
        Measurement m = LoadTools.parseCurl("200 2 67108864 0.5", true, 64 * MIB);
        assertThat(m.requestsPerSecond()).isCloseTo(128.0, within(1e-9));
        assertThat(m.errors()).isZero();
    }

    @Test
    void countsAFailedStatusAndAShortTransferAsErrors() throws Exception {
        assertThat(LoadTools.parseCurl("413 0 1000 0.1", true, 64 * MIB).errors()).isEqualTo(2);
        assertThat(LoadTools.parseCurl("200 1000 0 0.1", false, 64 * MIB).errors()).isEqualTo(1);
    }

    @Test
    void rejectsCurlOutputItCannotRead() {
        assertThatThrownBy(() -> LoadTools.parseCurl("curl: (7) Failed to connect", false, 1))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot read curl's report");
    }

    @Test
    void readsTheBulkClientsReport() throws Exception {
        Measurement m = LoadTools.parseBulkClient("WARNING: something\necho ok\necho"
                + "ed 2147483648 bytes in 2000000000 ns: 1024.0 MiB/s\n");
        assertThat(m.requestsPerSecond()).isCloseTo(1024.0, within(1e-9));
        assertThat(m.bytes()).isEqualTo(2048 * MIB);
        assertThatThrownBy(() -> LoadTools.parseBulkClient("Exception in thread main")).isInstanceOf(IOException.class);
    }

    @Test
    void cpuPerGibDividesServerCpuByTheBytesMoved() {
        Measurement m = new Measurement(100, Double.NaN, Double.NaN, 0, -1).withBytes(2048 * MIB).withCpuPerGib(3_000_000_000L);
        assertThat(m.cpuMicrosPerRequest()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void bulkRowsGetTheirOwnTableWithRatiosToNettyAndNginx() {
        ResultTable t = new ResultTable();
        ServerSpec netty = spec("netty", true);
        ServerSpec sifr = spec("sifr", false);
        ServerSpec nginx = spec("nginx", false);
        t.add(Workload.H1_PLAIN, netty, new Measurement(1000, 1, 2, 0, 1024));
        t.add(Workload.H1_PLAIN, sifr, new Measurement(1500, 1, 2, 0, 1024));
        t.add(Workload.H1_PLAIN, nginx, new Measurement(3000, 1, 2, 0, 1024));
        t.add(Workload.DOWNLOAD, nginx, new Measurement(400, Double.NaN, Double.NaN, 0, 12 * 1024).withBytes(MIB).withCpuPerGib(1));
        t.add(Workload.DOWNLOAD, sifr, new Measurement(200, Double.NaN, Double.NaN, 0, 150 * 1024));
        String md = t.markdown();
        assertThat(md).contains("| HTTP/1.1 (wrk -t1 -c64) | sifr | 1,500 | 1.50× | 0.50× |")
                .contains("| HTTP/1.1 (wrk -t1 -c64) | nginx | 3,000 | 3.00× | 1.00× |")
                .contains("| Workload | Server | MiB/s (median) | vs Netty | vs nginx |")
                .contains("| HTTP/1.1 download (curl GET, sendfile) | sifr | 200 | – | 0.50× | 200–200 | ? | 150 | 1 | 0 |");
        assertThat(md.indexOf("req/s (median)")).isLessThan(md.indexOf("MiB/s (median)"));
    }

    @Test
    void workloadKeysSelectRowsAndATypoIsRefused() {
        LoadConfig some = LoadConfig.fromEnvironment(Map.of("BENCH_WORKLOADS", "tcp, https"), Path.of("."), false);
        assertThat(some.wants(Workload.TCP_BULK)).isTrue();
        assertThat(some.wants(Workload.HTTPS)).isTrue();
        assertThat(some.wants(Workload.H1_PLAIN)).isFalse();
        LoadConfig typo = LoadConfig.fromEnvironment(Map.of("BENCH_WORKLOADS", "htps"), Path.of("."), false);
        assertThatThrownBy(() -> typo.wants(Workload.HTTPS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown workload 'htps'");
        assertThat(LoadConfig.fromEnvironment(Map.of("BENCH_BODY_MIB", "16"), Path.of("."), false).bodyMiB()).isEqualTo(16);
    }

    @Test
    void nginxConfigurationHasOneWorkerOwnPathsAndTheWorkloadsListener(@TempDir Path dir) {
        String plain = NginxConfig.render(Workload.H1_PLAIN, 4321, dir, null, dir.resolve("large.bin"));
        assertThat(plain).contains("worker_processes 1;", "daemon off;", "listen 127.0.0.1:4321;",
                "pid " + dir.resolve("nginx.pid") + ";", "access_log off;", "alias " + dir.resolve("large.bin") + ";",
                "return 200 \"Hello, World!\"", "location = /upload { client_max_body_size 0;")
                .doesNotContain("ssl_certificate");
        assertThat(NginxConfig.render(Workload.H2C, 4321, dir, null, null)).contains("listen 127.0.0.1:4321 http2;")
                .doesNotContain("/large");
        String tls = NginxConfig.render(Workload.HTTPS, 4321, dir,
                new NginxConfig.Tls(dir.resolve("c.pem"), dir.resolve("k.pem")), null);
        assertThat(tls).contains("listen 127.0.0.1:4321 ssl;", "ssl_certificate " + dir.resolve("c.pem") + ";",
                "ssl_certificate_key " + dir.resolve("k.pem") + ";", "ssl_protocols TLSv1.3;");
    }

    @Test
    void h2AndCopiedRowsGetTheirListenersAndRoutes(@TempDir Path dir) {
        NginxConfig.Tls pem = new NginxConfig.Tls(dir.resolve("c.pem"), dir.resolve("k.pem"));
        assertThat(NginxConfig.render(Workload.H2_TLS, 4321, dir, pem, null)).contains("listen 127.0.0.1:4321 ssl http2;");
        for (Workload w : new Workload[] {Workload.H2_DOWNLOAD, Workload.H2_UPLOAD}) {
            assertThat(NginxConfig.render(w, 4321, dir, null, dir.resolve("large.bin"))).as(w.key)
                    .contains("listen 127.0.0.1:4321 http2;", "location = /large {", "location = /upload {");
        }
        assertThat(NginxConfig.render(Workload.DOWNLOAD_COPY, 4321, dir, null, dir.resolve("large.bin")))
                .contains("location = /large-copy { default_type application/octet-stream; sendfile off; alias "
                        + dir.resolve("large.bin") + "; }");
        assertThat(Workload.H2_TLS.isTls()).isTrue();
        assertThat(Workload.H2_TLS.bulk).isFalse();
        assertThat(Workload.H2_UPLOAD.isLargeBody()).isTrue();
        assertThat(Workload.byKey("download-copy")).isEqualTo(Workload.DOWNLOAD_COPY);
    }

    @Test
    void staticRowsServeTheLabDirectoryFromBothServers(@TempDir Path dir) throws Exception {
        LoadConfig config = LoadConfig.fromEnvironment(Map.of("BENCH_BODY_MIB", "2"), Path.of("."), false);
        LabFiles files = LabFiles.create(dir, config, false, false, true);
        assertThat(Files.readString(files.staticDir().resolve("index.html"))).isEqualTo("Hello, World!");
        assertThat(Files.size(files.staticDir().resolve("small.bin"))).isEqualTo(1024);
        assertThat(files.largeFile()).isEqualTo(files.staticDir().resolve("large.bin"));
        assertThat(Files.size(files.largeFile())).isEqualTo(2 * MIB);
        String nginx = NginxConfig.render(Workload.STATIC_SMALL, 4321, dir, null, files.largeFile(), files.staticDir(), false);
        assertThat(nginx).contains("worker_processes 1;", "sendfile on;", "root " + files.staticDir() + ";")
                .doesNotContain("return 200", "open_file_cache");
        String cached = NginxConfig.render(Workload.STATIC_SMALL, 4321, dir, null, files.largeFile(), files.staticDir(), true);
        assertThat(cached).contains("open_file_cache max=1000 inactive=60s;", "open_file_cache_valid 30s;",
                "root " + files.staticDir() + ";");
        ServerSpec nginxCached = ServerSpec.all().stream().filter(s -> s.name().equals("nginx-cached")).findFirst().orElseThrow();
        assertThat(nginxCached.external()).isTrue();
        assertThat(nginxCached.workloads()).containsExactlyInAnyOrder(Workload.STATIC_SMALL, Workload.STATIC_304, Workload.STATIC_LARGE);
        assertThat(Workload.byKey("static-304")).isEqualTo(Workload.STATIC_304);
        assertThat(Workload.STATIC_LARGE.bulk).isTrue();
        assertThat(Workload.STATIC_SMALL.isHttp1()).isTrue();
    }

    @Test
    void labFilesHoldPemMaterialAndALargeFileOfTheConfiguredSize(@TempDir Path dir) throws Exception {
        LoadConfig config = LoadConfig.fromEnvironment(Map.of("BENCH_BODY_MIB", "2"), Path.of("."), false);
        LabFiles files = LabFiles.create(dir, config, true, true);
        assertThat(Files.readString(files.tls().certificate())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(files.tls().key())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.size(files.largeFile())).isEqualTo(2 * MIB);
    }

    private static ServerSpec spec(String name, boolean baseline) {
        return new ServerSpec(name, "x", java.util.EnumSet.allOf(Workload.class), baseline, false);
    }
}
