package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.testing.MemoryByteStreams;

/** The connection over an in-memory stream: messages, fragments, pings, the closing handshake, timeouts, backpressure. */
@Timeout(20)
class WebSocketTest {
    static final class Pair implements AutoCloseable {
        final WebSocket client;
        final WebSocket server;

        Pair(WebSocketOptions clientOptions, WebSocketOptions serverOptions) throws Exception {
            MemoryByteStreams.Pair p = MemoryByteStreams.pair(256 * 1024);
            CompletableFuture<WebSocket> s = CompletableFuture.supplyAsync(() -> {
                try {
                    return WebSocket.accept(p.server(), serverOptions);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            client = WebSocket.connect(p.client(), "ws://127.0.0.1/chat", clientOptions);
            server = s.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            client.abort();
            server.abort();
        }
    }

    private static WebSocketOptions defaults() {
        return WebSocketOptions.defaults();
    }

    @Test
    void textAndBinaryMessagesArriveWholeInOrder() throws Exception {
        try (Pair p = new Pair(defaults(), defaults())) {
            p.client.sendText("héllo");
            p.client.sendBinary(new byte[] {1, 2, 3});
            p.server.sendText("back");
            WebSocketMessage m1 = p.server.receive();
            WebSocketMessage m2 = p.server.receive();
            assertThat(m1.isText()).isTrue();
            assertThat(m1.text()).isEqualTo("héllo");
            assertThat(m2.isBinary()).isTrue();
            assertThat(m2.bytes()).containsExactly(1, 2, 3);
            assertThat(p.client.receive().text()).isEqualTo("back");
        }
    }

    @Test
    void rfc6455Section7ClientCloseCompletesTheHandshakeOnBothSides() throws Exception {
        try (Pair p = new Pair(defaults(), defaults())) {
            p.client.sendText("last");
            p.client.close(CloseStatus.NORMAL, "bye");
            assertThat(p.server.receive().text()).isEqualTo("last");
            WebSocketMessage end = p.server.receive();
            assertThat(end.isClose()).isTrue();
            assertThat(end.closeStatus().orElseThrow()).isEqualTo(new CloseStatus(1000, "bye", true));
            assertThat(p.client.closeStatus().orElseThrow()).isEqualTo(new CloseStatus(1000, "bye", false));
            assertThat(p.server.receive().isClose()).isTrue(); // again on every call
            assertThatThrownBy(() -> p.client.sendText("late")).isInstanceOf(WebSocketError.class)
                    .hasMessage("WebSocket is closed");
        }
    }

    @Test
    void serverCloseIsEchoedByTheClient() throws Exception {
        try (Pair p = new Pair(defaults(), defaults())) {
            p.server.close(4000, "app");
            WebSocketMessage end = p.client.receive();
            assertThat(end.closeStatus().orElseThrow()).isEqualTo(new CloseStatus(4000, "app", true));
            assertThat(p.server.isOpen()).isFalse();
        }
    }

    @Test
    void fragmentsAreDeliveredWhenAskedFor() throws Exception {
        WebSocketOptions fragments = defaults().toBuilder().deliverFragments(true).build();
        try (Pair p = new Pair(defaults(), fragments)) {
            p.client.sendFragment(true, "ab".getBytes(StandardCharsets.UTF_8), false);
            p.client.sendFragment(true, "cd".getBytes(StandardCharsets.UTF_8), true);
            WebSocketMessage a = p.server.receive();
            WebSocketMessage b = p.server.receive();
            assertThat(a.text()).isEqualTo("ab");
            assertThat(a.isLast()).isFalse();
            assertThat(b.text()).isEqualTo("cd");
            assertThat(b.isLast()).isTrue();
        }
    }

    @Test
    void permessageDeflateIsNegotiatedAndMessagesRoundTrip() throws Exception {
        WebSocketOptions deflate = defaults().toBuilder().permessageDeflate(true).build();
        try (Pair p = new Pair(deflate, deflate)) {
            assertThat(p.client.isCompressed()).isTrue();
            assertThat(p.server.isCompressed()).isTrue();
            String big = "compressible ".repeat(10_000);
            for (int i = 0; i < 3; i++) {
                p.client.sendText(big);
                WebSocketMessage m = p.server.receive();
                p.server.send(m);
                assertThat(p.client.receive().text()).isEqualTo(big);
            }
        }
    }

    @Test
    void messagesStillRoundTripAfterAQuietConnectionFreedItsCompressor() throws Exception {
        WebSocketOptions deflate = defaults().toBuilder().permessageDeflate(true).build();
        try (Pair p = new Pair(deflate, deflate)) {
            String text = "compressible ".repeat(1000);
            p.client.sendText(text);
            p.server.send(p.server.receive());
            assertThat(p.client.receive().text()).isEqualTo(text);
            // quiet past the writers' release period (WsWriter.QUIET_RELEASE_NANOS, 2 s): both sides drop
            // their compressor and write buffer, then compress afresh
            Thread.sleep(2500);
            for (int i = 0; i < 2; i++) {
                p.client.sendText(text + i);
                p.server.send(p.server.receive());
                assertThat(p.client.receive().text()).isEqualTo(text + i);
            }
        }
    }

    @Test
    void deflateIsOffNotOfferedByDefault() throws Exception {
        try (Pair p = new Pair(defaults(), defaults().toBuilder().permessageDeflate(true).build())) {
            assertThat(p.server.isCompressed()).isFalse();
        }
    }

    @Test
    void subprotocolIsTheServersFirstChoiceAmongTheOffered() throws Exception {
        WebSocketOptions client = defaults().toBuilder().subprotocols(java.util.List.of("chat.v1", "chat.v2")).build();
        WebSocketOptions server = defaults().toBuilder().subprotocols(java.util.List.of("chat.v2", "chat.v1")).build();
        try (Pair p = new Pair(client, server)) {
            assertThat(p.client.subprotocol()).contains("chat.v2");
            assertThat(p.server.subprotocol()).contains("chat.v2");
        }
    }

    @Test
    void closeTimesOutWhenThePeerNeverAnswers() throws Exception {
        MemoryByteStreams.Pair streams = MemoryByteStreams.pair();
        WebSocketOptions opts = defaults().toBuilder().closeTimeout(Duration.ofMillis(200)).build();
        CompletableFuture<RawPeer> peer = CompletableFuture.supplyAsync(() -> {
            try {
                return RawPeer.server(streams.server(), head -> "");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        WebSocket ws = WebSocket.connect(streams.client(), "ws://127.0.0.1/", opts);
        RawPeer raw = peer.get(5, TimeUnit.SECONDS);
        ws.close(); // the raw peer reads nothing and answers nothing
        assertThat(ws.closeStatus().orElseThrow().code()).isEqualTo(1000);
        assertThat(opts.counters().closeTimeouts()).isEqualTo(1);
        RawPeer.Frame close = raw.read();
        assertThat(close.opcode()).isEqualTo(8);
        assertThat(raw.read()).isNull(); // the socket was closed after the timeout
    }

    @Test
    void idleConnectionIsClosedWith1001() throws Exception {
        WebSocketOptions idle = defaults().toBuilder().idleTimeout(Duration.ofMillis(200)).pingInterval(Duration.ZERO)
                .closeTimeout(Duration.ofMillis(200)).build();
        try (Pair p = new Pair(defaults(), idle)) {
            WebSocketMessage end = p.client.receive();
            assertThat(end.closeStatus().orElseThrow().code()).isEqualTo(1001);
            assertThat(idle.counters().idleTimeouts()).isEqualTo(1);
        }
    }

    @Test
    void anIdleConnectionHasNoWriterThreadAndStillAnswersPings() throws Exception {
        java.util.Set<String> readersBefore = readerIds();
        try (Pair p = new Pair(defaults(), defaults())) {
            java.util.Set<String> ours = readerIds(); // this pair's two sessions (other tests' may linger)
            ours.removeAll(readersBefore);
            assertThat(ours).hasSize(2);
            // a burst from several threads at once: some frames queue, so writer threads run
            Thread[] senders = new Thread[4];
            for (int t = 0; t < senders.length; t++) {
                int id = t;
                senders[t] = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            p.client.sendText(id + ":" + i);
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
            }
            int[] next = new int[senders.length];
            for (int i = 0; i < 200; i++) {
                String[] m = p.server.receive().text().split(":");
                int id = Integer.parseInt(m[0]);
                assertThat(Integer.parseInt(m[1])).isEqualTo(next[id]++); // each sender's frames in order
            }
            for (Thread t : senders) {
                t.join(10_000);
            }
            // drained: the writer threads end; each session is left with its reader only
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (writers(threadNames(), ours) > 0 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(writers(threadNames(), ours)).isZero();
            assertThat(readerIds()).containsAll(ours);
            // and the Pong owed to a Ping still goes out (a writer thread starts for it)
            p.server.ping("still there?".getBytes(StandardCharsets.UTF_8));
            p.server.sendText("after the ping");
            assertThat(p.client.receive().text()).isEqualTo("after the ping");
            p.client.sendText("and back");
            assertThat(p.server.receive().text()).isEqualTo("and back");
        }
    }

    /** The session ids of the WebSocket reader threads alive now. */
    private static java.util.Set<String> readerIds() throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"sifr-ws-reader-(\\d+)\"").matcher(threadNames());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** How many of these sessions' writer threads appear in the dump. */
    private static long writers(String dump, java.util.Set<String> ids) {
        return ids.stream().filter(id -> dump.contains("\"sifr-ws-writer-" + id + "\"")).count();
    }

    /** Every thread's name, virtual threads included (a thread dump: they are not in Thread.getAllStackTraces). */
    private static String threadNames() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("threads");
        java.nio.file.Path dump = dir.resolve("dump.txt");
        try {
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return java.nio.file.Files.readString(dump);
        } finally {
            java.nio.file.Files.deleteIfExists(dump);
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void keepAlivePingsAreSentWhenQuietAndPongedAutomatically() throws Exception {
        MemoryByteStreams.Pair streams = MemoryByteStreams.pair();
        WebSocketOptions opts = defaults().toBuilder().pingInterval(Duration.ofMillis(50)).build();
        CompletableFuture<RawPeer> peer = CompletableFuture.supplyAsync(() -> {
            try {
                return RawPeer.server(streams.server(), head -> "");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        WebSocket ws = WebSocket.connect(streams.client(), "ws://127.0.0.1/", opts);
        RawPeer raw = peer.get(5, TimeUnit.SECONDS);
        RawPeer.Frame ping = raw.read();
        assertThat(ping.opcode()).isEqualTo(9);
        assertThat(ping.masked()).isTrue();
        raw.send(true, 0, 9, "are you there".getBytes(StandardCharsets.UTF_8), 0);
        RawPeer.Frame pong;
        do {
            pong = raw.read();
        } while (pong.opcode() == 9); // more keep-alive pings may come first
        assertThat(pong.opcode()).isEqualTo(10);
        assertThat(pong.text()).isEqualTo("are you there");
        ws.abort();
    }

    @Test
    void sendBlocksWhileTheOutgoingQueueIsFullAndFailsWhenTheConnectionEnds() throws Exception {
        MemoryByteStreams.Pair streams = MemoryByteStreams.pair(1024);
        WebSocketOptions opts = defaults().toBuilder().maxOutgoingQueueBytes(4096).build();
        CompletableFuture<RawPeer> peer = CompletableFuture.supplyAsync(() -> {
            try {
                return RawPeer.server(streams.server(), head -> "");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        WebSocket ws = WebSocket.connect(streams.client(), "ws://127.0.0.1/", opts);
        peer.get(5, TimeUnit.SECONDS); // then never reads
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 1000; i++) {
                    ws.sendBinary(new byte[1000]);
                }
            } catch (Exception expected) {
                // the connection ended under it
            }
        });
        for (int i = 0; i < 500 && !blocked(sender); i++) {
            Thread.sleep(10);
        }
        // blocked: in the socket write it does itself when nothing is queued, or on the full queue
        assertThat(sender.getState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
        ws.abort();
        sender.join(5000);
        assertThat(sender.isAlive()).isFalse();
    }

    @Test
    void rfc6455Section7PeerCloseIsAnsweredAfterTheApplicationTookTheMessagesBeforeIt() throws Exception {
        MemoryByteStreams.Pair streams = MemoryByteStreams.pair();
        CompletableFuture<WebSocket> server = CompletableFuture.supplyAsync(() -> {
            try {
                return WebSocket.accept(streams.server(), defaults());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        RawPeer raw = RawPeer.client(streams.client(), "");
        java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
        for (String m : new String[] {"a", "b", "c"}) {
            burst.writeBytes(raw.encode(true, 0, 1, m.getBytes(StandardCharsets.UTF_8)));
        }
        burst.writeBytes(raw.encode(true, 0, 8, new byte[] {0x03, (byte) 0xe8}));
        raw.writeChopped(burst.toByteArray(), 0); // three messages and the Close in one write
        WebSocket ws = server.get(5, TimeUnit.SECONDS);
        for (WebSocketMessage m = ws.receive(); !m.isClose(); m = ws.receive()) {
            ws.sendText("re:" + m.text()); // replies to messages that arrived before the Close still go out
        }
        assertThat(raw.read().text()).isEqualTo("re:a");
        assertThat(raw.read().text()).isEqualTo("re:b");
        assertThat(raw.read().text()).isEqualTo("re:c");
        RawPeer.Frame close = raw.read();
        assertThat(close.opcode()).isEqualTo(8);
        assertThat(close.closeCode()).isEqualTo(1000);
    }

    @Test
    void messagesLargerThanTheWriteBufferArriveIntactBothWays() throws Exception {
        // 300,001 bytes: several write-buffer pieces (masked on the client, the unmasked remainder written
        // straight from the caller's array on the server), an odd length so the key ends mid-word
        byte[] data = new byte[300_001];
        new java.util.Random(19).nextBytes(data);
        try (Pair p = new Pair(defaults(), defaults())) {
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    p.client.sendBinary(data);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            WebSocketMessage atServer = p.server.receive();
            sender.join(10_000);
            assertThat(atServer.bytes()).isEqualTo(data);
            Thread echo = Thread.ofVirtual().start(() -> {
                try {
                    p.server.send(atServer);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(p.client.receive().bytes()).isEqualTo(data);
            echo.join(10_000);
        }
    }

    @Test
    void writeTimeoutCutsOffASendTheProducerCannotFinish() throws Exception {
        MemoryByteStreams.Pair streams = MemoryByteStreams.pair(1024);
        WebSocketOptions opts = defaults().toBuilder().writeTimeout(Duration.ofMillis(300)).build();
        CompletableFuture<RawPeer> peer = CompletableFuture.supplyAsync(() -> {
            try {
                return RawPeer.server(streams.server(), head -> "");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        WebSocket ws = WebSocket.connect(streams.client(), "ws://127.0.0.1/", opts);
        peer.get(5, TimeUnit.SECONDS); // then never reads: the sender's own write blocks
        assertThatThrownBy(() -> ws.sendBinary(new byte[512 * 1024])).isInstanceOf(sifr.task.TimeoutError.class)
                .hasMessage("WebSocket write timed out");
        assertThat(ws.receive().isClose()).isTrue(); // the connection ended
        assertThat(ws.isOpen()).isFalse();
    }

    private static boolean blocked(Thread t) {
        return t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING;
    }

    @Test
    void invalidCloseArgumentsAreRefused() throws Exception {
        try (Pair p = new Pair(defaults(), defaults())) {
            assertThatThrownBy(() -> p.client.close(1005, "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.client.close(1000, "x".repeat(124))).hasMessageContaining("123 bytes");
            assertThatThrownBy(() -> p.client.ping(new byte[126])).hasMessageContaining("125");
        }
    }

    @Test
    void optionsRejectNonPositiveLimits() {
        assertThatThrownBy(() -> WebSocketOptions.builder().maxMessageSize(0).build())
                .hasMessage("WebSocket max message size must be positive");
        assertThatThrownBy(() -> WebSocketOptions.builder().subprotocols(java.util.List.of("a b")).build())
                .hasMessageContaining("token");
        WebSocketOptions o = WebSocketOptions.builder().maxFragments(7).build();
        assertThat(o.toBuilder().build().maxFragments()).isEqualTo(7);
        assertThat(WebSocketOptions.defaults().maxMessageSize()).isEqualTo(1 << 20);
    }
}
