package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.concurrent.CountDownLatch;
import sifr.http.HeaderMap;
import sifr.http.HttpHandler;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.internal.ProtocolUpgrade;
import sifr.http.internal.h2.Http2ClientConnection;
import sifr.http.internal.h2.Http2Config;
import sifr.http.internal.h2.Http2ServerConnection;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.net.TcpStream;
import sifr.testing.MemoryByteStreams;

/**
 * The Autobahn|Testsuite cases of sections 1-7, 9, 10, 12 and 13 ({@link AutobahnCases}), each run
 * against our {@link WebSocket} in both roles: as the server (the fuzzer is the client, like Autobahn's
 * {@code fuzzingclient}) and as the client (the fuzzer is the server, like {@code fuzzingserver}).
 * Our side runs an echo loop, as Autobahn's test peers do. The connection is an in-memory stream
 * (256 KiB per direction), so the suite runs in seconds; the handshake is the real HTTP/1.1 one, or, in
 * the {@code overHttp2} runs, RFC 8441's: our side behind an {@link Http2ServerConnection} (or our client
 * with {@link WebSocketHttp2#REQUIRED}), the fuzzer's frames on the other end of the extended CONNECT
 * stream, so every case also crosses the HTTP/2 tunnel (DATA frames, flow control, END_STREAM/RST_STREAM).
 * {@code asListenerServerOverTcp} runs the server role once more as {@code HttpServer} + a
 * {@link WebSocketListener} over loopback TCP, whose connection parks without a thread between frames.
 */
@Timeout(60)
class AutobahnSuiteTest {
    /** Limits raised to what the cases send (16 MiB messages, 65,536 fragments); keep-alive pings off. */
    static WebSocketOptions suiteOptions() {
        return WebSocketOptions.builder().maxFrameSize(20 << 20).maxMessageSize(20 << 20).maxFragments(100_000)
                .pingInterval(Duration.ZERO).closeTimeout(Duration.ofSeconds(2)).build();
    }

    static Stream<AutobahnCases.Case> cases() {
        return AutobahnCases.all().stream();
    }

