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
import sifr.http.HttpClient;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.websocket.WebSocket;
import sifr.websocket.WebSocketMessage;

/**
 * A real browser against {@code sifr serve}: headless Chromium (Debian {@code chromium}) loads a page
 * with a script, an image and a {@code <video>} that seeks to its last second; the page's script writes
 * what happened into the page, read back over the DevTools protocol with our own WebSocket client. The serve log shows the video's range
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
            String facts = pageFacts(browser, "http://127.0.0.1:" + server.localAddr().port() + "/");
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

    /**
     * Starts Chromium headless on {@code url} with the DevTools protocol on a free loopback port, then asks the
     * page for its result every 100 ms (Runtime.evaluate over our own WebSocket client) until the video has
     * seeked or failed, at most 60 s. Real time, not {@code --virtual-time-budget}: virtual time runs ahead of
     * the media pipeline, and under load the DOM was dumped before the seek had finished.
     */
    private String pageFacts(Path browser, String url) throws Exception {
        Path stderr = profile.resolveSibling(profile.getFileName() + ".stderr");
        List<String> command = List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile, url);
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (HttpClient http = HttpClient.create()) {
            String pageSocket = pageDebuggerUrl(http, devToolsPort(p, stderr, deadline), p, stderr, deadline);
            String last = "";
            try (WebSocket devtools = WebSocket.connect(pageSocket)) {
                for (int id = 1; System.nanoTime() < deadline; id++) {
                    last = evaluate(devtools, id, "(document.getElementById('result') || {}).textContent || ''");
                    if (last.contains("\"seeked\"") || last.contains("videoError")) {
                        return last;
                    }
                    Thread.sleep(100);
                }
            }
            throw new AssertionError("the page did not seek within 60 s; it showed " + last + "; stderr:\n" + Files.readString(stderr));
        } finally {
            closeBrowser(p);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            Files.deleteIfExists(stderr);
        }
    }

    /**
     * Browser.close on the browser's own DevTools socket (second line of {@code DevToolsActivePort}): unlike a
     * signal, it lets Chromium remove its profile's singleton links and its socket folder in /tmp.
     */
    private void closeBrowser(Process p) {
        try {
            List<String> lines = Files.readAllLines(profile.resolve("DevToolsActivePort"));
            try (WebSocket browser = WebSocket.connect("ws://127.0.0.1:" + lines.get(0) + lines.get(1))) {
                browser.sendText("{\"id\":1,\"method\":\"Browser.close\"}");
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (Exception notRunning) {
            // Chromium never started its DevTools server or is gone already: the caller kills what is left
        }
    }

    /** Chromium writes the port it chose into {@code DevToolsActivePort} in its profile (first line). */
    private int devToolsPort(Process p, Path stderr, long deadline) throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && lines.getFirst().matches("\\d+")) {
                    return Integer.parseInt(lines.getFirst());
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("chromium gave no DevTools port (alive: " + p.isAlive() + "); stderr:\n" + Files.readString(stderr));
    }

    /** The page target's WebSocket from {@code /json/list}, once the page is listed. */
    private static String pageDebuggerUrl(HttpClient http, int port, Process p, Path stderr, long deadline) throws Exception {
        Pattern page = Pattern.compile("\"type\"\\s*:\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\"\\s*:\\s*\"(ws://[^\"]+)\"");
        String list = "";
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (HttpResponse response = http.get("http://127.0.0.1:" + port + "/json/list")) {
                list = new String(response.body().collectWithLimit(1 << 20), StandardCharsets.UTF_8);
            }
            Matcher m = page.matcher(list);
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("chromium listed no page: " + list + "; stderr:\n" + Files.readString(stderr));
    }

    /** One Runtime.evaluate call; returns the string value, its JSON escapes of quotes and backslashes undone. */
    private static String evaluate(WebSocket devtools, int id, String expression) throws Exception {
        devtools.sendText("{\"id\":" + id + ",\"method\":\"Runtime.evaluate\",\"params\":{\"expression\":\""
                + expression.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"returnByValue\":true}}");
        for (int replies = 0; replies < 100; replies++) {
            WebSocketMessage m = devtools.receive();
            assertThat(m.isClose()).as("DevTools closed the page socket").isFalse();
            String reply = m.text();
            if (reply.startsWith("{\"id\":" + id + ",")) {
                Matcher value = Pattern.compile("\"value\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(reply);
                return value.find() ? value.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : "";
            }
        }
        throw new AssertionError("no reply to DevTools call " + id);
    }
}
