package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.BodyStream;
import sifr.http.GoawayError;
import sifr.http.HeaderMap;
import sifr.http.HttpError;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.Version;
import sifr.net.Net;
import sifr.net.TcpListener;
import sifr.task.CancelledError;
import sifr.task.Task;
import sifr.task.TaskHandle;
import sifr.task.TaskScope;
import sifr.task.TimeoutError;

/**
 * A lone caller on a client connection over TCP reads its own response ({@link ReaderRole}): it
 * dispatches everything it reads (other streams' frames, PING, RST_STREAM, GOAWAY) and gives the
 * role back cleanly when it is cancelled, times out or the stream ends, so the connection lives on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallerReadsTest {
    private static final byte[] BIG = new byte[300_000]; // several stream windows' worth (WINDOW_UPDATEs needed)

    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void tearDown() {
        release.countDown();
        pool.shutdownNow();
    }

    /** {@code /slow} answers once released, {@code /jitter} after up to 2 ms, {@code /big} with 300 KB, others at once. */
    private HttpServer server() throws IOException {
        Arrays.fill(BIG, (byte) 'b');
        return HttpServer.start("127.0.0.1:0", r -> {
            switch (r.path()) {
                case "/slow" -> release.await(30, TimeUnit.SECONDS);
                case "/jitter" -> LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(2_000_000));
                case "/big" -> {
                    return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(BIG));
                }
                default -> { }
            }
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(r.path().getBytes(StandardCharsets.UTF_8)));
        }, HttpServerOptions.builder().shutdownGracePeriod(Duration.ofMillis(50)).build());
    }

    /** A connection whose reader thread, once it has left the socket to callers, waits for them (no park bound). */
    private static Http2ClientConnection connect(HttpServer s) throws IOException {
        Http2ClientConnection c = Http2ClientConnection.start(Net.connectTcp("127.0.0.1", s.localAddr().port()),
                Http2Config.CLIENT_DEFAULT);
        c.readerRole().parkFor(TimeUnit.MINUTES.toNanos(1));
        return c;
    }

    private static String get(Http2ClientConnection c, String path) throws IOException {
        try (HttpResponse r = c.send(new RequestHead(Method.GET, path, HeaderMap.of("host", "loopback"), Version.HTTP_2),
                BodyStream.empty())) {
            return new String(r.body().collectWithLimit(1 << 20), StandardCharsets.ISO_8859_1);
        }
    }

    private Future<String> getLater(Http2ClientConnection c, String path) {
        return pool.submit(() -> get(c, path));
    }

    /**
     * Waits (bounded: 10 s) until the reader thread has left the socket to callers. It does so after a
     * read that leaves no stream open, for {@link ReaderRole#PARK_NANOS}, so a PING (a read) renews it.
     */
    private static void awaitOffered(Http2ClientConnection c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.readerRole().offered()) {
            assertThat(System.nanoTime() - end).as("waiting until the reader thread leaves the socket").isNegative();
            c.ping();
            for (int i = 0; i < 10 && !c.readerRole().offered(); i++) {
                Thread.sleep(1);
            }
        }
    }

    /** Waits (bounded: 10 s) until {@code condition} holds. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - end).as("waiting until " + what).isNegative();
            Thread.sleep(1);
        }
    }

    @Test
    void loneCallersReadTheirOwnResponses() throws Exception {
        try (HttpServer s = server(); Http2ClientConnection c = connect(s)) {
            assertThat(getLater(c, "/warm").get()).isEqualTo("/warm");
            Future<Integer> loop = pool.submit(() -> {
                int ok = 0;
                for (int i = 0; i < 200; i++) {
                    ok += get(c, "/r" + i).equals("/r" + i) ? 1 : 0;
                }
                return ok;
            });
            assertThat(loop.get()).isEqualTo(200);
            assertThat(c.readerRole().callerTurns()).as("exchanges whose caller read the socket").isPositive();
            assertThat(c.isOpen()).isTrue();
        }
    }

    @Test
    void aStreamOpenedWhileALoneCallerReadsIsServedByThatCallersReads() throws Exception {
        try (HttpServer s = server(); Http2ClientConnection c = connect(s)) {
            assertThat(getLater(c, "/warm").get()).isEqualTo("/warm");
            awaitOffered(c);
            Future<String> slow = getLater(c, "/slow");
            await("the lone caller reads", c.readerRole()::callerReads);
            // its reads carry the other stream's HEADERS and DATA, and the WINDOW_UPDATEs its body needs go out
            assertThat(getLater(c, "/big").get(30, TimeUnit.SECONDS)).hasSize(BIG.length);
            assertThat(getLater(c, "/fast").get(30, TimeUnit.SECONDS)).isEqualTo("/fast");
            assertThat(c.readerRole().callerReads()).as("the /slow caller still holds the role").isTrue();
            release.countDown();
            assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo("/slow");
            assertThat(getLater(c, "/after").get()).isEqualTo("/after");
            assertThat(c.isOpen()).isTrue();
        }
    }

    @Test
    void aLoneCallerThatTimesOutWhileReadingLeavesTheConnectionWorking() throws Exception {
        try (HttpServer s = server(); Http2ClientConnection c = connect(s)) {
            assertThat(getLater(c, "/warm").get()).isEqualTo("/warm");
            awaitOffered(c);
            long turns = c.readerRole().callerTurns();
            Future<String> timedOut = pool.submit(() -> Task.timeout(Duration.ofMillis(50), () -> get(c, "/slow")));
            assertThatThrownBy(timedOut::get).cause().isInstanceOf(TimeoutError.class);
            assertThat(c.readerRole().callerTurns()).as("the timed-out caller had read").isEqualTo(turns + 1);
            assertThat(getLater(c, "/after").get(30, TimeUnit.SECONDS)).isEqualTo("/after");
            assertThat(c.isOpen()).isTrue();
        }
    }

    /**
     * Lone callers cancelled or timed out at random moments, many of them while they read the socket
     * themselves: the connection is never closed under them, and serves on.
     */
    @Test
    void loneCallersCancelledOrTimedOutAtRandomMomentsKeepTheConnection() throws Exception {
        try (HttpServer s = server(); Http2ClientConnection c = connect(s)) {
            assertThat(getLater(c, "/warm").get()).isEqualTo("/warm");
            Future<int[]> run = pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int failed = 0;
                int answered = 0;
                try (TaskScope scope = Task.scope()) {
                    for (int i = 0; i < 120; i++) { // under the server's 200 resets in 30 s flood limit
                        if (i % 2 == 0) {
                            TaskHandle<String> call = scope.spawn(() -> get(c, "/jitter"));
                            LockSupport.parkNanos(random.nextLong(3_000_000));
                            call.cancel();
                            try {
                                call.join();
                                answered++;
                            } catch (CancelledError expected) {
                                failed++;
                            }
                        } else {
                            try {
                                Task.timeout(Duration.ofNanos(random.nextLong(3_000_000)), () -> get(c, "/jitter"));
                                answered++;
                            } catch (TimeoutError expected) {
                                failed++;
                            }
                        }
                    }
                }
                return new int[] {failed, answered};
            });
            int[] outcome = run.get(50, TimeUnit.SECONDS);
            assertThat(outcome[0]).as("calls cancelled or timed out").isPositive();
            assertThat(c.readerRole().callerTurns()).as("exchanges whose caller read the socket").isPositive();
            assertThat(getLater(c, "/after").get(30, TimeUnit.SECONDS)).isEqualTo("/after");
            assertThat(c.isOpen()).as("the one connection lives").isTrue();
        }
    }

    /** RST_STREAM, PING and GOAWAY that a lone caller reads reach its stream and the connection as the reader thread's would. */
    @Test
    void resetPingAndGoAwayDuringACallersRead() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            Future<sifr.net.TcpStream> accepted = pool.submit(listener::accept);
            Http2ClientConnection c = Http2ClientConnection.start(Net.connectTcp("127.0.0.1", listener.localAddr().port()),
                    Http2Config.CLIENT_DEFAULT);
            c.readerRole().parkFor(TimeUnit.MINUTES.toNanos(1));
            try (c; FramePeer peer = FramePeer.server(accepted.get(10, TimeUnit.SECONDS))) {
                peer.sendPreface();
                Future<String> first = getLater(c, "/one");
                peer.expectHeaders(1);
                peer.sendHeaders(1, false, ":status", "200", "content-length", "2");
                peer.sendData(1, true, "ok".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
                long turns = c.readerRole().callerTurns();

                awaitOffered(c);
                Future<String> reset = getLater(c, "/reset");
                peer.expectHeaders(3);
                await("the lone caller reads", c.readerRole()::callerReads);
                peer.sendRst(3, Http2ErrorCode.INTERNAL_ERROR);
                assertThatThrownBy(() -> reset.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(HttpError.class).hasMessageContaining("reset by the peer");
                assertThat(c.isOpen()).isTrue();

                awaitOffered(c);
                Future<String> goneAway = getLater(c, "/goaway");
                peer.expectHeaders(5);
                await("the lone caller reads", c.readerRole()::callerReads);
                peer.expectAlive(); // the caller's read answers a PING
                peer.sendGoAway(3, Http2ErrorCode.NO_ERROR);
                assertThatThrownBy(() -> goneAway.get(10, TimeUnit.SECONDS)).cause()
                        .isInstanceOfSatisfying(GoawayError.class, e -> assertThat(e.isRetryable()).isTrue());
                assertThat(c.isOpen()).isFalse();
                assertThat(c.readerRole().callerTurns()).as("both callers read").isEqualTo(turns + 2);
            }
        }
    }

    /**
     * The reader thread leaves an idle connection's socket to callers only for a while: then it reads
     * again, so a GOAWAY the server sends to an idle connection is seen without any request, also
     * after a caller held the role for longer than that while.
     */
    @Test
    void anIdleConnectionIsReadAgainAfterThePark() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            Future<sifr.net.TcpStream> accepted = pool.submit(listener::accept);
            Http2ClientConnection c = Http2ClientConnection.start(Net.connectTcp("127.0.0.1", listener.localAddr().port()),
                    Http2Config.CLIENT_DEFAULT);
            try (c; FramePeer peer = FramePeer.server(accepted.get(10, TimeUnit.SECONDS))) {
                peer.sendPreface();
                Future<String> first = getLater(c, "/one");
                peer.expectHeaders(1);
                peer.sendHeaders(1, true, ":status", "204");
                assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
                // a caller that holds the role past the park (the reader thread then waits without a
                // timer) gives it back to an idle connection: the park's bound applies again
                c.readerRole().parkFor(TimeUnit.MILLISECONDS.toNanos(200));
                awaitOffered(c);
                long turns = c.readerRole().callerTurns();
                Future<String> held = getLater(c, "/held");
                peer.expectHeaders(3);
                await("the lone caller reads", c.readerRole()::callerReads);
                Thread.sleep(600); // past the park: the reader thread's timer rings while the caller reads
                peer.sendHeaders(3, true, ":status", "204");
                assertThat(held.get(10, TimeUnit.SECONDS)).isEmpty();
                assertThat(c.readerRole().callerTurns()).isEqualTo(turns + 1);
                peer.sendGoAway(3, Http2ErrorCode.NO_ERROR);
                await("the GOAWAY is read", () -> !c.acceptsNewStreams());
            }
        }
    }
}
