package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.task.CancelledError;
import sifr.task.Task;
import sifr.task.TaskHandle;
import sifr.task.TaskScope;
import sifr.task.TimeoutError;

/**
 * The client's timeouts and cancellation (issue 17): the request timeout bounds the whole exchange and
 * closes only that HTTP/1.1 connection or resets only that HTTP/2 stream; the read timeout bounds each
 * body read; an enclosing {@code Task.timeout} or a cancelled task abandons the exchange and gives its
 * connection back, so the pool serves the next call.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientCallTimeoutTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final Set<String> peers = ConcurrentHashMap.newKeySet();
    private final List<Boolean> reused = new CopyOnWriteArrayList<>();
    private final HttpClient.Listener events = new HttpClient.Listener() {
        @Override
        public void connectionAcquired(HttpClient.Call call, sifr.net.SocketAddr remote, Version v, boolean r) {
            reused.add(r);
        }
    };

    @AfterEach
    void letHandlersGo() {
        release.countDown();
    }

    /** {@code /slow} answers once the test ends; others answer at once. */
    private HttpServer server() throws IOException {
        return HttpServer.start("127.0.0.1:0", r -> {
            peers.add(r.remoteAddr().orElseThrow().toString());
            if (r.path().equals("/slow")) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return HttpResponse.of(503, HeaderMap.empty()); // the server closes: handlers are cancelled
                }
            }
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes("fast".getBytes(StandardCharsets.UTF_8)));
        }, HttpServerOptions.builder().shutdownGracePeriod(Duration.ofMillis(50)).build());
    }

    private static String read(HttpResponse r) throws IOException {
        try (r) {
            return new String(r.body().collectWithLimit(1000), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theRequestTimeoutOnHttp1ClosesOnlyThatConnection() throws Exception {
        try (HttpServer s = server();
             HttpClient client = HttpClient.builder().requestTimeout(Duration.ofSeconds(1)).listener(events).build()) {
            String base = "http://" + s.localAddr();
            HttpResponse warm = client.get(base + "/fast"); // held: a second connection opens for /slow
            assertThatThrownBy(() -> client.get(base + "/slow"))
                    .isInstanceOf(TimeoutError.class).hasMessage("HTTP request timed out after 1000 ms");
            assertThat(read(warm)).isEqualTo("fast");
            assertThat(read(client.get(base + "/fast"))).isEqualTo("fast");
            // the warm connection served on; the timed-out one was closed, not reused
            assertThat(reused).containsExactly(false, false, true);
        }
    }

    @Test
    void theRequestTimeoutOnHttp2ResetsOnlyThatStream() throws Exception {
        try (HttpServer s = server();
             HttpClient client = HttpClient.builder().http2PriorKnowledge(true).requestTimeout(Duration.ofSeconds(1))
                     .listener(events).build()) {
            String base = "http://" + s.localAddr();
            assertThatThrownBy(() -> client.get(base + "/slow"))
                    .isInstanceOf(TimeoutError.class).hasMessage("HTTP request timed out after 1000 ms");
            assertThat(read(client.get(base + "/fast"))).isEqualTo("fast");
            assertThat(peers).hasSize(1);
            assertThat(reused).containsExactly(false, true);
        }
    }

    @Test
    void theReadTimeoutBoundsEachBodyRead() throws Exception {
        // a raw peer: the head and one byte of ten, then silence (our server would buffer them)
        try (sifr.net.TcpListener peer = sifr.net.Net.listenTcp("127.0.0.1:0");
             HttpClient client = HttpClient.builder().readTimeout(Duration.ofSeconds(1)).maxConnectionsPerOrigin(1).build()) {
            Thread.ofVirtual().start(() -> {
                for (int n = 0; n < 2; n++) {
                    boolean stall = n == 0;
                    try {
                        sifr.net.TcpStream c = peer.accept();
                        Thread.ofVirtual().start(() -> {
                            try (c) {
                                c.read(4096); // the request (one small GET)
                                c.writeAll((stall ? "HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nx"
                                        : "HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\nfast").getBytes(StandardCharsets.ISO_8859_1));
                                if (stall) {
                                    release.await(30, TimeUnit.SECONDS);
                                }
                            } catch (Exception e) {
                                // the client went away
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            String base = "http://" + peer.localAddr();
            HttpResponse r = client.get(base + "/trickle");
            assertThatThrownBy(() -> r.body().collectWithLimit(1000)).isInstanceOf(TimeoutError.class)
                    .hasMessage("TCP read timed out");
            assertThat(read(client.get(base + "/fast"))).isEqualTo("fast"); // the one connection slot came back
        }
    }

    @Test
    void anEnclosingTaskTimeoutAbandonsTheExchangeAndGivesTheConnectionBack() throws Exception {
        for (boolean h2 : new boolean[] {false, true}) {
            try (HttpServer s = server();
                 HttpClient client = HttpClient.builder().http2PriorKnowledge(h2).maxConnectionsPerOrigin(1).build()) {
                String base = "http://" + s.localAddr();
                assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(300), () -> client.get(base + "/slow")))
                        .isInstanceOf(TimeoutError.class).hasMessage("task timeout expired");
                assertThat(read(client.get(base + "/fast"))).as("h2=%s", h2).isEqualTo("fast");
            }
        }
    }

    @Test
    void aCancelledTaskAbandonsTheExchangeAndGivesTheConnectionBack() throws Exception {
        for (boolean h2 : new boolean[] {false, true}) {
            try (HttpServer s = server();
                 HttpClient client = HttpClient.builder().http2PriorKnowledge(h2).maxConnectionsPerOrigin(1).build()) {
                String base = "http://" + s.localAddr();
                try (TaskScope scope = Task.scope()) {
                    TaskHandle<HttpResponse> call = scope.spawn(() -> client.get(base + "/slow"));
                    for (int i = 0; i < 400 && peers.isEmpty(); i++) {
                        Thread.sleep(5); // until the request reached the server
                    }
                    call.cancel();
                    assertThatThrownBy(call::join).isInstanceOf(CancelledError.class);
                }
                assertThat(read(client.get(base + "/fast"))).as("h2=%s", h2).isEqualTo("fast");
                peers.clear();
            }
        }
    }

    /**
     * A caller that writes its own HTTP/2 frames (the connection's writer idle) must not end the
     * connection when it is cancelled or its deadline passes mid-write: NIO closes a socket whose
     * writing thread is interrupted. 180 callers are cancelled or time out at random moments around
     * their send while another stream waits for its response on the same connection; that stream is
     * answered, and every call used the one connection. (Fewer than 200: each abandoned stream is a
     * RST_STREAM, and the server's flood guard answers more than 200 in 30 s with GOAWAY.)
     */
    @Test
    void cancelledOrTimedOutHttp2CallersNeverEndTheConnectionForOtherStreams() throws Exception {
        try (HttpServer s = server();
             HttpClient client = HttpClient.builder().http2PriorKnowledge(true).maxConnectionsPerOrigin(1).build()) {
            String base = "http://" + s.localAddr();
            assertThat(read(client.get(base + "/fast"))).isEqualTo("fast");
            try (TaskScope scope = Task.scope()) {
                TaskHandle<String> held = scope.spawn(() -> read(client.get(base + "/slow")));
                java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
                int failed = 0;
                for (int i = 0; i < 180; i++) {
                    if (i % 2 == 0) {
                        TaskHandle<String> call = scope.spawn(() -> read(client.get(base + "/fast")));
                        int spin = random.nextInt(20_000);
                        for (int k = 0; k < spin; k++) {
                            Thread.onSpinWait();
                        }
                        call.cancel();
                        try {
                            call.join();
                        } catch (CancelledError expected) {
                            failed++;
                        }
                    } else {
                        try {
                            Task.timeout(Duration.ofNanos(random.nextInt(200_000)), () -> read(client.get(base + "/fast")));
                        } catch (TimeoutError expected) {
                            failed++;
                        }
                    }
                }
                assertThat(failed).as("calls cancelled or timed out").isPositive();
                release.countDown();
                assertThat(held.join()).isEqualTo("fast");
            }
            assertThat(read(client.get(base + "/fast"))).isEqualTo("fast");
            assertThat(peers).as("every call on the one HTTP/2 connection").hasSize(1);
        }
    }
}
