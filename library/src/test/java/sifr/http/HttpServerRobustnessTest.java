package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.net.Net;
import sifr.net.TcpStream;

/**
 * Many connections at once: slowloris peers (heads that never finish) and idle keep-alive peers
 * do not stop a normal client from being served, and the server sheds the slow ones on its timeout.
 * 1,000 slowloris peers as the issue asks; the 10,000 idle connections with their RSS are measured by
 * {@code IdleConnectionsRss} in its own JVM (too heavy for the unit suite).
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpServerRobustnessTest {
    private static final int SLOW = 1_000;
    private static final int IDLE = 500;

    @Test
    void slowlorisAndIdleConnectionsDoNotStopNormalClients() throws Exception {
        HttpServerOptions options = HttpServerOptions.builder().headerReadTimeout(Duration.ofSeconds(2)).build();
        List<TcpStream> peers = new ArrayList<>();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", HttpServerTest.PONG, options)) {
            String address = server.localAddr().toString();
            for (int i = 0; i < SLOW; i++) {
                TcpStream slow = Net.connectTcp(address);
                slow.writeAll("GET / HTTP/1.1\r\nHost: t\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                peers.add(slow);
            }
            for (int i = 0; i < IDLE; i++) {
                peers.add(Net.connectTcp(address)); // connected, says nothing: idle until the idle timeout
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.connectionCount() < SLOW + IDLE && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.connectionCount()).isEqualTo(SLOW + IDLE);
            try (HttpConnection client = HttpClient.connect("http://" + address)) {
                HttpResponse r = client.send(Http.requestHead("POST", "/m4/http1", HeaderMap.empty()),
                        Http.bodyFromBytes("ping-http1".getBytes(StandardCharsets.UTF_8)));
                assertThat(r.status().code()).isEqualTo(201);
                assertThat(r.body().collectWithLimit(100)).isEqualTo("pong-http1".getBytes(StandardCharsets.UTF_8));
            }
            // the header-read timeout sheds every slowloris connection; the idle ones stay (60 s idle timeout)
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.connectionCount() > IDLE && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(server.connectionCount()).isEqualTo(IDLE);
        } finally {
            for (TcpStream p : peers) {
                p.close();
            }
        }
    }
}
