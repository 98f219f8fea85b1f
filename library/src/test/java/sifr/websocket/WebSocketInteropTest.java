package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.net.Net;
import sifr.net.TcpListener;
import sifr.testing.PeerProcess;

/**
 * Interop both ways with WebSocket stacks nobody here wrote: npm {@code ws} (Node.js; installed by
 * {@code .ci/run} into {@code .peers/npm/}) and Debian's {@code python3-websockets}. Each peer runs an
 * echo server for our client, and a client that sends known messages to our echo server and prints
 * what came back. permessage-deflate is on in both directions where the peer offers or accepts it.
 */
@Timeout(60)
class WebSocketInteropTest {
    private static final WebSocketOptions DEFLATE = WebSocketOptions.builder().permessageDeflate(true)
            .maxMessageSize(4 << 20).maxFrameSize(4 << 20).build();

    @TempDir
    Path dir;

    /**
     * The npm ws module: {@code .peers/npm/node_modules/ws} at the repository root (where {@code .ci/run}
     * installs it), else npm's global root; or a failure that says how to install it.
     */
    static Path npmWs() {
        Path root = Path.of("").toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            Path ws = p.resolve(".peers/npm/node_modules/ws");
            if (Files.isDirectory(ws)) {
                return ws;
            }
            if (Files.isDirectory(p.resolve(".ci"))) {
                break;
            }
        }
        for (String global : List.of("/usr/lib/node_modules/ws", "/usr/local/lib/node_modules/ws")) {
            if (Files.isDirectory(Path.of(global))) {
                return Path.of(global);
            }
        }
        throw new AssertionError("npm ws is missing: run .ci/run, or `npm install --prefix .peers/npm ws@8.23.0` "
                + "at the repository root (node is needed: Debian package nodejs)");
    }

    static Path python() {
        Path python = PeerProcess.requireBinary("/usr/bin/python3", "python3");
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import websockets").redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                throw new AssertionError("Python module websockets is missing: apt-get install python3-websockets");
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run /usr/bin/python3: " + e);
        }
        return python;
    }

    /** Messages our client sends and expects back: text, binary, empty, large, non-ASCII. */
    private static void exchange(WebSocket ws) throws IOException {
        byte[] large = new byte[1 << 20];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 / 7);
        }
        String text = "héllo wörld ✓ ".repeat(1000);
        ws.sendText("hello");
        ws.sendBinary(new byte[] {0, 1, 2, (byte) 0xff});
        ws.sendText("");
        ws.sendBinary(large);
        ws.sendText(text);
        ws.sendFragment(true, "frag".getBytes(StandardCharsets.UTF_8), false);
        ws.sendFragment(true, "mented".getBytes(StandardCharsets.UTF_8), true);
        ws.ping("p".getBytes(StandardCharsets.UTF_8));
        assertThat(ws.receive().text()).isEqualTo("hello");
        WebSocketMessage b = ws.receive();
        assertThat(b.isBinary()).isTrue();
        assertThat(b.bytes()).containsExactly(0, 1, 2, 0xff);
        assertThat(ws.receive().text()).isEmpty();
        assertThat(Arrays.equals(ws.receive().bytes(), large)).isTrue();
        assertThat(ws.receive().text()).isEqualTo(text);
        assertThat(ws.receive().text()).isEqualTo("fragmented");
        ws.close(CloseStatus.NORMAL, "done");
        assertThat(ws.closeStatus().orElseThrow().code()).isEqualTo(1000);
    }

    @Test
    void ourClientAgainstNpmWsServerWithDeflate() throws Exception {
        Path ws = npmWs();
        Path script = dir.resolve("server.js");
        Files.writeString(script, """
                const { WebSocketServer } = require(process.argv[2]);
                const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: true });
                wss.on('listening', () => console.log('PORT ' + wss.address().port));
                wss.on('connection', (s, req) => {
                  console.log('EXT ' + (req.headers['sec-websocket-extensions'] || ''));
                  s.on('message', (data, isBinary) => s.send(data, { binary: isBinary }));
                });
                """);
        try (PeerProcess node = PeerProcess.start(dir, List.of(PeerProcess.requireBinary("node", "nodejs").toString(),
                script.toString(), ws.toString()))) {
            int port = awaitPort(node);
            try (WebSocket client = WebSocket.connect("ws://127.0.0.1:" + port + "/echo", DEFLATE)) {
                assertThat(client.isCompressed()).isTrue();
                exchange(client);
            }
        }
    }

    @Test
    void npmWsClientAgainstOurServerWithDeflate() throws Exception {
        Path ws = npmWs();
        Path script = dir.resolve("client.js");
        Files.writeString(script, """
                const WebSocket = require(process.argv[2]);
                const s = new WebSocket(process.argv[3], { perMessageDeflate: true });
                const got = [];
                s.on('open', () => { s.send('hello'); s.send(Buffer.from([1, 2, 3])); s.send('x'.repeat(200000)); });
                s.on('message', (data, isBinary) => {
                  got.push((isBinary ? 'B' : 'T') + data.length);
                  if (got.length === 3) { console.log('GOT ' + got.join(',') + ' EXT ' + s.extensions); s.close(1000, 'bye'); }
                });
                s.on('close', (code) => { console.log('CLOSED ' + code); process.exit(0); });
                s.on('error', (e) => { console.log('ERROR ' + e.message); process.exit(1); });
                """);
        try (Echo echo = new Echo(DEFLATE);
             PeerProcess node = PeerProcess.start(dir, List.of(PeerProcess.requireBinary("node", "nodejs").toString(),
                     script.toString(), ws.toString(), echo.url()))) {
            assertThat(node.awaitExit(Duration.ofSeconds(30))).as(node.output()).isZero();
            assertThat(node.output()).contains("GOT T5,B3,T200000 EXT permessage-deflate").contains("CLOSED 1000");
            assertThat(echo.status()).isEqualTo(new CloseStatus(1000, "bye", true));
        }
    }

    @Test
    void ourClientAgainstPythonWebsocketsServer() throws Exception {
        Path script = dir.resolve("server.py");
        Files.writeString(script, """
                import asyncio, sys, websockets
                async def echo(ws, path=None):
                    async for m in ws:
                        await ws.send(m)
                async def main():
                    async with websockets.serve(echo, '127.0.0.1', 0, max_size=2**23) as server:
                        print('PORT', server.sockets[0].getsockname()[1], flush=True)
                        await asyncio.Future()
                asyncio.run(main())
                """);
        try (PeerProcess py = PeerProcess.start(dir, List.of(python().toString(), script.toString()))) {
            int port = awaitPort(py);
            try (WebSocket client = WebSocket.connect("ws://127.0.0.1:" + port + "/", DEFLATE)) {
                assertThat(client.isCompressed()).isTrue();
                exchange(client);
            }
        }
    }

    @Test
    void pythonWebsocketsClientAgainstOurServer() throws Exception {
        Path script = dir.resolve("client.py");
        Files.writeString(script, """
                import asyncio, sys, websockets
                async def main():
                    async with websockets.connect(sys.argv[1], max_size=2**23) as ws:
                        got = []
                        for m in ['hello', b'\\x01\\x02\\x03', 'x' * 200000]:
                            await ws.send(m)
                            r = await ws.recv()
                            got.append(('B' if isinstance(r, bytes) else 'T') + str(len(r)))
                        print('GOT', ','.join(got), 'EXT', ws.response_headers.get('Sec-WebSocket-Extensions'), flush=True)
                        await ws.close(1000, 'bye')
                        print('CLOSED', ws.close_code, flush=True)
                asyncio.run(main())
                """);
        try (Echo echo = new Echo(DEFLATE);
             PeerProcess py = PeerProcess.start(dir, List.of(python().toString(), script.toString(), echo.url()))) {
            assertThat(py.awaitExit(Duration.ofSeconds(30))).as(py.output()).isZero();
            assertThat(py.output()).contains("GOT T5,B3,T200000 EXT permessage-deflate").contains("CLOSED 1000");
            assertThat(echo.status()).isEqualTo(new CloseStatus(1000, "bye", true));
        }
    }

    /** The port the peer printed as a whole line {@code PORT <n>} (the line may arrive in pieces). */
    private static int awaitPort(PeerProcess peer) throws Exception {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("PORT (\\d+)\\r?\\n");
        for (int i = 0; i < 200; i++) {
            java.util.regex.Matcher m = line.matcher(peer.output());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the peer printed no port: " + peer.output());
    }

    /** Our echo server for one connection, on a loopback port. */
    static final class Echo implements AutoCloseable {
        private final TcpListener listener;
        private final CompletableFuture<CloseStatus> status;

        Echo(WebSocketOptions options) throws IOException {
            listener = Net.listenTcp("127.0.0.1:0");
            status = CompletableFuture.supplyAsync(() -> {
                try {
                    WebSocket ws = WebSocket.accept(listener.accept(), options);
                    while (true) {
                        WebSocketMessage m = ws.receive();
                        if (m.isClose()) {
                            return m.closeStatus().orElseThrow();
                        }
                        ws.send(m);
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
        }

        String url() {
            return "ws://" + listener.localAddr() + "/echo";
        }

        CloseStatus status() throws Exception {
            return status.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
