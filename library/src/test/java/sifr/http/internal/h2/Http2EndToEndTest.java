package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Http2;
import sifr.http.HttpConnection;
import sifr.http.HttpError;
import sifr.http.HttpHandler;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.Version;
import sifr.net.PinningRecorder;
import sifr.testing.MemoryByteStreams;

/**
 * Our HTTP/2 client against our HTTP/2 server over in-memory streams (no sockets). Each test names the
 * RFC 9113 section whose behaviour it shows end to end.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2EndToEndTest {
    private MemoryByteStreams.Pair pair;
    private Thread serverThread;
    private Http2ServerConnection server;
    private HttpConnection client;

    private void start(HttpHandler handler) throws IOException {
        start(handler, Http2Config.SERVER_DEFAULT, Http2Config.CLIENT_DEFAULT, MemoryByteStreams.DEFAULT_CAPACITY);
    }

    private void start(HttpHandler handler, Http2Config sc, Http2Config cc, int pipe) throws IOException {
        pair = MemoryByteStreams.pair(pipe);
        server = new Http2ServerConnection(pair.server(), handler, sc);
        serverThread = Thread.ofVirtual().start(() -> {
            try {
                server.run(new byte[0]);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        client = Http2ClientConnection.start(pair.client(), cc);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        if (serverThread != null) {
            serverThread.join(5_000);
            assertThat(serverThread.isAlive()).as("server connection ended").isFalse();
        }
        if (pair != null) {
            pair.close();
        }
    }

    private static RequestHead get(String path) {
        return new RequestHead(Method.GET, path, HeaderMap.of("host", "example.test"), Version.HTTP_2);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** §8.3.1, §8.3.2: request and response heads cross with their pseudo-fields; version is HTTP/2. */
    @Test
    void getReturnsResponseWithVersionHttp2() throws Exception {
        AtomicReference<RequestHead> seen = new AtomicReference<>();
        start(req -> {
            seen.set(req.head());
            return HttpResponse.of(200, HeaderMap.of("x-answer", "42"), BodyStream.ofBytes("hello".getBytes()));
        });
        try (HttpResponse r = client.send(get("/a?b=c"))) {
            assertThat(r.status().code()).isEqualTo(200);
            assertThat(r.version()).isEqualTo(Version.HTTP_2);
            assertThat(r.headers().get("x-answer")).contains("42");
            assertThat(r.headers().get("content-length")).contains("5");
            assertThat(r.headers().contains("date")).isTrue();
            assertThat(new String(r.body().collectWithLimit(100), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(seen.get().path()).isEqualTo("/a?b=c");
        assertThat(seen.get().version()).isEqualTo(Version.HTTP_2);
        assertThat(seen.get().headers().get("host")).contains("example.test");
        assertThat(client.version()).isEqualTo(Version.HTTP_2);
    }

    /** §8.1: a POST body of known length reaches the handler and is echoed back. */
    @Test
    void postBodyIsEchoed() throws Exception {
        start(req -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(req.body().collectWithLimit(1 << 20))));
        byte[] body = random(1000, 1);
        try (HttpResponse r = client.send(new RequestHead(Method.POST, "/echo", HeaderMap.of("host", "x"), Version.HTTP_2),
                BodyStream.ofBytes(body))) {
            assertThat(r.body().collectWithLimit(1 << 20)).isEqualTo(body);
        }
    }

    /** §5.2, §6.9: megabytes both ways through 16 KiB windows and a small pipe: flow control, backpressure. */
    @Test
    void largeBodiesBothWaysThroughSmallWindows() throws Exception {
        Http2Config sc = Http2Config.SERVER_DEFAULT.withInitialWindowSize(16 * 1024)
                .withConnectionWindowSize(65_535);
        Http2Config cc = Http2Config.CLIENT_DEFAULT.withInitialWindowSize(16 * 1024).withConnectionWindowSize(65_535);
        start(req -> {
            // streamed echo: the response body reads the request body as it goes
            BodyStream in = req.body();
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(in.inputStream()));
        }, sc, cc, 8 * 1024);
        byte[] body = random(3 * 1024 * 1024 + 17, 2);
        try (HttpResponse r = client.send(new RequestHead(Method.PUT, "/big", HeaderMap.of("host", "x"), Version.HTTP_2),
                BodyStream.ofInputStream(new java.io.ByteArrayInputStream(body)))) {
            assertThat(java.util.Arrays.equals(r.body().collectWithLimit(8 << 20), body)).as("echo intact").isTrue();
        }
    }

    /** §5.1.2, §5.3: many concurrent streams from many threads on one connection. */
    @Test
    void manyConcurrentStreamsFromManyThreads() throws Exception {
        start(req -> HttpResponse.of(200, HeaderMap.empty(),
                BodyStream.ofBytes(req.path().getBytes(StandardCharsets.UTF_8))));
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String path = "/item/" + i;
                results.add(pool.submit(() -> {
                    try (HttpResponse r = client.send(get(path))) {
                        return new String(r.body().collectWithLimit(100), StandardCharsets.UTF_8);
                    }
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("/item/" + i);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** §8.1: trailers both ways (HEADERS with END_STREAM after DATA). */
    @Test
    void trailersBothWays() throws Exception {
        start(req -> {
            byte[] got = req.body().collectWithLimit(1 << 20);
            String checksum = req.trailers().get("x-checksum").orElse("none");
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofChunks(List.of(got),
                    HeaderMap.of("x-seen", checksum, "grpc-status", "0")));
        });
        byte[] body = random(40_000, 3);
        try (HttpResponse r = client.send(new RequestHead(Method.POST, "/t", HeaderMap.of("host", "x", "te", "trailers"),
                Version.HTTP_2), BodyStream.ofChunks(List.of(body), HeaderMap.of("x-checksum", "abc")))) {
            assertThat(r.body().collectWithLimit(1 << 20)).isEqualTo(body);
            assertThat(r.trailers().get("x-seen")).contains("abc");
            assertThat(r.trailers().get("grpc-status")).contains("0");
        }
    }

    /** RFC 9110 §9.3.2 over HTTP/2: HEAD gets the head (with the length) and no body; 204 has none. */
    @Test
    void headAnd204HaveNoBody() throws Exception {
        start(req -> req.path().equals("/nc") ? HttpResponse.of(204, HeaderMap.empty())
                : HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(new byte[1234])));
        try (HttpResponse r = client.send(new RequestHead(Method.HEAD, "/", HeaderMap.of("host", "x"), Version.HTTP_2))) {
            assertThat(r.headers().get("content-length")).contains("1234");
            assertThat(r.body().collectWithLimit(10)).isEmpty();
        }
        try (HttpResponse r = client.send(get("/nc"))) {
            assertThat(r.status().code()).isEqualTo(204);
            assertThat(r.body().collectWithLimit(10)).isEmpty();
        }
    }

    /** A handler exception becomes a 500 without details; the connection carries on. */
    @Test
    void handlerExceptionBecomes500() throws Exception {
        start(req -> {
            if (req.path().equals("/boom")) {
                throw new IllegalStateException("secret detail");
            }
            return HttpResponse.of(200, HeaderMap.empty());
        });
        try (HttpResponse r = client.send(get("/boom"))) {
            assertThat(r.status().code()).isEqualTo(500);
            assertThat(new String(r.body().collectWithLimit(1000))).doesNotContain("secret");
        }
        try (HttpResponse r = client.send(get("/ok"))) {
            assertThat(r.status().code()).isEqualTo(200);
        }
    }

    /** §6.7: PING is answered with the same payload. */
    @Test
    void pingIsAcknowledged() throws Exception {
        start(req -> HttpResponse.of(200, HeaderMap.empty()));
        ((Http2ClientConnection) client).ping();
        ((Http2ClientConnection) client).ping();
    }

    /** §6.8: graceful GOAWAY: the stream in flight finishes, new requests are refused, the connection ends. */
    @Test
    void gracefulGoAwayLetsStreamsInFlightFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(req -> {
            entered.countDown();
            release.await();
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes("done".getBytes()));
        });
        Future<String> inFlight = Executors.newVirtualThreadPerTaskExecutor().submit(() -> {
            try (HttpResponse r = client.send(get("/slow"))) {
                return new String(r.body().collectWithLimit(100));
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        server.drain();
        ((Http2ClientConnection) client).ping(); // the GOAWAY arrived before the PING's ACK
        assertThatThrownBy(() -> client.send(get("/late")))
                .isInstanceOf(HttpError.class).hasMessageContaining("refused").hasMessageContaining("retried");
        assertThat(client.isOpen()).isFalse();
        release.countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        serverThread.join(5_000);
        assertThat(serverThread.isAlive()).isFalse();
    }

    /** §6.5.2, §6.9.2: a response body larger than the window completes; the response body limit holds. */
    @Test
    void responseBodyLimitFailsWithExceeds() throws Exception {
        start(req -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(
                new java.io.ByteArrayInputStream(new byte[200_000]))));
        client.close();
        pair.close();
        serverThread.join(5_000);
        start(req -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(
                new java.io.ByteArrayInputStream(new byte[200_000]))), Http2Config.SERVER_DEFAULT,
                Http2Config.CLIENT_DEFAULT.withMaxBodyBytes(100_000), MemoryByteStreams.DEFAULT_CAPACITY);
        try (HttpResponse r = client.send(get("/big"))) {
            assertThatThrownBy(() -> r.body().collectWithLimit(1 << 20)).isInstanceOf(HttpError.class)
                    .hasMessageContaining("exceeds");
        }
        try (HttpResponse r = client.send(get("/again"))) {
            assertThat(r.status().code()).isEqualTo(200);
            r.body().close();
        }
    }

    /** §6.9.2: the receiver changes SETTINGS_INITIAL_WINDOW_SIZE mid-stream, down then up: the body completes. */
    @Test
    void initialWindowChangedMidStream() throws Exception {
        start(req -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(
                new java.io.ByteArrayInputStream(random(2_000_000, 9)))));
        Http2ClientConnection c = (Http2ClientConnection) client;
        try (HttpResponse r = client.send(get("/stream"))) {
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] chunk = r.body().readChunk();
            got.write(chunk);
            c.changeInitialWindowSize(1024); // shrink: open stream windows drop by ~1 MiB once acknowledged
            c.ping(); // the acknowledgement has arrived before the PING's
            for (int i = 0; i < 50 && chunk.length > 0; i++) {
                chunk = r.body().readChunk();
                got.write(chunk);
            }
            c.changeInitialWindowSize(4 << 20); // grow again
            while ((chunk = r.body().readChunk()).length > 0) {
                got.write(chunk);
            }
            assertThat(java.util.Arrays.equals(got.toByteArray(), random(2_000_000, 9))).as("body intact").isTrue();
        }
        try (HttpResponse r = client.send(get("/after"))) {
            assertThat(r.body().collectWithLimit(3_000_000)).hasSize(2_000_000); // new streams use 4 MiB
        }
    }

    /** The calling task's deadline (sifr.task) bounds waiting for a response; the stream is cancelled. */
    @Test
    void taskDeadlineBoundsWaitingForTheResponse() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(req -> {
            release.await();
            return HttpResponse.of(200, HeaderMap.empty());
        });
        assertThatThrownBy(() -> sifr.task.Task.timeout(java.time.Duration.ofMillis(300), () -> client.send(get("/slow"))))
                .isInstanceOf(sifr.task.TimeoutError.class).hasMessage("task timeout expired")
                .cause().hasMessageContaining("HTTP/2 response timed out");
        release.countDown();
        try (HttpResponse r = client.send(get("/next"))) {
            assertThat(r.status().code()).isEqualTo(200);
        }
    }
}
