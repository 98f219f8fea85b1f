package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.http.HttpServer;

/**
 * A real browser against {@code sifr serve}: headless Chromium (Debian {@code chromium}) loads a page
 * with a script, an image and a {@code <video>} that seeks to its last second; the page's script writes
 * what happened into the DOM, read back with {@code --dump-dom}. The serve log shows the video's range
 * requests: {@code bytes=0-} first (206), then, when the seek needs bytes that have not arrived yet, one
 * starting inside the file (206, or 304 when Chromium revalidates what it cached; on loopback the file
 * has often arrived whole, see the fixtures' README). Loopback only: every host but 127.0.0.1 resolves to nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChromiumServeTest {
    private static final List<String> FIXTURES = List.of("index.html", "app.js", "pixel.png", "video.webm");

    @TempDir
    Path site;
    @TempDir
    Path profile;

    static Path chromium() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "chromium");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("the test needs 'chromium': install the Debian package 'chromium' (apt-get install chromium)");
    }

    @Test
    void headlessChromiumLoadsScriptImageAndSeeksAVideoThroughRangeRequests() throws Exception {
        Path browser = chromium();
        for (String name : FIXTURES) {
            try (InputStream in = ChromiumServeTest.class.getResourceAsStream("/browser/" + name)) {
                assertThat(in).as(name).isNotNull();
                Files.copy(in, site.resolve(name));
            }
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (HttpServer server = new Serve(new PrintStream(log, true, StandardCharsets.UTF_8))
                .start(Serve.parse(new String[] {"--port", "0", site.toString()}))) {
            String dom = dumpDom(browser, "http://127.0.0.1:" + server.localAddr().port() + "/");
            Matcher result = Pattern.compile("<pre id=\"result\">([^<]*)</pre>").matcher(dom);
            assertThat(result.find()).as(dom).isTrue();
            String facts = result.group(1);
            assertThat(facts).as("what the page saw").contains("\"script\":true", "\"image\":8", "\"duration\":12", "\"seeked\":11")
                    .doesNotContain("videoError");
            String lines = log.toString(StandardCharsets.UTF_8);
            assertThat(lines).contains("\"GET / HTTP/1.1\" 200 ", "\"GET /app.js HTTP/1.1\" 200 934 ", "\"GET /pixel.png HTTP/1.1\" 200 96 ",
                    "\"GET /video.webm HTTP/1.1\" 206 ");
            // every request for the video is a range request, answered 206 (or 304 when Chromium revalidates its cache)
            Matcher video = Pattern.compile("\"GET /video\\.webm HTTP/1\\.1\" (\\d+) \\d+ \"([^\"]*)\"").matcher(lines);
            List<String> ranges = new ArrayList<>();
            while (video.find()) {
                assertThat(video.group(1)).as(video.group()).isIn("206", "304");
                ranges.add(video.group(2));
            }
            assertThat(ranges).as(lines).isNotEmpty().allMatch(r -> r.matches("bytes=\\d+-\\d*"));
            assertThat(ranges.getFirst()).isEqualTo("bytes=0-");
        }
    }

    /** Runs Chromium headless until it prints the DOM (bounded); its stderr goes to a file, shown on failure. */
    private String dumpDom(Path browser, String url) throws IOException, InterruptedException {
        Path stderr = profile.resolveSibling(profile.getFileName() + ".stderr");
        Path stdout = profile.resolveSibling(profile.getFileName() + ".stdout");
        List<String> command = List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--user-data-dir=" + profile, "--virtual-time-budget=30000", "--dump-dom", url);
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish in 90 s; stderr:\n" + Files.readString(stderr));
            }
            assertThat(p.exitValue()).as("chromium exit; stderr:\n" + Files.readString(stderr)).isZero();
            return Files.readString(stdout);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Files.deleteIfExists(stderr);
            Files.deleteIfExists(stdout);
        }
    }
}