    @Test
    void theCaseListHasAutobahnsCountPerSection() {
        var bySection = AutobahnCases.all().stream().collect(Collectors.groupingBy(
                c -> c.id().substring(0, c.id().indexOf('.')), java.util.TreeMap::new, Collectors.counting()));
        assertThat(bySection).containsEntry("1", 16L).containsEntry("2", 11L).containsEntry("3", 7L)
                .containsEntry("4", 10L).containsEntry("5", 20L).containsEntry("6", 145L).containsEntry("7", 37L)
                .containsEntry("9", 54L).containsEntry("10", 1L).containsEntry("12", 90L).containsEntry("13", 126L);
        assertThat(AutobahnCases.all()).hasSize(517);
        assertThat(AutobahnCases.all().stream().map(AutobahnCases.Case::id).distinct().count()).isEqualTo(517);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void asServer(AutobahnCases.Case c) throws Exception {
        run(c, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void asClient(AutobahnCases.Case c) throws Exception {
        run(c, false);
    }

    /**
     * Our server as {@code HttpServer} + {@link WebSocketListener} over loopback TCP: the connection parks
     * (no thread, no read buffer) whenever nothing is buffered, so every case also crosses parks and
     * wake-ups between its frames, in whatever pieces TCP delivers them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void asListenerServerOverTcp(AutobahnCases.Case c) throws Exception {
        AutobahnDeflateCases.Setup setup = c.deflate();
        WebSocketOptions options = setup == null ? suiteOptions() : suiteOptions().toBuilder().permessageDeflate(true).build();
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        CompletableFuture<CloseStatus> echo = new CompletableFuture<>();
        WebSocketListener listener = new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws) {
                opened.complete(ws);
            }

            @Override
            public void onMessage(WebSocket ws, WebSocketMessage m) throws java.io.IOException {
                try {
                    ws.send(m);
                } catch (WebSocketError closing) {
                    // the peer closed meanwhile
                }
            }

            @Override
            public void onClose(WebSocket ws, CloseStatus status) {
                echo.complete(status);
            }
        };
        try (HttpServer server = HttpServer.start("127.0.0.1:0", request -> WebSocket.upgrade(request, options, listener))) {
            TcpStream tcp = Net.connectTcp(server.localAddr().toString());
            String offers = setup == null ? "" : "Sec-WebSocket-Extensions: "
                    + setup.offers().stream().map(AutobahnDeflateCases.Offer::header).collect(Collectors.joining(", ")) + "\r\n";
            RawPeer peer = RawPeer.client(tcp, offers);
            play(c, true, tcp, setup, opened.get(10, TimeUnit.SECONDS), peer, echo, null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void asServerOverHttp2(AutobahnCases.Case c) throws Exception {
        run(c, true, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void asClientOverHttp2(AutobahnCases.Case c) throws Exception {
        run(c, false, true);
    }

    private static void run(AutobahnCases.Case c, boolean ourServer) throws Exception {
        run(c, ourServer, false);
    }

    private static void run(AutobahnCases.Case c, boolean ourServer, boolean h2) throws Exception {
        MemoryByteStreams.Pair pair = MemoryByteStreams.pair(256 * 1024);
        if (h2) {
            runOverHttp2(c, ourServer, pair);
            return;
        }
        AutobahnDeflateCases.Setup setup = c.deflate();
        WebSocketOptions options = suiteOptions();
        if (setup != null) {
            options = options.toBuilder().permessageDeflate(true)
                    .deflateNoContextTakeover(!ourServer && setup.offers().get(0).noContextTakeover()).build();
        }
        WebSocketOptions ours = options;
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        CompletableFuture<CloseStatus> echo = CompletableFuture.supplyAsync(() -> {
            try {
                WebSocket ws = ourServer ? WebSocket.accept(pair.server(), ours)
                        : WebSocket.connect(pair.client(), "ws://127.0.0.1/autobahn", ours);
                opened.complete(ws);
                return echoLoop(ws);
            } catch (Exception e) {
                opened.completeExceptionally(e);
                throw new RuntimeException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        RawPeer peer;
        if (ourServer) {
            String offers = setup == null ? "" : "Sec-WebSocket-Extensions: "
                    + setup.offers().stream().map(AutobahnDeflateCases.Offer::header).collect(Collectors.joining(", ")) + "\r\n";
            peer = RawPeer.client(pair.client(), offers);
        } else {
            peer = RawPeer.server(pair.server(), head -> serverAccept(setup, head));
        }
        play(c, ourServer, pair::close, setup, opened.get(10, TimeUnit.SECONDS), peer, echo, null);
    }

    /** The fuzzer plays {@code c} against our {@code ws}; {@code caseOver}, if any, is counted down at the end. */
    private static void play(AutobahnCases.Case c, boolean ourServer, java.io.Closeable pair,
                             AutobahnDeflateCases.Setup setup, WebSocket ws, RawPeer peer,
                             CompletableFuture<CloseStatus> echo, CountDownLatch caseOver) throws Exception {
        AutobahnFuzzer fuzzer = new AutobahnFuzzer(peer, !ourServer);
        // Bounds the case in time: a fuzzer read waiting for something our side never sends ends when the
        // connection is closed under it, and the case fails on what it did not see.
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(Duration.ofSeconds(15));
                pair.close();
            } catch (InterruptedException | java.io.IOException done) {
                // the case finished in time
            }
        });
        try {
            if (setup != null) {
                assertThat(ws.isCompressed()).as("permessage-deflate negotiated")
                        .isEqualTo(ourServer ? setup.serverRoleCompresses() : setup.clientRoleCompresses());
                if (ws.isCompressed()) {
                    String ext = RawPeer.field(ourServer ? peer.handshakeHead : acceptedHead(setup, peer.handshakeHead),
                            "sec-websocket-extensions");
                    boolean serverResets = ext.contains("server_no_context_takeover");
                    boolean clientResets = ext.contains("client_no_context_takeover");
                    fuzzer.deflate = ourServer ? new AutobahnFuzzer.Deflate(clientResets, serverResets)
                            : new AutobahnFuzzer.Deflate(serverResets, clientResets);
                }
            }
            c.script().play(fuzzer);
            CloseStatus end = echo.get(20, TimeUnit.SECONDS);
            assertThat(end).as("our side ended with a status").isNotNull();
        } finally {
            watchdog.interrupt();
            if (fuzzer.deflate != null) {
                fuzzer.deflate.end();
            }
            ws.abort();
            if (caseOver != null) {
                caseOver.countDown();
            }
            pair.close();
        }
    }

