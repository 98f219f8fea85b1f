package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.http.Version;

/**
 * RFC 8441 interop both ways with Jetty 12 (test-scoped JVM peer): Jetty's WebSocket server on an h2c
 * connector with extended CONNECT enabled, for our client ({@link WebSocketHttp2#REQUIRED}: prior
 * knowledge); Jetty's {@code WebSocketClient} over its HTTP/2 transport ({@code HTTP2Client}) against
 * our {@link HttpServer}. permessage-deflate both ways; the server side checks the request came over HTTP/2.
 */
@Timeout(30)
class WebSocketJettyHttp2InteropTest {
    private static final WebSocketOptions DEFLATE = WebSocketOptions.builder().permessageDeflate(true)
            .maxMessageSize(4 << 20).maxFrameSize(4 << 20).build();

    @Test
    void rfc8441OurClientAgainstJettyServerOverH2cWithDeflate() throws Exception {
        Server server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
        h2c.setConnectProtocolEnabled(true); // RFC 8441 §3
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config), h2c);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        BlockingQueue<String> versions = new ArrayBlockingQueue<>(4);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxBinaryMessageSize(4 << 20);
            container.setMaxTextMessageSize(4 << 20);
            container.addMapping("/ws", (request, response, callback) -> {
                versions.add(request.getConnectionMetaData().getHttpVersion().asString());
                return new WebSocketJettyInteropTest.JettyEcho();
            });
        }));
        server.start();
        WebSocketOptions h2 = DEFLATE.toBuilder().http2(WebSocketHttp2.REQUIRED).build();
        try (WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + connector.getLocalPort() + "/ws", h2)) {
            assertThat(versions.poll(10, TimeUnit.SECONDS)).isEqualTo("HTTP/2.0");
            assertThat(ws.isCompressed()).isTrue();
            byte[] large = new byte[1 << 20];
            for (int i = 0; i < large.length; i++) {
                large[i] = (byte) (i % 251);
            }
            ws.sendText("hello jetty over h2");
            ws.sendBinary(large);
            ws.sendFragment(true, "frag".getBytes(StandardCharsets.UTF_8), false);
            ws.sendFragment(true, "mented".getBytes(StandardCharsets.UTF_8), true);
            assertThat(ws.receive().text()).isEqualTo("hello jetty over h2");
            assertThat(Arrays.equals(ws.receive().bytes(), large)).isTrue();
            assertThat(ws.receive().text()).isEqualTo("fragmented");
            ws.close(CloseStatus.NORMAL, "done");
            assertThat(ws.closeStatus().orElseThrow().code()).isEqualTo(1000);
        } finally {
            server.stop();
        }
    }

    @Test
    @Disabled("Jetty 12.1.14's bug, not ours: its HTTP/2 WebSocket client loses messages that arrive just after"
            + " it opens (here 1 run in 25-40: the echo of 'hello', or of 'hello' and the 3 bytes, never reaches the"
            + " listener; our server's frame trace shows those DATA frames written and flushed before the 200 kB"
            + " echo Jetty does get). The same client against Jetty's own h2c WebSocket server loses them the same"
            + " way (13 of 180 runs with permessage-deflate, 15 of 120 without; none in 120 with a 300 ms pause after"
            + " open). WebSocketPythonH2InteropTest is the foreign RFC 8441 client for our server instead")
    void rfc8441JettyHttp2ClientAgainstOurServerWithDeflate() throws Exception {
        BlockingQueue<Object> seen = new ArrayBlockingQueue<>(4);
        try (HttpServer server = HttpServer.start("127.0.0.1:0", request -> {
            seen.add(request.head().version());
            return WebSocket.upgrade(request, DEFLATE, ws -> {
                WebSocketMessage m = ws.receive();
                for (; !m.isClose(); m = ws.receive()) {
                    ws.send(m);
                }
                seen.add(m.closeStatus().orElseThrow());
            });
        }, HttpServerOptions.defaults())) {
            HttpClient http = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
            WebSocketClient client = new WebSocketClient(http);
            client.setMaxTextMessageSize(4 << 20);
            client.start();
            try {
                WebSocketJettyInteropTest.Recorder recorder = new WebSocketJettyInteropTest.Recorder();
                ClientUpgradeRequest request = new ClientUpgradeRequest();
                request.addExtensions("permessage-deflate");
                Session session = client.connect(recorder, URI.create("ws://" + server.localAddr() + "/ws"), request)
                        .get(10, TimeUnit.SECONDS);
                assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(Version.HTTP_2);
                assertThat(session.getUpgradeResponse().getExtensions().toString()).contains("permessage-deflate");
                // one send at a time, each confirmed, so a send Jetty refuses fails here with its reason
                Callback.Completable.with(c -> session.sendText("hello", c)).get(10, TimeUnit.SECONDS);
                Callback.Completable.with(c -> session.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), c))
                        .get(10, TimeUnit.SECONDS);
                Callback.Completable.with(c -> session.sendText("x".repeat(200_000), c)).get(10, TimeUnit.SECONDS);
                assertThat(recorder.three.await(10, TimeUnit.SECONDS)).as("echoes: %s", recorder.got).isTrue();
                assertThat(recorder.got).containsExactly("T5", "B3", "T200000");
                session.close(1000, "bye", Callback.NOOP);
                assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(new CloseStatus(1000, "bye", true));
                assertThat(recorder.closed.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(recorder.closeCode).isEqualTo(1000);
            } finally {
                client.stop();
            }
        }
    }
}
