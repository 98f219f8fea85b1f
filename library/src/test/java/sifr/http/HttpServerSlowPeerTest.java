package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.net.Net;
import sifr.net.TcpStream;
import sifr.task.CancelledError;
import sifr.task.Task;
import sifr.task.TimeoutError;
import sifr.testing.CapturedLog;
import sifr.testing.ManualClock;

/**
 * Slow and hostile HTTP/1.1 peers, a client that breaks its body off, and what {@link HttpServer#close()}
 * does with handlers still running after the grace period. The read and write timeouts run on a
 * {@link ManualClock} that the tests advance instead of sleeping; the grace period of {@code close()}
 * is a real wait for threads to end (a join), so it stays short and real. Bounded waits.
 * (The HTTP/2 cases are in {@code Http2SlowPeerTest}.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpServerSlowPeerTest {
    private static final Duration SHORT = Duration.ofMillis(500);
    /** A step of the manual clock: past the SHORT timeouts, short of the idle and header ones. */
    private static final Duration STEP = Duration.ofSeconds(1);
    private final ManualClock clock = new ManualClock();

    private static HttpServerOptions shortTimeouts() {
        return HttpServerOptions.builder().idleTimeout(Duration.ofSeconds(2)).headerReadTimeout(Duration.ofSeconds(2))
                .bodyReadTimeout(SHORT).writeTimeout(SHORT).build();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Everything the server sends until it closes (bounded by {@code within}); what arrived if it did not close. */
    private static String readUntilClosed(TcpStream tcp, Duration within) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            Task.timeout(within, () -> {
                ByteBuffer buf = ByteBuffer.allocate(4096);
                while (tcp.read(buf.clear()) >= 0) {
                    all.write(buf.array(), 0, buf.position());
                }
                return null;
            });
        } catch (TimeoutError e) {
            return all.toString(StandardCharsets.ISO_8859_1) + "<still open>";
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static void awaitNoConnections(HttpServer server, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.connectionCount()).as("connections").isZero();
    }

    @Test
    void aStalledRequestBodyIsCutAfterTheBodyReadTimeout() throws Exception {
        BlockingQueue<Throwable> seen = new LinkedBlockingQueue<>();
        HttpHandler reader = request -> {
            try {
                request.body().collectWithLimit(1 << 20);
            } catch (Exception e) {
                seen.add(e);
                throw e;
            }
            return HttpResponse.of(200, HeaderMap.empty());
        };
        try (HttpServer server = HttpServer.start("127.0.0.1:0", reader, shortTimeouts(), clock);
                TcpStream tcp = Net.connectTcp(server.localAddr().toString())) {
            tcp.writeAll(ascii("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n0123456789"));
            clock.advanceUntil(STEP, 20, () -> !seen.isEmpty(), "the handler's body read failing");
            assertThat(readUntilClosed(tcp, Duration.ofSeconds(15))).doesNotContain("<still open>");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isInstanceOf(TimeoutError.class)
                    .hasMessage("TCP read timed out");
            awaitNoConnections(server, Duration.ofSeconds(10));
        }
    }

    @Test
    void aBodyThatKeepsComingIsNotCutByTheBodyReadTimeout() throws Exception {
        BlockingQueue<Integer> chunks = new LinkedBlockingQueue<>();
        HttpHandler reader = request -> {
            int total = 0;
            for (byte[] chunk = request.body().readChunk(); chunk.length > 0; chunk = request.body().readChunk()) {
                total += chunk.length;
                chunks.add(chunk.length); // the next read (and its deadline) starts after this
            }
            return HttpResponse.of(200, HeaderMap.empty(), Http.bodyFromBytes(ascii(Integer.toString(total))));
        };
        HttpServerOptions options = HttpServerOptions.builder().bodyReadTimeout(Duration.ofMillis(1500)).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", reader, options, clock);
                TcpStream tcp = Net.connectTcp(server.localAddr().toString())) {
            tcp.writeAll(ascii("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 16\r\nConnection: close\r\n\r\n"));
            for (int i = 0; i < 16; i++) { // a byte a second: 16 s in all, over ten times the timeout
                tcp.writeAll(ascii("x"));
                assertThat(chunks.poll(10, TimeUnit.SECONDS)).as("chunk " + i).isNotNull();
                clock.advance(STEP); // every read waits less than the timeout
            }
            assertThat(readUntilClosed(tcp, Duration.ofSeconds(15))).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\n16");
        }
    }

    @Test
    void aClientThatNeverReadsIsCutAfterTheWriteTimeout() throws Exception {
        long size = 1L << 30; // 1 GiB, made as it is read
        java.util.concurrent.atomic.AtomicLong produced = new java.util.concurrent.atomic.AtomicLong();
        HttpHandler gib = request -> HttpResponse.of(200, HeaderMap.empty(), new BodyStream() {
            @Override
            public byte[] readChunk() {
                int n = (int) Math.min(size - produced.get(), 64 * 1024);
                produced.addAndGet(n);
                return new byte[n];
            }

            @Override
            public OptionalLong length() {
                return OptionalLong.of(size);
            }
        });
        try (HttpServer server = HttpServer.start("127.0.0.1:0", gib, shortTimeouts(), clock);
                TcpStream tcp = Net.connectTcp(server.localAddr().toString())) {
            tcp.writeAll(ascii("GET /big HTTP/1.1\r\nHost: t\r\n\r\n"));
            // and never a read: the socket buffers fill, the server's write blocks
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (produced.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(produced.get()).as("bytes the handler produced").isPositive();
            clock.advanceUntil(STEP, 50, () -> server.connectionCount() == 0, "no connection left after the write timeout");
            assertThat(produced.get()).isLessThan(size);
        }
    }


    @Test
    void aClientThatAbortsMidBodyIsAClientFaultNotAServerError() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        HttpHandler reader = request -> {
            try {
                request.body().collectWithLimit(1 << 20);
            } catch (BodyError e) {
                failed.countDown();
                throw e;
            }
            return HttpResponse.of(200, HeaderMap.empty());
        };
        try (CapturedLog log = new CapturedLog("sifr.http.server");
                HttpServer server = HttpServer.start("127.0.0.1:0", reader);
                TcpStream tcp = Net.connectTcp(server.localAddr().toString())) {
            tcp.writeAll(ascii("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789"));
            tcp.shutdownWrite(); // the client gives up mid-body (it could still read an answer)
            assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(readUntilClosed(tcp, Duration.ofSeconds(10))).as("what the server answered").isEmpty();
            awaitNoConnections(server, Duration.ofSeconds(10));
            assertThat(log.records).as("server log records").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getLevel().intValue()).isLessThan(Level.INFO.intValue()));
        }
    }

    @Test
    void closeCancelsHandlersStillRunningAfterTheGracePeriod() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        BlockingQueue<Throwable> seen = new LinkedBlockingQueue<>();
        HttpHandler stuck = request -> {
            started.countDown();
            try {
                if (request.path().equals("/sleep")) {
                    Task.sleep(Duration.ofSeconds(60));
                } else {
                    request.body().collectWithLimit(1 << 20); // a body that never comes
                }
            } catch (RuntimeException | java.io.IOException e) {
                seen.add(e);
                throw e;
            }
            return HttpResponse.of(200, HeaderMap.empty());
        };
        HttpServerOptions options = HttpServerOptions.builder().shutdownGracePeriod(Duration.ofMillis(300)).build();
        HttpServer server = HttpServer.start("127.0.0.1:0", stuck, options);
        try (TcpStream a = Net.connectTcp(server.localAddr().toString());
                TcpStream b = Net.connectTcp(server.localAddr().toString())) {
            a.writeAll(ascii("GET /sleep HTTP/1.1\r\nHost: t\r\n\r\n"));
            b.writeAll(ascii("POST /read HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n"));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.connectionCount()).isEqualTo(2);
            long t0 = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(server.connectionCount()).as("connections after close").isZero();
            Throwable first = seen.poll(10, TimeUnit.SECONDS);
            Throwable second = seen.poll(10, TimeUnit.SECONDS);
            assertThat(List.of(first, second)).allSatisfy(e -> assertThat(e).isInstanceOf(CancelledError.class));
        } finally {
            server.close();
        }
    }

    @Test
    void closeCancelsHttp2HandlersStillRunningAfterTheGracePeriod() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        BlockingQueue<Throwable> seen = new LinkedBlockingQueue<>();
        HttpHandler sleeper = request -> {
            started.countDown();
            try {
                Task.sleep(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                seen.add(e);
                throw e;
            }
            return HttpResponse.of(200, HeaderMap.empty());
        };
        HttpServerOptions options = HttpServerOptions.builder().shutdownGracePeriod(Duration.ofMillis(300)).build();
        HttpServer server = HttpServer.start("127.0.0.1:0", sleeper, options);
        try (HttpConnection client = HttpConnection.open("http://" + server.localAddr(),
                HttpClientOptions.builder().h2cPriorKnowledge(true).build())) {
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    client.send(Http.requestHead("GET", "/sleep", HeaderMap.empty()), Http.bodyFromBytes(new byte[0]));
                } catch (Exception expected) {
                    // the server goes away under the request
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            server.close();
            assertThat(server.connectionCount()).as("connections after close").isZero();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isInstanceOf(CancelledError.class);
            caller.join(10_000);
        } finally {
            server.close();
        }
    }
}
