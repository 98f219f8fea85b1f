package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.testing.PeerProcess;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * RFC 8441 interop with a server nobody here wrote: Debian's {@code python3-hypercorn} (with
 * {@code python3-h2}; it announces SETTINGS_ENABLE_CONNECT_PROTOCOL and serves ASGI WebSockets on
 * extended CONNECT streams) started on a free loopback port with its own config in a temp folder. Our
 * client reaches it over h2c by prior knowledge ({@link WebSocketHttp2#REQUIRED}) and over TLS by ALPN
 * {@code h2} with the default {@link WebSocketHttp2#PREFERRED} and the test CA. The ASGI app first tells
 * which HTTP version the WebSocket came over, then echoes; {@code bye} makes it close. Hypercorn is a
 * server only: one direction.
 */
@Timeout(60)
class WebSocketHypercornInteropTest {
    private static final TestPki.Cert ROOT = TestPki.root("Hypercorn Interop Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));

    /** The ASGI echo app and a hypercorn launcher: {@code server.py PORT [CERT KEY]}. */
    private static final String SERVER_PY = """
            import asyncio, sys
            from hypercorn.config import Config
            from hypercorn.asyncio import serve

            async def app(scope, receive, send):
                if scope['type'] == 'lifespan':
                    while True:
                        m = await receive()
                        if m['type'] == 'lifespan.startup':
                            await send({'type': 'lifespan.startup.complete'})
                        elif m['type'] == 'lifespan.shutdown':
                            await send({'type': 'lifespan.shutdown.complete'})
                            return
                if scope['type'] != 'websocket':
                    await send({'type': 'http.response.start', 'status': 404, 'headers': []})
                    await send({'type': 'http.response.body', 'body': b''})
                    return
                await receive()  # websocket.connect
                await send({'type': 'websocket.accept'})
                await send({'type': 'websocket.send', 'text': 'HTTP/' + scope['http_version']})
                while True:
                    m = await receive()
                    if m['type'] == 'websocket.disconnect':
                        print('DISCONNECT', m.get('code'), flush=True)
                        return
                    if m.get('text') == 'bye':
                        await send({'type': 'websocket.close', 'code': 1000})
                        print('CLOSED BY SERVER', flush=True)
                        return
                    if m.get('text') is not None:
                        await send({'type': 'websocket.send', 'text': m['text']})
                    else:
                        await send({'type': 'websocket.send', 'bytes': m['bytes']})

            config = Config()
            config.bind = ['127.0.0.1:' + sys.argv[1]]
            if len(sys.argv) > 2:
                config.certfile = sys.argv[2]
                config.keyfile = sys.argv[3]
            asyncio.run(serve(app, config))
            """;

    @TempDir
    Path dir;

    static Path python() {
        Path python = PeerProcess.requireBinary("/usr/bin/python3", "python3");
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import hypercorn, h2").redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                throw new AssertionError("Python modules hypercorn and h2 are missing: "
                        + "apt-get install python3-hypercorn python3-h2");
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("cannot run /usr/bin/python3: " + e);
        }
        return python;
    }

    private PeerProcess startHypercorn(int port, boolean tls) throws Exception {
        Path script = dir.resolve("server.py");
        Files.writeString(script, SERVER_PY);
        List<String> command = new ArrayList<>(List.of(python().toString(), script.toString(), Integer.toString(port)));
        if (tls) {
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            Files.write(cert, SERVER.chainPem());
            Files.write(key, SERVER.keyPem());
            command.add(cert.toString());
            command.add(key.toString());
        }
        PeerProcess py = PeerProcess.start(dir, command);
        py.awaitListening(port, Duration.ofSeconds(20));
        return py;
    }

    private static void exchange(WebSocket ws) throws Exception {
        ws.sendText("hello hypercorn");
        assertThat(ws.receive().text()).isEqualTo("hello hypercorn");
        byte[] large = new byte[1 << 20]; // past both sides' windows: HTTP/2 flow control both ways
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i % 253);
        }
        ws.sendBinary(large);
        assertThat(Arrays.equals(ws.receive().bytes(), large)).isTrue();
        ws.sendFragment(true, "frag".getBytes(StandardCharsets.UTF_8), false);
        ws.sendFragment(true, "mented".getBytes(StandardCharsets.UTF_8), true);
        assertThat(ws.receive().text()).isEqualTo("fragmented");
    }

    @Test
    void rfc8441OurClientAgainstHypercornOverH2cPriorKnowledge() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess py = startHypercorn(port, false)) {
            WebSocketOptions options = WebSocketOptions.builder().http2(WebSocketHttp2.REQUIRED)
                    .closeTimeout(Duration.ofSeconds(1)).maxMessageSize(4 << 20).maxFrameSize(4 << 20).build();
            try (WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + port + "/ws", options)) {
                assertThat(ws.receive().text()).as(py.output()).isEqualTo("HTTP/2");
                exchange(ws);
                // Our Close: hypercorn 0.13.2 answers it but neither ends its stream nor tells its app 1000
                // (its ws_stream reports 1006 for any close the app did not start), so our client ends the
                // stream itself once the close timeout passes (RST_STREAM CANCEL after the handshake).
                ws.close(CloseStatus.NORMAL, "done");
                assertThat(ws.closeStatus().orElseThrow()).isEqualTo(new CloseStatus(1000, "done", false));
            }
            py.awaitOutput("DISCONNECT", Duration.ofSeconds(10));
        }
    }

    @Test
    void rfc8441OurClientAgainstHypercornOverTlsByAlpnH2AndTheServersClose() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess py = startHypercorn(port, true)) {
            WebSocketOptions options = WebSocketOptions.builder()
                    .tls(Tls.clientConfigFromCaPem(ROOT.certPem(), List.of("http/1.1")))
                    .maxMessageSize(4 << 20).maxFrameSize(4 << 20).build();
            try (WebSocket ws = WebSocket.connect("wss://localhost:" + port + "/ws", options)) {
                assertThat(ws.receive().text()).as(py.output()).isEqualTo("HTTP/2");
                exchange(ws);
                ws.sendText("bye"); // the app closes: Close 1000 then END_STREAM, the clean end of RFC 8441
                WebSocketMessage end = ws.receive();
                assertThat(end.isClose()).isTrue();
                assertThat(end.closeStatus().orElseThrow().code()).isEqualTo(1000);
                assertThat(end.closeStatus().orElseThrow().remote()).isTrue();
            }
            py.awaitOutput("CLOSED BY SERVER", Duration.ofSeconds(10));
        }
    }
}
