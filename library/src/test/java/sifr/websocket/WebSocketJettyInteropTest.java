package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interop both ways with Jetty 12's WebSocket (test-scoped JVM peer, core API without servlets): its
 * server ({@code WebSocketUpgradeHandler}) for our client, its {@code WebSocketClient} against our
 * server; permessage-deflate on both ways.
 */
@Timeout(30)
class WebSocketJettyInteropTest {
    private static final WebSocketOptions DEFLATE = WebSocketOptions.builder().permessageDeflate(true)
            .maxMessageSize(4 << 20).maxFrameSize(4 << 20).build();

    /** Jetty's side of the server test: echoes text and binary messages. */
    public static final class JettyEcho implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            callback.succeed();
            session.sendBinary(copy, Callback.NOOP);
        }
    }

    @Test
    void ourClientAgainstJettyServerWithDeflate() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxBinaryMessageSize(4 << 20);
            container.setMaxTextMessageSize(4 << 20);
            container.addMapping("/ws", (request, response, callback) -> new JettyEcho());
        }));
        server.start();
        try (WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + connector.getLocalPort() + "/ws", DEFLATE)) {
            assertThat(ws.isCompressed()).isTrue();
            byte[] large = new byte[1 << 20];
            for (int i = 0; i < large.length; i++) {
                large[i] = (byte) (i % 251);
            }
            ws.sendText("hello jetty");
            ws.sendBinary(large);
            ws.sendFragment(true, "frag".getBytes(StandardCharsets.UTF_8), false);
            ws.sendFragment(true, "mented".getBytes(StandardCharsets.UTF_8), true);
            assertThat(ws.receive().text()).isEqualTo("hello jetty");
            assertThat(Arrays.equals(ws.receive().bytes(), large)).isTrue();
            assertThat(ws.receive().text()).isEqualTo("fragmented");
            ws.close(CloseStatus.NORMAL, "done");
            assertThat(ws.closeStatus().orElseThrow().code()).isEqualTo(1000);
        } finally {
            server.stop();
        }
    }

    /** Jetty's side of the client test: records what comes back. */
    public static final class Recorder implements Session.Listener.AutoDemanding {
        final List<String> got = new CopyOnWriteArrayList<>();
        final CountDownLatch three = new CountDownLatch(3);
        final CountDownLatch closed = new CountDownLatch(1);
        volatile int closeCode;

        @Override
        public void onWebSocketText(String message) {
            got.add("T" + message.length());
            three.countDown();
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            got.add("B" + payload.remaining());
            callback.succeed();
            three.countDown();
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closeCode = statusCode;
            closed.countDown();
        }
    }

    @Test
    void jettyClientAgainstOurServerWithDeflate() throws Exception {
        try (WebSocketInteropTest.Echo echo = new WebSocketInteropTest.Echo(DEFLATE)) {
            WebSocketClient client = new WebSocketClient();
            client.setMaxTextMessageSize(4 << 20);
            client.start();
            try {
                Recorder recorder = new Recorder();
                ClientUpgradeRequest request = new ClientUpgradeRequest();
                request.addExtensions("permessage-deflate");
                Session session = client.connect(recorder, URI.create(echo.url()), request).get(10, TimeUnit.SECONDS);
                assertThat(session.getUpgradeResponse().getExtensions().toString()).contains("permessage-deflate");
                session.sendText("hello", Callback.NOOP);
                session.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), Callback.NOOP);
                session.sendText("x".repeat(200_000), Callback.NOOP);
                assertThat(recorder.three.await(10, TimeUnit.SECONDS)).as("echoes: %s", recorder.got).isTrue();
                assertThat(recorder.got).containsExactly("T5", "B3", "T200000");
                session.close(1000, "bye", Callback.NOOP);
                assertThat(echo.status()).isEqualTo(new CloseStatus(1000, "bye", true));
                assertThat(recorder.closed.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(recorder.closeCode).isEqualTo(1000);
            } finally {
                client.stop();
            }
        }
    }
}
