package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.task.TimeoutError;

/**
 * The pooled client's connection rules against our own server: keep-alive reuse, the per-origin
 * connection limit, HTTP/2 multiplexing up to the server's stream limit and a second connection past
 * it, the bounded wait queue, idle eviction. The server counts distinct client addresses, which are
 * the client's connections.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientPoolTest {
    private final Set<String> peers = ConcurrentHashMap.newKeySet();

    private HttpServer server(HttpHandler inner, HttpServerOptions options) throws Exception {
        return HttpServer.start("127.0.0.1:0", request -> {
            peers.add(request.remoteAddr().orElseThrow().toString());
            return inner.handle(request);
        }, options);
    }

    private static HttpResponse text(String body) {
        return HttpResponse.of(200, HeaderMap.of("content-type", "text/plain"),
                BodyStream.ofBytes(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String read(HttpResponse r) throws Exception {
        try (r) {
            return new String(r.body().collectWithLimit(1 << 20), StandardCharsets.UTF_8);
        }
    }

    @Test
    void getReturnsTheBodyAndTheUrlItAnswers() throws Exception {
        try (HttpServer s = server(r -> text("hello " + r.path()), HttpServerOptions.defaults());
             HttpClient client = HttpClient.create()) {
            String url = "http://" + s.localAddr() + "/a/b?c=d";
            HttpResponse r = client.get(url + "#frag");
            assertThat(r.status().code()).isEqualTo(200);
            assertThat(r.url().href()).isEqualTo(url);
            assertThat(read(r)).isEqualTo("hello /a/b?c=d");
        }
    }

    @Test
    void sequentialHttp1RequestsReuseOneKeepAliveConnection() throws Exception {
        List<Boolean> reused = new ArrayList<>();
        HttpClient.Listener listener = new HttpClient.Listener() {
            @Override
            public void connectionAcquired(HttpClient.Call call, sifr.net.SocketAddr remote, Version v, boolean r) {
                reused.add(r);
            }
        };
        try (HttpServer s = server(r -> text("x"), HttpServerOptions.defaults());
             HttpClient client = HttpClient.builder().listener(listener).build()) {
            for (int i = 0; i < 10; i++) {
                assertThat(read(client.get("http://" + s.localAddr() + "/" + i))).isEqualTo("x");
            }
            assertThat(peers).hasSize(1);
            assertThat(reused).containsExactly(false, true, true, true, true, true, true, true, true, true);
        }
    }

    @Test
    void concurrentHttp1CallersShareAtMostMaxConnectionsPerOrigin() throws Exception {
        try (HttpServer s = server(r -> text("ok"), HttpServerOptions.defaults());
             HttpClient client = HttpClient.builder().maxConnectionsPerOrigin(4).build();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(pool.submit(() -> read(client.get("http://" + s.localAddr() + "/"))));
            }
            for (Future<String> f : answers) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("ok");
            }
            assertThat(peers.size()).isBetween(1, 4);
        }
    }

    @Test
    void http2CallersMultiplexOnOneConnection() throws Exception {
        try (HttpServer s = server(r -> text("h2 " + r.head().version()), HttpServerOptions.defaults());
             HttpClient client = HttpClient.builder().http2PriorKnowledge(true).build();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(pool.submit(() -> read(client.get("http://" + s.localAddr() + "/"))));
            }
            for (Future<String> f : answers) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("h2 HTTP/2");
            }
            assertThat(peers).hasSize(1);
        }
    }

    @Test
    void http2OpensASecondConnectionWhenTheServersStreamLimitIsReached() throws Exception {
        CountDownLatch allIn = new CountDownLatch(4);
        HttpServerOptions options = HttpServerOptions.builder()
                .http2(Http2Limits.serverDefaults().toBuilder().maxConcurrentStreams(2).build()).build();
        try (HttpServer s = server(r -> {
                 if (r.path().equals("/warm")) {
                     return text("warm");
                 }
                 allIn.countDown();
                 assertThat(allIn.await(20, TimeUnit.SECONDS)).isTrue(); // four streams at once: two connections of two
                 return text("in");
             }, options);
             HttpClient client = HttpClient.builder().http2PriorKnowledge(true).build();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            // the first connection learns the limit from the server's SETTINGS on its first exchange
            assertThat(read(client.get("http://" + s.localAddr() + "/warm"))).isNotNull();
            peers.clear();
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> read(client.get("http://" + s.localAddr() + "/"))));
            }
            for (Future<String> f : answers) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("in");
            }
            assertThat(peers).hasSize(2);
        }
    }

    @Test
    void aFullWaitQueueFailsWithPoolExhaustedError() throws Exception {
        try (HttpServer s = server(r -> text("held"), HttpServerOptions.defaults());
             HttpClient client = HttpClient.builder().maxConnectionsPerOrigin(1).maxWaitingRequests(0).build()) {
            HttpResponse held = client.get("http://" + s.localAddr() + "/"); // body unread: its connection is busy
            assertThatThrownBy(() -> client.get("http://" + s.localAddr() + "/"))
                    .isInstanceOf(PoolExhaustedError.class)
                    .hasMessageContaining("1 connections busy and 0 requests waiting");
            assertThat(read(held)).isEqualTo("held");
            assertThat(read(client.get("http://" + s.localAddr() + "/"))).isEqualTo("held"); // released on close
        }
    }

    @Test
    void aReleasedConnectionGoesToTheOldestWaiterNotBackToTheCallerThatLoops() throws Exception {
        List<String> acquiredBy = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpClient.Listener l = new HttpClient.Listener() {
            @Override
            public void connectionAcquired(HttpClient.Call call, sifr.net.SocketAddr remote, Version v, boolean r) {
                acquiredBy.add(Thread.currentThread().getName());
            }
        };
        try (HttpServer s = server(r -> text("x"), HttpServerOptions.defaults());
             HttpClient client = HttpClient.builder().maxConnectionsPerOrigin(1).listener(l).build()) {
            String url = "http://" + s.localAddr() + "/";
            Thread.currentThread().setName("looper");
            HttpResponse held = client.get(url);
            Thread waiter = Thread.ofVirtual().name("waiter").start(() -> {
                try {
                    read(client.get(url));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < 1000 && waiter.getState() != Thread.State.TIMED_WAITING; i++) {
                Thread.sleep(5); // until the waiter queues for the one connection
            }
            assertThat(waiter.getState()).isEqualTo(Thread.State.TIMED_WAITING);
            read(held);                      // releases the connection...
            assertThat(read(client.get(url))).isEqualTo("x"); // ...and asks again at once
            waiter.join(10_000);
            assertThat(acquiredBy).containsExactly("looper", "waiter", "looper");
        }
    }

    @Test
    void aWaitForABusyPoolEndsAtTheConnectTimeout() throws Exception {
        try (HttpServer s = server(r -> text("held"), HttpServerOptions.defaults());
             HttpClient client = HttpClient.builder().maxConnectionsPerOrigin(1)
                     .connectTimeout(Duration.ofMillis(200)).build()) {
            HttpResponse held = client.get("http://" + s.localAddr() + "/");
            assertThatThrownBy(() -> client.get("http://" + s.localAddr() + "/"))
                    .isInstanceOf(TimeoutError.class).hasMessageStartingWith("HTTP connection pool wait timed out");
            held.close();
        }
    }

    @Test
    void idleConnectionsCloseAfterTheIdleTimeout() throws Exception {
        AtomicInteger served = new AtomicInteger();
        try (HttpServer s = server(r -> text("n" + served.incrementAndGet()), HttpServerOptions.defaults());
             HttpClient client = HttpClient.builder().idleTimeout(Duration.ofMillis(50)).build()) {
            assertThat(read(client.get("http://" + s.localAddr() + "/"))).isEqualTo("n1");
            // the evictor closes the idle connection: the server sees it go (bounded wait, no timing asserted)
            for (int i = 0; i < 200 && s.connectionCount() > 0; i++) {
                Thread.sleep(25);
            }
            assertThat(s.connectionCount()).isZero();
            assertThat(read(client.get("http://" + s.localAddr() + "/"))).isEqualTo("n2");
            assertThat(peers).hasSize(2);
        }
    }

    @Test
    void aClosedClientRefusesCalls() throws Exception {
        try (HttpServer s = server(r -> text("x"), HttpServerOptions.defaults())) {
            HttpClient client = HttpClient.create();
            client.close();
            assertThatThrownBy(() -> client.get("http://" + s.localAddr() + "/"))
                    .isInstanceOf(HttpError.class).hasMessage("HTTP client is closed");
        }
    }

    @Test
    void urlsWithUserInfoOrAnotherSchemeAreRefused() {
        try (HttpClient client = HttpClient.create()) {
            assertThatThrownBy(() -> client.get("http://user:secret@127.0.0.1:1/"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
            assertThatThrownBy(() -> client.get("ftp://127.0.0.1/"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
        }
    }
}
