package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.BodyStream;
import sifr.http.ClockedServers;
import sifr.http.HeaderMap;
import sifr.http.HttpHandler;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.net.Net;
import sifr.net.TcpStream;
import sifr.task.TimeoutError;
import sifr.testing.ManualClock;

/**
 * Slow and hostile HTTP/2 peers against a real {@link HttpServer} over loopback TCP (h2c prior
 * knowledge), a {@link FramePeer} playing the client: a request body that stops after 10 bytes, a
 * client that never opens its flow-control window, one that stops reading TCP. The server's timeouts
 * (500 ms) run on a {@link ManualClock}: a test advances it past a timeout instead of sleeping; every
 * wait bounded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2SlowPeerTest {
    private static final Duration SHORT = Duration.ofMillis(500);
    /** A step of the manual clock: past every SHORT timeout at once. */
    private static final Duration STEP = Duration.ofSeconds(1);
    private final ManualClock clock = new ManualClock();

    /** A response body of {@code size} bytes made as it is read: nothing of it exists in advance. */
    static BodyStream lazyBody(long size) {
        return new BodyStream() {
            private long left = size;

            @Override
            public byte[] readChunk() {
                int n = (int) Math.min(left, 16 * 1024);
                left -= n;
                return new byte[n];
            }

            @Override
            public OptionalLong length() {
                return OptionalLong.of(size);
            }
        };
    }

    private HttpServer server(HttpHandler handler) throws Exception {
        HttpServerOptions options = HttpServerOptions.builder().bodyReadTimeout(SHORT).writeTimeout(SHORT)
                .idleTimeout(Duration.ofHours(1)).build(); // never reached by the clock steps below
        return ClockedServers.start("127.0.0.1:0", handler, options, clock);
    }

    private static java.util.function.Predicate<FramePeer.Frame> reset(int streamId, Http2ErrorCode code) {
        return f -> f instanceof FramePeer.RstStream r && r.streamId() == streamId && r.code() == code.code();
    }

    @Test
    void aStalledRequestBodyResetsItsStreamAndTheConnectionLivesOn() throws Exception {
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
        try (HttpServer server = server(reader); TcpStream tcp = Net.connectTcp(server.localAddr().toString());
                FramePeer p = FramePeer.client(tcp)) {
            p.handshake();
            p.sendRequest(1, false, "POST", "/upload", "content-length", "1000000").sendData(1, false, new byte[10]);
            clock.advanceUntil(STEP, 20, () -> p.saw(reset(1, Http2ErrorCode.CANCEL)), "RST_STREAM 1 CANCEL");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isInstanceOf(TimeoutError.class)
                    .hasMessageContaining("body read timed out");
            p.expectAlive();
            p.sendGet(3);
            assertThat(p.expectHeaders(3).status()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatNeverOpensItsWindowIsResetAfterTheWriteTimeout() throws Exception {
        HttpHandler gib = request -> HttpResponse.of(200, HeaderMap.empty(), lazyBody(1L << 30));
        try (HttpServer server = server(gib); TcpStream tcp = Net.connectTcp(server.localAddr().toString());
                FramePeer p = FramePeer.client(tcp)) {
            p.handshake();
            p.sendGet(1); // and no WINDOW_UPDATE ever: 65,535 octets, then a zero window
            assertThat(p.expectHeaders(1).status()).isEqualTo(200);
            clock.advanceUntil(STEP, 20, () -> p.saw(reset(1, Http2ErrorCode.CANCEL)), "RST_STREAM 1 CANCEL");
            p.expectAlive();
        }
    }

    @Test
    void aClientThatStopsReadingTcpLosesTheConnectionAfterTheWriteTimeout() throws Exception {
        HttpHandler gib = request -> HttpResponse.of(200, HeaderMap.empty(), lazyBody(1L << 30));
        try (HttpServer server = server(gib); TcpStream tcp = Net.connectTcp(server.localAddr().toString());
                FramePeer p = FramePeer.client(tcp)) {
            p.handshake(Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, Integer.MAX_VALUE));
            p.sendWindowUpdate(0, Integer.MAX_VALUE - Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE);
            p.sendGet(1);
            p.expectHeaders(1);
            p.pauseReading(true); // windows wide open, socket full: only the write timeout can end this
            clock.advanceUntil(STEP, 50, () -> server.connectionCount() == 0, "no connection left after the write timeout");
        }
    }

    @Test
    void aClientThatResetsItsStreamMidBodyIsLoggedAsAClientFaultOnly() throws Exception {
        java.util.List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("sifr.http.server");
        java.util.logging.Level before = log.getLevel();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.setLevel(java.util.logging.Level.ALL);
        log.addHandler(capture);
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
        try (HttpServer server = server(reader); TcpStream tcp = Net.connectTcp(server.localAddr().toString());
                FramePeer p = FramePeer.client(tcp)) {
            p.handshake();
            p.sendRequest(1, false, "POST", "/upload", "content-length", "100").sendData(1, false, new byte[10]);
            p.sendRst(1, Http2ErrorCode.CANCEL);
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isNotNull();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (records.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            p.expectAlive();
            assertThat(records).as("server log records").isNotEmpty().allSatisfy(r ->
                    assertThat(r.getLevel().intValue()).isLessThan(java.util.logging.Level.INFO.intValue()));
        } finally {
            log.removeHandler(capture);
            log.setLevel(before);
        }
    }

    @Test
    void aBodyWaitingOnAConnectionWindowOthersUsedUpIsNotTimedOut() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        HttpHandler handler = request -> {
            if (request.path().equals("/hold")) { // reads nothing until released: its DATA fills the connection window
                release.await(30, TimeUnit.SECONDS);
            } else {
                reading.countDown();
            }
            byte[] body = request.body().collectWithLimit(1 << 20);
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(Integer.toString(body.length).getBytes()));
        };
        HttpServerOptions options = HttpServerOptions.builder().bodyReadTimeout(SHORT).idleTimeout(Duration.ofHours(1))
                .http2(sifr.http.Http2Limits.serverDefaults().toBuilder().connectionWindowSize(65_535).initialWindowSize(65_535).build())
                .build();
        try (HttpServer server = ClockedServers.start("127.0.0.1:0", handler, options, clock);
                TcpStream tcp = Net.connectTcp(server.localAddr().toString()); FramePeer p = FramePeer.client(tcp)) {
            p.handshake();
            p.sendRequest(1, false, "POST", "/hold");
            for (int i = 0; i < 4; i++) {
                p.sendData(1, false, new byte[i < 3 ? 16_384 : 16_383]); // 65,535: the whole connection window
            }
            p.sendRequest(3, false, "POST", "/read"); // its reader waits; the peer has no window to send with
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 4; i++) { // each step alone is past the body read timeout
                clock.advance(STEP);
            }
            p.expectAlive();
            assertThat(p.seen()).as("frames from the server").noneMatch(f -> f instanceof FramePeer.RstStream);
            release.countDown(); // stream 1 reads: the connection window comes back
            p.expect(FramePeer.WindowUpdate.class, w -> w.streamId() == 0);
            p.sendData(1, true, new byte[0]).sendData(3, true, new byte[] {'x'});
            assertThat(p.expectHeaders(3).status()).isEqualTo(200);
        }
    }

    @Test
    void manyConnectionsOfResetStreamsHoldAtMostTheStreamLimitOfHandlersEach() throws Exception {
        int connections = 20;
        int limit = 10;
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        HttpHandler stubborn = request -> { // ignores cancellation, like code blocked outside Sifr
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (release.getCount() > 0 && System.nanoTime() < deadline) {
                    try {
                        release.await(10, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException ignoredOnPurpose) {
                        // a cancellation this handler does not honour
                    }
                }
            } finally {
                running.decrementAndGet();
            }
            return HttpResponse.of(200, HeaderMap.empty());
        };
        HttpServerOptions options = HttpServerOptions.builder().idleTimeout(Duration.ofSeconds(30))
                .http2(sifr.http.Http2Limits.serverDefaults().toBuilder().maxConcurrentStreams(limit).build()).build();
        java.util.List<TcpStream> sockets = new java.util.ArrayList<>();
        java.util.List<FramePeer> peers = new java.util.ArrayList<>();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", stubborn, options)) {
            for (int c = 0; c < connections; c++) {
                TcpStream tcp = Net.connectTcp(server.localAddr().toString());
                sockets.add(tcp);
                FramePeer p = FramePeer.client(tcp);
                peers.add(p);
                p.handshake();
                for (int i = 0; i < 150; i++) { // under the reset budget of 200 per 30 s
                    p.sendGet(1 + 2 * i).sendRst(1 + 2 * i, Http2ErrorCode.CANCEL);
                }
            }
            for (FramePeer p : peers) {
                p.expectAlive(); // every pair of every connection processed
            }
            Thread.sleep(200); // a moment for any handler beyond the limits to show itself
            assertThat(most.get()).as("handlers running at once").isLessThanOrEqualTo(connections * limit);
            release.countDown();
        } finally {
            release.countDown();
            for (FramePeer p : peers) {
                p.close();
            }
            for (TcpStream tcp : sockets) {
                tcp.close();
            }
        }
    }
}
