package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.HeaderMap;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.Version;
import sifr.http.internal.h2.Http2ClientConnection;
import sifr.http.internal.h2.Http2Config;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * WebSocket over HTTP/2 (RFC 8441) between our own client and an {@link HttpServer}, over h2c (prior
 * knowledge) and h2 over TLS (ALPN, the tests' own CA): the handshake's choices and fallbacks, the
 * WebSocket's life on one stream of a connection that keeps serving others, and its end (close
 * handshake, abort), with the WebSocket limits unchanged.
 */
@Timeout(30)
class WebSocketHttp2Test {
    private static final TestPki.Cert ROOT = TestPki.root("WebSocket h2 Test Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));

    /** What the server's handler saw: the request's version, then how its WebSocket ended. */
    private final BlockingQueue<Object> seen = new ArrayBlockingQueue<>(16);

    private HttpServer echoServer(HttpServerOptions options, WebSocketOptions ws) throws Exception {
        return HttpServer.start("127.0.0.1:0", request -> {
            if (!request.path().equals("/ws")) {
                return HttpResponse.of(200, HeaderMap.of("content-type", "text/plain"),
                        sifr.http.Http.bodyFromBytes("plain".getBytes(StandardCharsets.UTF_8)));
            }
            seen.add(request.head().version());
            return WebSocket.upgrade(request, ws, socket -> {
                WebSocketMessage m = socket.receive();
                for (; !m.isClose(); m = socket.receive()) {
                    socket.send(m);
                }
                seen.add(m.closeStatus().orElseThrow());
            });
        }, options);
    }

    private static HttpServerOptions tls() throws Exception {
        return HttpServerOptions.builder().tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build();
    }

    private static WebSocketOptions.Builder trusting() throws Exception {
        return WebSocketOptions.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem(), List.of("http/1.1")));
    }

    private Object nextSeen() throws InterruptedException {
        Object o = seen.poll(10, TimeUnit.SECONDS);
        assertThat(o).as("the server handler's report").isNotNull();
        return o;
    }

    @Test
    void rfc8441Section5H2cPriorKnowledgeNegotiatesSubprotocolAndDeflateAndEchoesPastTheStreamWindow()
            throws Exception {
        WebSocketOptions server = WebSocketOptions.builder().permessageDeflate(true).subprotocols(List.of("echo")).build();
        try (HttpServer s = echoServer(HttpServerOptions.defaults(), server)) {
            WebSocketOptions client = WebSocketOptions.builder().http2(WebSocketHttp2.REQUIRED).permessageDeflate(true)
                    .subprotocols(List.of("x", "echo")).maxMessageSize(2 << 20).build();
            try (WebSocket ws = WebSocket.connect("ws://" + s.localAddr() + "/ws", client)) {
                assertThat(nextSeen()).isEqualTo(Version.HTTP_2);
                assertThat(ws.subprotocol()).contains("echo");
                assertThat(ws.isCompressed()).isTrue();
                ws.sendText("hello over h2");
                assertThat(ws.receive().text()).isEqualTo("hello over h2");
                byte[] big = new byte[600_000]; // > the 256 KiB stream window: flow control both ways
                new java.util.Random(7).nextBytes(big);
                ws.sendBinary(big);
                assertThat(ws.receive().bytes()).isEqualTo(big);
                ws.close();
                assertThat(ws.closeStatus().orElseThrow()).isEqualTo(new CloseStatus(1000, "", false));
            }
            assertThat(nextSeen()).isEqualTo(new CloseStatus(1000, "", true));
        }
    }

    @Test
    void rfc8441OverTlsIsChosenByAlpnH2WithTheClientsOwnCa() throws Exception {
        try (HttpServer s = echoServer(tls(), WebSocketOptions.defaults())) {
            try (WebSocket ws = WebSocket.connect("wss://localhost:" + s.localAddr().port() + "/ws", trusting().build())) {
                assertThat(nextSeen()).isEqualTo(Version.HTTP_2);
                ws.sendText("secure h2");
                assertThat(ws.receive().text()).isEqualTo("secure h2");
            }
        }
    }

    @Test
    void rfc8441Section3WithoutTheSettingRequiredFailsTypedAndPreferredFallsBackToHttp11() throws Exception {
        HttpServerOptions noExtendedConnect = tls().toBuilder().serveH2WebSocket(false).build();
        try (HttpServer s = echoServer(noExtendedConnect, WebSocketOptions.defaults())) {
            String url = "wss://localhost:" + s.localAddr().port() + "/ws";
            assertThatThrownBy(() -> WebSocket.connect(url, trusting().http2(WebSocketHttp2.REQUIRED).build()))
                    .isInstanceOf(WebSocketError.class).hasMessageContaining("ENABLE_CONNECT_PROTOCOL");
            try (WebSocket ws = WebSocket.connect(url, trusting().build())) {
                assertThat(nextSeen()).isEqualTo(Version.HTTP_1_1);
                ws.sendText("fell back");
                assertThat(ws.receive().text()).isEqualTo("fell back");
            }
        }
    }

    @Test
    void requiredFailsTypedWhenTheServerDoesNotSelectH2AndOffStaysOnHttp11() throws Exception {
        try (HttpServer s = echoServer(tls().toBuilder().serveH2(false).build(), WebSocketOptions.defaults())) {
            String url = "wss://localhost:" + s.localAddr().port() + "/ws";
            // RFC 7301 §3.2: a server with no protocol in common refuses the TLS handshake itself
            assertThatThrownBy(() -> WebSocket.connect(url, trusting().http2(WebSocketHttp2.REQUIRED).build()))
                    .isInstanceOf(sifr.tls.TlsError.class).hasMessageContaining("no_application_protocol");
        }
        try (HttpServer s = echoServer(tls(), WebSocketOptions.defaults())) {
            String url = "wss://localhost:" + s.localAddr().port() + "/ws";
            try (WebSocket ws = WebSocket.connect(url, trusting().http2(WebSocketHttp2.OFF).build())) {
                assertThat(nextSeen()).isEqualTo(Version.HTTP_1_1);
            }
        }
    }

    @Test
    void rfc8441Section5ANormalRequestIsServedOnTheSameConnectionWhileAWebSocketIsOpen() throws Exception {
        try (HttpServer s = echoServer(HttpServerOptions.defaults(), WebSocketOptions.defaults());
             Http2ClientConnection h2 = Http2ClientConnection.start(Net.connectTcp(s.localAddr().toString()),
                     Http2Config.CLIENT_DEFAULT)) {
            assertThat(h2.peerAllowsExtendedConnect()).isTrue();
            Http2ClientConnection.Tunnel t = h2.openTunnel(RequestHead.of(Method.CONNECT, "/ws",
                    HeaderMap.of("host", "localhost", "sec-websocket-version", "13")), "websocket", () -> { });
            assertThat(t.head().status().code()).isEqualTo(200);
            assertThat(t.head().headers().get("sec-websocket-accept")).isEmpty();
            ByteStream ws = t.stream();
            ws.writeAll(maskedText("one"));
            assertThat(readFrame(ws)).isEqualTo(unmaskedText("one"));
            var plain = h2.send(RequestHead.of(Method.GET, "/", HeaderMap.of("host", "localhost")),
                    sifr.http.BodyStream.empty());
            assertThat(plain.status().code()).isEqualTo(200);
            assertThat(new String(plain.body().collectWithLimit(100), StandardCharsets.UTF_8)).isEqualTo("plain");
            ws.writeAll(maskedText("two"));
            assertThat(readFrame(ws)).isEqualTo(unmaskedText("two"));
            ws.close(); // the peer may still send: RST_STREAM(CANCEL), the WebSocket ends abnormally
            assertThat(nextSeen()).isEqualTo(Version.HTTP_2);
            assertThat(((CloseStatus) nextSeen()).code()).isEqualTo(CloseStatus.ABNORMAL);
            assertThat(h2.isOpen()).isTrue();
        }
    }

    @Test
    void rfc8441Section6ClientAbortResetsTheStreamAndTheServerSeesAnAbnormalClose() throws Exception {
        try (HttpServer s = echoServer(HttpServerOptions.defaults(), WebSocketOptions.defaults())) {
            WebSocket ws = WebSocket.connect("ws://" + s.localAddr() + "/ws",
                    WebSocketOptions.builder().http2(WebSocketHttp2.REQUIRED).build());
            assertThat(nextSeen()).isEqualTo(Version.HTTP_2);
            ws.sendText("x");
            assertThat(ws.receive().text()).isEqualTo("x");
            ws.abort();
            assertThat(((CloseStatus) nextSeen()).code()).isEqualTo(CloseStatus.ABNORMAL);
            assertThat(ws.closeStatus().orElseThrow().code()).isEqualTo(CloseStatus.ABNORMAL);
        }
    }

    @Test
    void aRouterSendsTheExtendedConnectWhereItsHttp11GetGoesAndIsUpgradeRequestSeesBoth() throws Exception {
        sifr.http.Router router = sifr.http.Router.create();
        router.handle("GET /chat", request -> {
            seen.add(WebSocket.isUpgradeRequest(request) + " " + request.head().version());
            return WebSocket.upgrade(request, WebSocketOptions.defaults(), ws -> ws.send(ws.receive()));
        });
        try (HttpServer s = HttpServer.start("127.0.0.1:0", router, HttpServerOptions.defaults())) {
            for (WebSocketHttp2 mode : List.of(WebSocketHttp2.REQUIRED, WebSocketHttp2.OFF)) {
                try (WebSocket ws = WebSocket.connect("ws://" + s.localAddr() + "/chat",
                        WebSocketOptions.builder().http2(mode).build())) {
                    ws.sendText("routed");
                    assertThat(ws.receive().text()).isEqualTo("routed");
                }
            }
            assertThat(nextSeen()).isEqualTo("true HTTP/2");
            assertThat(nextSeen()).isEqualTo("true HTTP/1.1");
        }
    }

    @Test
    void rfc6455Section7_4_1MessageLimitStillCloses1009OverHttp2() throws Exception {
        WebSocketOptions server = WebSocketOptions.builder().maxMessageSize(1000).build();
        try (HttpServer s = echoServer(HttpServerOptions.defaults(), server)) {
            try (WebSocket ws = WebSocket.connect("ws://" + s.localAddr() + "/ws",
                    WebSocketOptions.builder().http2(WebSocketHttp2.REQUIRED).build())) {
                ws.sendBinary(new byte[2000]);
                WebSocketMessage m = ws.receive();
                assertThat(m.isClose()).isTrue();
                assertThat(m.closeStatus().orElseThrow().code()).isEqualTo(CloseStatus.MESSAGE_TOO_BIG);
            }
            assertThat(server.counters().messageTooBig()).isEqualTo(1);
        }
    }

    private static byte[] maskedText(String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] f = new byte[2 + 4 + p.length];
        f[0] = (byte) 0x81;
        f[1] = (byte) (0x80 | p.length);
        System.arraycopy(mask, 0, f, 2, 4);
        for (int i = 0; i < p.length; i++) {
            f[6 + i] = (byte) (p[i] ^ mask[i % 4]);
        }
        return f;
    }

    private static List<Byte> unmaskedText(String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        List<Byte> f = new java.util.ArrayList<>(List.of((byte) 0x81, (byte) p.length));
        for (byte b : p) {
            f.add(b);
        }
        return f;
    }

    /** One short unmasked frame from the server (2-byte header, payload under 126). */
    private static List<Byte> readFrame(ByteStream s) throws Exception {
        ByteBuffer head = ByteBuffer.allocate(2);
        while (head.hasRemaining()) {
            assertThat(s.read(head)).isPositive();
        }
        ByteBuffer body = ByteBuffer.allocate(head.get(1) & 0x7f);
        while (body.hasRemaining()) {
            assertThat(s.read(body)).isPositive();
        }
        List<Byte> out = new java.util.ArrayList<>();
        for (byte b : head.array()) {
            out.add(b);
        }
        for (byte b : body.array()) {
            out.add(b);
        }
        return out;
    }
}