    /**
     * The case over RFC 8441: an HTTP/2 connection on {@code pair}, the extended CONNECT stream carrying
     * the frames. As server, ours is an {@link Http2ServerConnection} running {@link WebSocket#upgrade}
     * and the fuzzer opens the stream with our engine's client ({@code openTunnel}); as client, ours is
     * {@link WebSocket#connect(ByteStream, String, WebSocketOptions)} with {@code REQUIRED} and the
     * fuzzer's server answers 200 with Autobahn's extension choice, then takes the stream.
     */
    private static void runOverHttp2(AutobahnCases.Case c, boolean ourServer, MemoryByteStreams.Pair pair)
            throws Exception {
        AutobahnDeflateCases.Setup setup = c.deflate();
        WebSocketOptions options = suiteOptions().toBuilder().http2(WebSocketHttp2.REQUIRED).build();
        if (setup != null) {
            options = options.toBuilder().permessageDeflate(true)
                    .deflateNoContextTakeover(!ourServer && setup.offers().get(0).noContextTakeover()).build();
        }
        WebSocketOptions ours = options;
        Http2Config serverConfig = Http2Config.SERVER_DEFAULT.withEnableConnectProtocol(true);
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        CompletableFuture<CloseStatus> echo = new CompletableFuture<>();
        CountDownLatch done = new CountDownLatch(1);
        if (ourServer) {
            HttpHandler handler = request -> WebSocket.upgrade(request, ours, ws -> {
                opened.complete(ws);
                echo.complete(echoLoop(ws));
            });
            Thread.ofVirtual().start(() -> serveQuietly(new Http2ServerConnection(pair.server(), handler, serverConfig)));
            HeaderMap.Builder fields = HeaderMap.builder().add("host", "127.0.0.1").add("sec-websocket-version", "13");
            if (setup != null) {
                fields.add("sec-websocket-extensions", setup.offers().stream().map(AutobahnDeflateCases.Offer::header)
                        .collect(Collectors.joining(", ")));
            }
            Http2ClientConnection h2 = Http2ClientConnection.start(pair.client(), Http2Config.CLIENT_DEFAULT);
            Http2ClientConnection.Tunnel t = h2.openTunnel(RequestHead.of(Method.CONNECT, "/ws", fields.build()),
                    "websocket", () -> { });
            assertThat(t.stream()).as("the extended CONNECT was answered 2xx").isNotNull();
            RawPeer peer = RawPeer.onStream(t.stream(), true, lines(t.head().headers()));
            play(c, true, pair::close, setup, opened.get(10, TimeUnit.SECONDS), peer, echo, done);
            return;
        }
        CompletableFuture<RawPeer> fuzzerPeer = new CompletableFuture<>();
        HttpHandler fuzzingServer = request -> {
            String head = lines(request.headers());
            String ext = RawPeer.field(serverAccept(setup, head), "sec-websocket-extensions");
            HeaderMap answer = ext.isEmpty() ? HeaderMap.empty() : HeaderMap.of("sec-websocket-extensions", ext);
            return HttpResponse.of(200, answer, new ProtocolUpgrade((stream, leftover) -> {
                fuzzerPeer.complete(RawPeer.onStream(stream, false, head));
                try {
                    done.await(30, TimeUnit.SECONDS); // the stream is the fuzzer's until the case ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        };
        Thread.ofVirtual().start(() -> serveQuietly(new Http2ServerConnection(pair.server(), fuzzingServer, serverConfig)));
        WebSocket ws = WebSocket.connect(pair.client(), "ws://127.0.0.1/autobahn", ours);
        Thread.ofVirtual().start(() -> {
            try {
                echo.complete(echoLoop(ws));
            } catch (Exception e) {
                echo.completeExceptionally(e);
            }
        });
        play(c, false, pair::close, setup, ws, fuzzerPeer.get(10, TimeUnit.SECONDS), echo, done);
    }

    private static void serveQuietly(Http2ServerConnection connection) {
        try {
            connection.run(new byte[0]);
        } catch (java.io.IOException ended) {
            // the case closed the in-memory connection
        }
    }

    /** A head's fields as "name: value\r\n" lines, the form {@link RawPeer#field} reads. */
    private static String lines(HeaderMap headers) {
        StringBuilder b = new StringBuilder();
        for (var f : headers) {
            b.append(f.name()).append(": ").append(f.value().value()).append("\r\n");
        }
        return b.toString();
    }

    /** Our side of every case: echo each message until the connection ends. */
    private static CloseStatus echoLoop(WebSocket ws) throws Exception {
        while (true) {
            WebSocketMessage m = ws.receive();
            if (m.isClose()) {
                return m.closeStatus().orElseThrow();
            }
            try {
                ws.send(m);
            } catch (WebSocketError closing) {
                // the peer closed meanwhile; the loop ends at the CLOSE item
            }
        }
    }

    /** The fuzzing server's extension answer to our client's request (Autobahn's accept rules). */
    static String serverAccept(AutobahnDeflateCases.Setup setup, String requestHead) {
        String response = acceptedExtension(setup, requestHead);
        return response.isEmpty() ? "" : "Sec-WebSocket-Extensions: " + response + "\r\n";
    }

    private static String acceptedHead(AutobahnDeflateCases.Setup setup, String requestHead) {
        return "sec-websocket-extensions: " + acceptedExtension(setup, requestHead) + "\r\n";
    }

    private static String acceptedExtension(AutobahnDeflateCases.Setup setup, String requestHead) {
        if (setup == null) {
            return "";
        }
        String offer = RawPeer.field(requestHead, "sec-websocket-extensions");
        if (!offer.startsWith("permessage-deflate")) {
            return "";
        }
        boolean clientNoContext = offer.contains("client_no_context_takeover");
        boolean clientWindow = offer.contains("client_max_window_bits");
        String plain = "permessage-deflate" + (offer.contains("server_no_context_takeover") ? "; server_no_context_takeover" : "");
        String noContext = clientNoContext ? plain + "; client_no_context_takeover" : "";
        return switch (setup.accept()) {
            case 1 -> plain;
            case 2 -> noContext;
            case 7 -> clientWindow ? "" : !noContext.isEmpty() ? noContext : plain;
            default -> clientWindow ? "" : ""; // 3-6 need client_max_window_bits, which our client never offers
        };
    }

    static List<String> ids() {
        return AutobahnCases.all().stream().map(AutobahnCases.Case::id).toList();
    }
}
