package sifr.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer servers the load runs depend on start, listen and answer Hello, World! (one JVM each). */
class PeerServersTest {
    @TempDir
    Path logs;

    private final LoadConfig config = LoadConfig.fromEnvironment(Map.of("BENCH_PIN", "0"), Path.of("."), false);

    @Test
    void nettyHttp1ServerAnswersHello() throws Exception {
        try (ServerProcess server = ServerProcess.start(spec("sifr.bench.servers.NettyHttp1Server"), config, logs.resolve("n1.log"))) {
            assertThat(server.answersHttp1()).as(server.logTail()).isTrue();
            assertThat(server.peakRssKib()).isPositive();
        }
    }

    @Test
    void bareVirtualThreadServerAnswersHello() throws Exception {
        try (ServerProcess server = ServerProcess.start(spec("sifr.bench.servers.BareVirtualThreadServer"), config, logs.resolve("b.log"))) {
            assertThat(server.answersHttp1()).as(server.logTail()).isTrue();
        }
    }

    @Test
    void helidonServerAnswersHttp1AndH2c() throws Exception {
        requireH2load();
        try (ServerProcess server = ServerProcess.start(spec("sifr.bench.servers.HelidonServer"), config, logs.resolve("h.log"))) {
            assertThat(server.answersHttp1()).as(server.logTail()).isTrue();
            assertThat(tools().answersH2c(server.port())).as(server.logTail()).isTrue();
        }
    }

    @Test
    void nettyH2cServerAnswersPriorKnowledge() throws Exception {
        requireH2load();
        try (ServerProcess server = ServerProcess.start(spec("sifr.bench.servers.NettyH2cServer"), config, logs.resolve("n2.log"))) {
            assertThat(tools().answersH2c(server.port())).as(server.logTail()).isTrue();
        }
    }

    @Test
    void nginxAnswersHelloInCleartextAndOverTls() throws Exception {
        assertThat(Files.isExecutable(ServerSpec.NGINX_BINARY)).as("nginx is missing: apt-get install nginx").isTrue();
        LabFiles files = LabFiles.create(logs, config, true, false);
        ServerSpec nginx = new ServerSpec("nginx", ServerSpec.NGINX, java.util.EnumSet.allOf(Workload.class), false, true);
        try (ServerProcess server = ServerProcess.start(nginx, Workload.H1_PLAIN, files, config, logs.resolve("x.log"))) {
            assertThat(server.answersHttp1()).as(server.logTail()).isTrue();
            assertThat(server.peakRssKib()).isPositive();
        }
        try (ServerProcess server = ServerProcess.start(nginx, Workload.HTTPS, files, config, logs.resolve("s.log"))) {
            assertThat(new LoadTools(config, Path.of("wrk/pipeline.lua"), logs, files).answersHttps(server.port()))
                    .as(server.logTail()).isTrue();
        }
    }

    @Test
    void nettyHttp1ServerAnswersOverTlsWithTheLabCertificate() throws Exception {
        LabFiles files = LabFiles.create(logs, config, true, false);
        try (ServerProcess server = ServerProcess.start(spec("sifr.bench.servers.NettyHttp1Server"), Workload.HTTPS,
                files, config, logs.resolve("nt.log"))) {
            assertThat(new LoadTools(config, Path.of("wrk/pipeline.lua"), logs, files).answersHttps(server.port()))
                    .as(server.logTail()).isTrue();
        }
    }

    private LoadTools tools() {
        return new LoadTools(config, Path.of("wrk/pipeline.lua"), logs);
    }

    private static ServerSpec spec(String mainClass) {
        return new ServerSpec("test", mainClass, java.util.EnumSet.allOf(Workload.class), false, false);
    }

    private static void requireH2load() {
        assertThat(Files.isExecutable(Path.of("/usr/bin/h2load")))
                .as("h2load is missing: install the Debian package nghttp2-client").isTrue();
    }
}
