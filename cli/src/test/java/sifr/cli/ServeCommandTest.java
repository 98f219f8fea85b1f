package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.http.HttpServer;

/** The {@code sifr serve} command line: options, the URL it prints, its log line, refusing a missing root. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServeCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream serveOut = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private HttpServer serve(String... args) throws Exception {
        return new Serve(new PrintStream(serveOut, true, StandardCharsets.UTF_8)).start(Serve.parse(args));
    }

    private int main(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String served() {
        return serveOut.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheUrlToOpenAndLogsEachRequestWithItsRange() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "0123456789");
        try (HttpServer server = serve("--port", "0", dir.toString())) {
            String url = "http://127.0.0.1:" + server.localAddr().port() + "/";
            assertThat(served()).contains("serving " + dir.toAbsolutePath().normalize() + " on " + url + " (HTTP/1.1; Ctrl-C stops)")
                    .contains("open " + url + "\n");
            assertThat(main("fetch", "-i", "-H", "Range: bytes=2-4", url + "a.txt")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 206 Partial Content\r\n")
                    .contains("content-range: bytes 2-4/10\r\n").endsWith("234");
            assertThat(served()).containsPattern("127\\.0\\.0\\.1 - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000] "
                    + "\"GET /a\\.txt HTTP/1\\.1\" 206 3 \"bytes=2-4\"\n");
        }
    }

    @Test
    void noListTurnsDirectoryListingsOff() throws Exception {
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("d/x.txt"), "x");
        try (HttpServer listing = serve("--port", "0", dir.toString());
             HttpServer quiet = serve("--port", "0", "--no-list", dir.toString())) {
            assertThat(main("fetch", "-i", "http://" + listing.localAddr() + "/d/")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200 ").contains("x.txt");
            out.reset();
            main("fetch", "-i", "http://" + quiet.localAddr() + "/d/");
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 404 ");
        }
    }

    @Test
    void h2cIsOffByDefaultAndOnWithTheFlag() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "a");
        try (HttpServer h2c = serve("--port", "0", "--h2c", dir.toString())) {
            assertThat(served()).contains("(HTTP/1.1, h2c prior knowledge and Upgrade; Ctrl-C stops)");
            assertThat(main("fetch", "-i", "--http2-prior-knowledge", "http://" + h2c.localAddr() + "/a.txt")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("HTTP/2 200 OK\r\n");
            assertThat(served()).contains("\"GET /a.txt HTTP/2\" 200 1 \"-\"");
        }
        try (HttpServer plain = serve("--port", "0", dir.toString())) {
            assertThat(main("fetch", "--http2-prior-knowledge", "http://" + plain.localAddr() + "/a.txt")).isNotZero();
        }
    }

    @Test
    void tlsWithCertAndKeyOffersH2ByAlpn() throws Exception {
        DemoCertificates.Pems pems = DemoCertificates.create();
        Files.write(dir.resolve("ca.pem"), pems.rootCertificate());
        Files.write(dir.resolve("cert.pem"), pems.serverCertificate());
        Files.write(dir.resolve("key.pem"), pems.serverKey());
        try (HttpServer server = serve("--port", "0", "--cert", dir.resolve("cert.pem").toString(),
                "--key", dir.resolve("key.pem").toString(), dir.toString())) {
            assertThat(served()).contains("(HTTP/2 and HTTP/1.1 by ALPN; Ctrl-C stops)");
            assertThat(main("fetch", "-i", "--cacert", dir.resolve("ca.pem").toString(),
                    "https://localhost:" + server.localAddr().port() + "/ca.pem")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("HTTP/2 200 OK\r\n").contains("BEGIN CERTIFICATE");
        }
    }

    @Test
    void bindChoosesTheAddressAndAWildcardIsOpenedThroughLoopback() throws Exception {
        try (HttpServer server = serve("--bind", "0.0.0.0", "--port", "0", dir.toString())) {
            assertThat(server.localAddr().address().isAnyLocalAddress()).isTrue();
            assertThat(served()).contains("open http://127.0.0.1:" + server.localAddr().port() + "/");
        }
        try (HttpServer server = serve("--bind", "::1", "--port", "0", dir.toString())) {
            assertThat(served()).contains("open http://[::1]:" + server.localAddr().port() + "/");
        }
    }

    @Test
    void aMissingRootIsRefusedWithAClearMessage() {
        Path missing = dir.resolve("nope");
        assertThat(main("serve", "--port", "0", missing.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("sifr serve: no such directory: " + missing + " (give the directory to serve, e.g. sifr serve .)");
    }

    @Test
    void badOptionsNameWhatIsWrong() {
        assertThatThrownBy(() -> Serve.parse(new String[] {"--port", "x"})).hasMessage("--port needs a number from 0 to 65535, not 'x'");
        assertThatThrownBy(() -> Serve.parse(new String[] {"--port"})).hasMessageStartingWith("--port needs a value");
        assertThatThrownBy(() -> Serve.parse(new String[] {"--cert", "c.pem"})).hasMessage("--cert and --key go together");
        assertThatThrownBy(() -> Serve.parse(new String[] {"--frobnicate"})).hasMessageStartingWith("unknown option --frobnicate");
        assertThatThrownBy(() -> Serve.parse(new String[] {"--h2c", "--cert", "c", "--key", "k"}))
                .hasMessageContaining("--h2c is for cleartext");
    }
}
