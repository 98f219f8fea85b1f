package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.net.Net;
import sifr.net.TcpStream;
import sifr.net.internal.ReadParking;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * WebSocket served by a {@link WebSocketListener}: an idle connection holds no thread (its socket waits
 * in the read-parking selector), and it still wakes for a message, a Ping, the peer's Close, the idle
 * timeout, keep-alive and the server's close; over TCP, TLS, with permessage-deflate, and over HTTP/2
 * (where the stream's thread runs it).
 */
@Timeout(60)
class WebSocketListenerTest {
    private static final TestPki.Cert ROOT = TestPki.root("WebSocket Listener Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));

    /** What the echo listener saw, in order: "open", "error ...", or the CloseStatus. */
    private final BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();

    private final WebSocketListener echo = new WebSocketListener() {
        @Override
        public void onOpen(WebSocket ws) {
            opened.complete(ws);
            seen.add("open");
        }

        @Override
        public void onMessage(WebSocket ws, WebSocketMessage m) throws IOException {
            if (m.isText() && m.text().equals("throw")) {
                throw new IllegalStateException("asked to");
            }
            ws.send(m);
        }

        @Override
        public void onError(WebSocket ws, Exception error) {
            seen.add("error " + error.getMessage());
        }

        @Override
        public void onClose(WebSocket ws, CloseStatus status) {
            seen.add(status);
        }
    };

    private HttpServer server(WebSocketOptions options, HttpServerOptions http) throws IOException {
        return HttpServer.start("127.0.0.1:0", request -> WebSocket.upgrade(request, options, echo), http);
    }

    private HttpServer server(WebSocketOptions options) throws IOException {
        return server(options, HttpServerOptions.defaults());
    }

    private static RawPeer rawClient(HttpServer server) throws IOException {
        RawPeer peer = RawPeer.client(Net.connectTcp(server.localAddr().toString()), "");
        assertThat(peer.handshakeHead).startsWith("HTTP/1.1 101");
        return peer;
    }

    /**
     * Waits (at most 5 s) until at least {@code n} more sockets are parked than {@code before}. It does not
     * fail: the behaviour the test checks next must hold whether or not the connection parked yet; the
     * wait makes it the parked path that is tested.
     */
    private static void awaitParked(int before, int n) throws InterruptedException {
        for (int i = 0; i < 500 && ReadParking.parkedCount() < before + n; i++) {
            Thread.sleep(10);
        }
    }

    private Object nextSeen() throws InterruptedException {
        Object o = seen.poll(10, TimeUnit.SECONDS);
        assertThat(o).as("a listener event within 10 s").isNotNull();
        return o;
    }

    @Test
    void aParkedConnectionWakesForAMessageAPingAndThePeersClose() throws Exception {
        try (HttpServer s = server(WebSocketOptions.defaults())) {
            int before = ReadParking.parkedCount();
            RawPeer peer = rawClient(s);
            assertThat(nextSeen()).isEqualTo("open");
            awaitParked(before, 1);
            peer.send(true, 1, "after a while");
            assertThat(peer.read().text()).isEqualTo("after a while");
            awaitParked(before, 1);
            peer.send(true, 0, 9, "still there?".getBytes(StandardCharsets.UTF_8), 0);
            RawPeer.Frame pong = peer.read();
            assertThat(pong.opcode()).isEqualTo(10);
            assertThat(pong.text()).isEqualTo("still there?");
            awaitParked(before, 1);
            peer.sendClose(1000, "bye".getBytes(StandardCharsets.UTF_8));
            RawPeer.Frame close = peer.read();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1000);
            peer.close(); // the server waits for the client to close TCP first (RFC 6455 §7.1.1)
            assertThat(nextSeen()).isEqualTo(new CloseStatus(1000, "bye", true));
        }
    }

    @Test
    void theIdleTimeoutClosesAParkedConnection() throws Exception {
        WebSocketOptions options = WebSocketOptions.builder().idleTimeout(Duration.ofMillis(300))
                .pingInterval(Duration.ZERO).build();
        try (HttpServer s = server(options)) {
            RawPeer peer = rawClient(s);
            RawPeer.Frame close = peer.read(); // nothing is sent: the timer closes the parked connection
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1001);
            peer.sendClose(1001, new byte[0]);
            peer.close();
            assertThat(nextSeen()).isEqualTo("open");
            assertThat(((CloseStatus) nextSeen()).code()).isEqualTo(1001);
            assertThat(options.counters().idleTimeouts()).isEqualTo(1);
        }
    }

    @Test
    void keepAlivePingsGoOutWhileParkedAndThePongWakesIt() throws Exception {
        WebSocketOptions options = WebSocketOptions.builder().pingInterval(Duration.ofMillis(100)).build();
        try (HttpServer s = server(options)) {
            RawPeer peer = rawClient(s);
            RawPeer.Frame ping = peer.read();
            assertThat(ping.opcode()).isEqualTo(9);
            peer.send(true, 0, 10, ping.payload(), 0);
            peer.send(true, 1, "after the pong");
            RawPeer.Frame f;
            do {
                f = peer.read();
            } while (f.opcode() == 9); // more keep-alive pings may come first
            assertThat(f.text()).isEqualTo("after the pong");
            peer.close();
        }
    }

    @Test
    void theServersCloseEndsParkedConnections() throws Exception {
        HttpServer s = server(WebSocketOptions.defaults(), HttpServerOptions.builder()
                .shutdownGracePeriod(Duration.ofMillis(100)).build());
        int before = ReadParking.parkedCount();
        RawPeer peer = rawClient(s);
        awaitParked(before, 1);
        assertThat(s.connectionCount()).isEqualTo(1);
        s.close();
        assertThat(nextSeen()).isEqualTo("open");
        assertThat(((CloseStatus) nextSeen()).code()).isEqualTo(CloseStatus.ABNORMAL);
        assertThat(s.connectionCount()).isZero();
        try {
            assertThat(peer.read()).isNull();
        } catch (IOException reset) {
            // closed without a close frame: end of stream or a reset, both fine
        }
        peer.close();
    }

    @Test
    void aThousandIdleListenerConnectionsHoldNoThreadEach() throws Exception {
        int n = 1000;
        try (HttpServer s = server(WebSocketOptions.defaults(), HttpServerOptions.builder().maxConnections(2 * n).build())) {
            int before = ReadParking.parkedCount();
            List<RawPeer> peers = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    RawPeer p = rawClient(s);
                    p.send(true, 1, "hello " + i);
                    assertThat(p.read().text()).isEqualTo("hello " + i);
                    peers.add(p);
                }
                awaitParked(before, n);
                int threads = serverThreads();
                for (int i = 0; i < 500 && threads > 10; i++) { // the last woken readers are ending
                    Thread.sleep(10);
                    threads = serverThreads();
                }
                assertThat(s.connectionCount()).isEqualTo(n);
                assertThat(threads).as("server connection threads alive for %d idle connections", n).isLessThanOrEqualTo(10);
                // and every one of them still answers
                for (int i = 0; i < n; i += 97) {
                    peers.get(i).send(true, 1, "again " + i);
                    assertThat(peers.get(i).read().text()).isEqualTo("again " + i);
                }
            } finally {
                for (RawPeer p : peers) {
                    p.close();
                }
            }
        }
    }

    /** Threads of server connections and WebSocket readers alive now (virtual ones too: a thread dump). */
    private static int serverThreads() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("threads");
        java.nio.file.Path dump = dir.resolve("dump.txt");
        try {
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            Matcher m = Pattern.compile("\"(sifr-http /|sifr-ws-reader-|sifr-read-woken)").matcher(java.nio.file.Files.readString(dump));
            int count = 0;
            while (m.find()) {
                count++;
            }
            return count;
        } finally {
            java.nio.file.Files.deleteIfExists(dump);
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void aBlockedSendToAParkedConnectionWaitsForRoomAndLosesNothing() throws Exception {
        try (HttpServer s = server(WebSocketOptions.defaults())) {
            int before = ReadParking.parkedCount();
            RawPeer peer = rawClient(s);
            WebSocket ws = opened.get(10, TimeUnit.SECONDS);
            awaitParked(before, 1);
            int count = 16;
            byte[] big = new byte[1 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) i;
            }
            // The peer reads nothing yet: the socket buffer fills while the connection is parked (non-blocking).
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        ws.sendBinary(big);
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            for (int i = 0; i < count; i++) {
                RawPeer.Frame f = peer.read();
                assertThat(f.opcode()).isEqualTo(2);
                assertThat(f.payload()).isEqualTo(big);
            }
            sent.get(20, TimeUnit.SECONDS);
            peer.send(true, 1, "and then");
            assertThat(peer.read().text()).isEqualTo("and then");
            peer.close();
        }
    }

    @Test
    void aCallbackThatThrowsClosesWith1011AfterOnError() throws Exception {
        try (HttpServer s = server(WebSocketOptions.defaults())) {
            RawPeer peer = rawClient(s);
            peer.send(true, 1, "throw");
            RawPeer.Frame close = peer.read();
            assertThat(close.closeCode()).isEqualTo(CloseStatus.INTERNAL_ERROR);
            peer.sendClose(1011, new byte[0]);
            peer.close();
            assertThat(nextSeen()).isEqualTo("open");
            assertThat(nextSeen()).isEqualTo("error asked to");
            assertThat(((CloseStatus) nextSeen()).code()).isEqualTo(CloseStatus.INTERNAL_ERROR);
        }
    }

    @Test
    void receiveIsRefusedOnAListenerConnection() throws Exception {
        try (HttpServer s = server(WebSocketOptions.defaults())) {
            RawPeer peer = rawClient(s);
            WebSocket ws = opened.get(10, TimeUnit.SECONDS);
            org.assertj.core.api.Assertions.assertThatThrownBy(ws::receive).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("listener");
            peer.close();
        }
    }

    @Test
    void overTlsAndWithDeflateMessagesOfAnySizeCrossParks() throws Exception {
        HttpServerOptions tls = HttpServerOptions.builder().tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build();
        WebSocketOptions serverOptions = WebSocketOptions.builder().permessageDeflate(true).build();
        try (HttpServer s = server(serverOptions, tls)) {
            WebSocketOptions client = WebSocketOptions.builder().permessageDeflate(true).http2(WebSocketHttp2.OFF)
                    .tls(Tls.clientConfigFromCaPem(ROOT.certPem(), List.of("http/1.1"))).build();
            int before = ReadParking.parkedCount();
            try (WebSocket ws = WebSocket.connect("wss://localhost:" + s.localAddr().port() + "/ws", client)) {
                assertThat(ws.isCompressed()).isTrue();
                byte[] large = new byte[300_000];
                new java.util.Random(7).nextBytes(large);
                for (int i = 0; i < 4; i++) {
                    awaitParked(before, 1);
                    ws.sendText("secure " + i);
                    assertThat(ws.receive().text()).isEqualTo("secure " + i);
                    ws.sendBinary(large); // many TLS records, several reads, then parked again
                    assertThat(ws.receive().bytes()).isEqualTo(large);
                }
                ws.close();
                assertThat(ws.closeStatus().orElseThrow().code()).isEqualTo(1000);
            }
            assertThat(nextSeen()).isEqualTo("open");
            assertThat(((CloseStatus) nextSeen()).code()).isEqualTo(1000);
        }
    }

    @Test
    void overHttp2TheListenerRunsOnTheStreamsThread() throws Exception {
        try (HttpServer s = server(WebSocketOptions.defaults())) {
            try (WebSocket ws = WebSocket.connect("ws://" + s.localAddr() + "/ws",
                    WebSocketOptions.builder().http2(WebSocketHttp2.REQUIRED).build())) {
                for (int i = 0; i < 3; i++) {
                    ws.sendText("h2 " + i);
                    assertThat(ws.receive().text()).isEqualTo("h2 " + i);
                }
            }
            assertThat(nextSeen()).isEqualTo("open");
            assertThat(((CloseStatus) nextSeen()).code()).isEqualTo(1000);
        }
    }
}
