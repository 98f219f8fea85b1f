package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.HeaderMap;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.net.Net;
import sifr.net.TcpStream;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/** Upgrades from an {@link HttpServer} handler through the exchange path's seam, over TCP and TLS. */
@Timeout(30)
class WebSocketHttpServerTest {
    private static final TestPki.Cert ROOT = TestPki.root("WebSocket Test Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));

    private static HttpServer echoServer(HttpServerOptions options, WebSocketOptions ws) throws Exception {
        return HttpServer.start("127.0.0.1:0", request -> request.path().equals("/ws")
                ? WebSocket.upgrade(request, ws, socket -> {
                    for (WebSocketMessage m = socket.receive(); !m.isClose(); m = socket.receive()) {
                        socket.send(m);
                    }
                })
                : HttpResponse.of(200, HeaderMap.of("content-type", "text/plain"), sifr.http.Http.bodyFromBytes(
                        "plain".getBytes(StandardCharsets.UTF_8))), options);
    }

    @Test
    void rfc6455Section4HandlerUpgradesAndEchoesOverHttp11() throws Exception {
        WebSocketOptions options = WebSocketOptions.builder().permessageDeflate(true).subprotocols(List.of("echo")).build();
        try (HttpServer server = echoServer(HttpServerOptions.defaults(), options)) {
            WebSocketOptions client = WebSocketOptions.builder().permessageDeflate(true).subprotocols(List.of("x", "echo")).build();
            try (WebSocket ws = WebSocket.connect("ws://" + server.localAddr() + "/ws", client)) {
                assertThat(ws.subprotocol()).contains("echo");
                assertThat(ws.isCompressed()).isTrue();
                for (int i = 0; i < 3; i++) {
                    ws.sendText("ping " + i);
                    assertThat(ws.receive().text()).isEqualTo("ping " + i);
                }
                ws.sendBinary(new byte[300_000]);
                assertThat(ws.receive().length()).isEqualTo(300_000);
                ws.close();
                assertThat(ws.closeStatus().orElseThrow()).isEqualTo(new CloseStatus(1000, "", false));
            }
        }
    }

    @Test
    void wssUpgradesOverTlsWithTheClientsOwnTrustRoots() throws Exception {
        HttpServerOptions tls = HttpServerOptions.builder().tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build();
        try (HttpServer server = echoServer(tls, WebSocketOptions.defaults())) {
            WebSocketOptions client = WebSocketOptions.builder()
                    .tls(Tls.clientConfigFromCaPem(ROOT.certPem(), List.of("http/1.1"))).build();
            try (WebSocket ws = WebSocket.connect("wss://localhost:" + server.localAddr().port() + "/ws", client)) {
                ws.sendText("secure");
                assertThat(ws.receive().text()).isEqualTo("secure");
            }
        }
    }

    @Test
    void requestWithoutUpgradeIsAnswered426AndTheServerKeepsServing() throws Exception {
        WebSocketOptions options = WebSocketOptions.defaults();
        try (HttpServer server = echoServer(HttpServerOptions.defaults(), options)) {
            String answer = raw(server, "GET /ws HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 426").containsIgnoringCase("upgrade: websocket");
            String badVersion = raw(server, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n");
            assertThat(badVersion).startsWith("HTTP/1.1 426").containsIgnoringCase("sec-websocket-version: 13");
            String badKey = raw(server, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(badKey).startsWith("HTTP/1.1 400");
            assertThat(options.counters().rejectedHandshakes()).isEqualTo(3);
            assertThat(raw(server, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void rfc6455Section4_2_2AcceptValueOfTheRfcExample() throws Exception {
        try (HttpServer server = echoServer(HttpServerOptions.defaults(), WebSocketOptions.defaults())) {
            String answer = raw(server, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 101")
                    .containsIgnoringCase("sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="); // §1.3's example
        }
    }

    @Test
    void originHookRefusesWith403() throws Exception {
        WebSocketOptions options = WebSocketOptions.builder()
                .originAllowed(o -> o.equals(Optional.of("https://good.example"))).build();
        try (HttpServer server = echoServer(HttpServerOptions.defaults(), options)) {
            WebSocketOptions evil = WebSocketOptions.builder().headers(HeaderMap.of("origin", "https://evil.example")).build();
            assertThatThrownBy(() -> WebSocket.connect("ws://" + server.localAddr() + "/ws", evil))
                    .isInstanceOf(WebSocketError.class).hasMessageContaining("403");
            WebSocketOptions good = WebSocketOptions.builder().headers(HeaderMap.of("origin", "https://good.example")).build();
            try (WebSocket ws = WebSocket.connect("ws://" + server.localAddr() + "/ws", good)) {
                assertThat(ws.isOpen()).isTrue();
            }
        }
    }

    /** Sends {@code request} on a fresh connection and returns the response head. */
    private static String raw(HttpServer server, String request) throws Exception {
        try (TcpStream tcp = Net.connectTcp(server.localAddr().toString())) {
            tcp.writeAll(request.getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            while (!head.toString().contains("\r\n\r\n")) {
                byte[] b = tcp.read(4096);
                if (b.length == 0) {
                    break;
                }
                head.append(new String(b, StandardCharsets.ISO_8859_1));
            }
            return head.toString();
        }
    }
}
