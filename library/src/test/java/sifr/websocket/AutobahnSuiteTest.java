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
import sifr.testing.MemoryByteStreams;

/**
 * The Autobahn|Testsuite cases of sections 1-7, 9, 10, 12 and 13 ({@link AutobahnCases}), each run
 * against our {@link WebSocket} in both roles: as the server (the fuzzer is the client, like Autobahn's
 * {@code fuzzingclient}) and as the client (the fuzzer is the server, like {@code fuzzingserver}).
 * Our side runs an echo loop, as Autobahn's test peers do. The connection is an in-memory stream
 * (256 KiB per direction), so the suite runs in seconds; the handshake is the real HTTP/1.1 one.
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

    private static void run(AutobahnCases.Case c, boolean ourServer) throws Exception {
        MemoryByteStreams.Pair pair = MemoryByteStreams.pair(256 * 1024);
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
        WebSocket ws = opened.get(10, TimeUnit.SECONDS);
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
            pair.close();
        }
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
