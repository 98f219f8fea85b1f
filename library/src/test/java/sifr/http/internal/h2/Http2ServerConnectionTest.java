package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HttpHandler;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.testing.MemoryByteStreams;

/**
 * The server connection driven by frames from a scripted client ({@link FramePeer}). Each test names
 * the RFC 9113 section it asserts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2ServerConnectionTest {
    private MemoryByteStreams.Pair pair;
    private Thread serverThread;
    private Http2ServerConnection server;
    private FramePeer peer;

    private static final String[] GET = {":method", "GET", ":scheme", "http", ":authority", "a.test", ":path", "/"};

    private FramePeer serve(HttpHandler handler) throws IOException {
        return serve(handler, Http2Config.SERVER_DEFAULT, Http2Settings.EMPTY);
    }

    private FramePeer serve(HttpHandler handler, Http2Config config, Http2Settings clientSettings)
            throws IOException {
        pair = MemoryByteStreams.pair();
        server = new Http2ServerConnection(pair.server(), handler, config);
        serverThread = Thread.ofVirtual().start(() -> {
            try {
                server.run(new byte[0]);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        peer = FramePeer.client(pair.client());
        peer.sendPreface(clientSettings);
        return peer;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (serverThread != null) {
            serverThread.join(5_000);
            assertThat(serverThread.isAlive()).isFalse();
        }
    }

    private static HttpResponse ok(HttpRequest req) {
        return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes("ok".getBytes()));
    }

    /** §3.4, §6.5.3: the server's preface is SETTINGS; the client's SETTINGS are acknowledged. */
    @Test
    void sendsSettingsFirstAndAcknowledgesTheClients() throws Exception {
        serve(Http2ServerConnectionTest::ok);
        assertThat(peer.next()).isInstanceOfSatisfying(FramePeer.Settings.class, first -> assertThat(
                first.settings().getOrDefault(Http2Settings.MAX_CONCURRENT_STREAMS, -1)).isEqualTo(128));
        peer.expect(FramePeer.SettingsAck.class, a -> true);
    }

    /** §6.5.2: settings with unknown identifiers are ignored, the frame still acknowledged. */
    @Test
    void ignoresUnknownSettings() throws Exception {
        serve(Http2ServerConnectionTest::ok);
        peer.expect(FramePeer.SettingsAck.class, a -> true);
        peer.sendFrame(Http2Frames.SETTINGS, 0, 0, new byte[] {0x00, (byte) 0x99, 0, 0, 0, 7});
        peer.expect(FramePeer.SettingsAck.class, a -> true);
        peer.sendHeaders(1, true, GET);
        assertThat(peer.expectHeaders(1).status()).isEqualTo(200);
    }

    /** §6.7: PING is answered with an ACK carrying the same payload. */
    @Test
    void answersPing() throws Exception {
        serve(Http2ServerConnectionTest::ok);
        peer.sendPing(0x0102030405060708L);
        peer.expect(FramePeer.Ping.class, p -> p.ack() && p.payload() == 0x0102030405060708L);
    }

    /** §8.1, §8.3.1: a request gets its response: HEADERS then DATA with END_STREAM. */
    @Test
    void answersRequest() throws Exception {
        serve(req -> HttpResponse.of(201, HeaderMap.of("x-path", req.path() + " " + req.headers().get("host").orElse("")),
                BodyStream.ofBytes("created".getBytes())));
        peer.sendHeaders(1, true, ":method", "GET", ":scheme", "http", ":authority", "a.test", ":path", "/p?q");
        FramePeer.Headers head = peer.expectHeaders(1);
        assertThat(head.status()).isEqualTo(201);
        assertThat(head.get("x-path")).contains("/p?q a.test");
        assertThat(head.get("content-length")).contains("7");
        FramePeer.Data data = peer.expect(FramePeer.Data.class, d -> d.streamId() == 1);
        assertThat(data.endStream()).isTrue();
        assertThat(data.text()).isEqualTo("created");
    }

    /** §5.1.2: a stream beyond SETTINGS_MAX_CONCURRENT_STREAMS is refused with REFUSED_STREAM. */
    @Test
    void refusesStreamsBeyondTheConcurrencyLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        serve(req -> {
            release.await();
            return ok(req);
        }, Http2Config.SERVER_DEFAULT.withMaxConcurrentStreams(1), Http2Settings.EMPTY);
        peer.sendHeaders(1, true, GET);
        peer.sendHeaders(3, true, GET);
        peer.expectRstStream(3, Http2ErrorCode.REFUSED_STREAM);
        release.countDown();
        assertThat(peer.expectHeaders(1).status()).isEqualTo(200);
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("missing :method", new String[] {":scheme", "http", ":path", "/"}),
                Arguments.of("missing :path", new String[] {":method", "GET", ":scheme", "http"}),
                Arguments.of("missing :scheme", new String[] {":method", "GET", ":path", "/"}),
                Arguments.of("empty :path", new String[] {":method", "GET", ":scheme", "http", ":path", ""}),
                Arguments.of("duplicate :path", new String[] {":method", "GET", ":scheme", "http", ":path", "/", ":path", "/"}),
                Arguments.of("unknown pseudo-header", new String[] {":method", "GET", ":scheme", "http", ":path", "/", ":foo", "x"}),
                Arguments.of(":status in a request", new String[] {":method", "GET", ":scheme", "http", ":path", "/", ":status", "200"}),
                Arguments.of("pseudo-header after a regular field", new String[] {":method", "GET", ":scheme", "http", "x-a", "1", ":path", "/"}),
                Arguments.of("uppercase field name", new String[] {":method", "GET", ":scheme", "http", ":path", "/", "X-Upper", "1"}),
                Arguments.of("connection field", new String[] {":method", "GET", ":scheme", "http", ":path", "/", "connection", "keep-alive"}),
                Arguments.of("transfer-encoding field", new String[] {":method", "GET", ":scheme", "http", ":path", "/", "transfer-encoding", "chunked"}),
                Arguments.of("keep-alive field", new String[] {":method", "GET", ":scheme", "http", ":path", "/", "keep-alive", "5"}),
                Arguments.of("upgrade field", new String[] {":method", "GET", ":scheme", "http", ":path", "/", "upgrade", "h2c"}),
                Arguments.of("te other than trailers", new String[] {":method", "GET", ":scheme", "http", ":path", "/", "te", "gzip"}),
                Arguments.of("relative :path", new String[] {":method", "GET", ":scheme", "http", ":path", "relative"}),
                Arguments.of("CONNECT with :path", new String[] {":method", "CONNECT", ":authority", "a:443", ":scheme", "http", ":path", "/"}),
                Arguments.of("invalid content-length", new String[] {":method", "GET", ":scheme", "http", ":path", "/", "content-length", "x1"}),
                Arguments.of("content-length without DATA", new String[] {":method", "POST", ":scheme", "http", ":path", "/", "content-length", "3"}),
                Arguments.of("host differing from :authority", new String[] {":method", "GET", ":scheme", "http", ":authority", "a.test", ":path", "/", "host", "b.test"}));
    }

    /** §8.1.1, §8.2.1, §8.2.2, §8.3.1: a malformed request is a stream error PROTOCOL_ERROR; the handler never runs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void malformedRequestIsResetWithProtocolError(String what, String[] fields) throws Exception {
        serve(req -> {
            throw new IllegalStateException("handler must not run for " + what);
        });
        peer.sendHeaders(1, true, fields);
        peer.expectRstStream(1, Http2ErrorCode.PROTOCOL_ERROR);
        peer.sendHeaders(3, true, GET); // the connection carries on
        assertThat(peer.expectHeaders(3).status()).isEqualTo(500); // the handler above throws
    }

    /** §8.1.1: DATA that does not add up to content-length is malformed. */
    @Test
    void contentLengthMismatchWithDataIsResetWithProtocolError() throws Exception {
        serve(req -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(req.body().collectWithLimit(100))));
        peer.sendHeaders(1, false, ":method", "POST", ":scheme", "http", ":path", "/", "content-length", "5");
        peer.sendData(1, true, "abc".getBytes());
        peer.expectRstStream(1, Http2ErrorCode.PROTOCOL_ERROR);
    }

    /** §8.1: trailers end the request; their fields reach the handler. */
    @Test
    void requestTrailersReachTheHandler() throws Exception {
        serve(req -> {
            byte[] body = req.body().collectWithLimit(100);
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(
                    (new String(body) + "|" + req.trailers().get("x-t").orElse("none")).getBytes()));
        });
        peer.sendHeaders(1, false, ":method", "POST", ":scheme", "http", ":path", "/");
        peer.sendData(1, false, "body".getBytes());
        peer.sendHeaders(1, true, "x-t", "yes");
        assertThat(new String(peer.expectBody(1), StandardCharsets.ISO_8859_1)).isEqualTo("body|yes");
    }

    /** §8.1: a second HEADERS without END_STREAM is malformed. */
    @Test
    void trailersWithoutEndStreamAreMalformed() throws Exception {
        serve(req -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(req.body().collectWithLimit(100))));
        peer.sendHeaders(1, false, ":method", "POST", ":scheme", "http", ":path", "/");
        peer.sendHeaders(1, false, "x-t", "yes");
        peer.expectRstStream(1, Http2ErrorCode.PROTOCOL_ERROR);
    }

    /** §6.10: a field block split over HEADERS and CONTINUATION is assembled. */
    @Test
    void assemblesContinuation() throws Exception {
        serve(Http2ServerConnectionTest::ok);
        byte[] block = peer.encode(":method", "GET", ":scheme", "http", ":path", "/cont", "x-long", "v".repeat(100));
        int half = block.length / 2;
        peer.sendFrame(Http2Frames.HEADERS, Http2Frames.FLAG_END_STREAM, 1, java.util.Arrays.copyOfRange(block, 0, half));
        peer.sendFrame(Http2Frames.CONTINUATION, Http2Frames.FLAG_END_HEADERS, 1,
                java.util.Arrays.copyOfRange(block, half, block.length));
        assertThat(peer.expectHeaders(1).status()).isEqualTo(200);
    }

    /** §5.3.2: PRIORITY frames are parsed and ignored, even on idle streams. */
    @Test
    void ignoresPriority() throws Exception {
        serve(Http2ServerConnectionTest::ok);
        peer.sendPriority(5, 0, false, 16);
        peer.sendPriority(1, 5, true, 200);
        peer.sendHeaders(1, true, GET);
        assertThat(peer.expectHeaders(1).status()).isEqualTo(200);
    }

    /** §6.9: DATA on a stream the server refused is discarded but still credited to the connection window. */
    @Test
    void discardedDataStillCreditsTheConnection() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        serve(req -> {
            release.await();
            return ok(req);
        }, Http2Config.SERVER_DEFAULT.withMaxConcurrentStreams(1).withConnectionWindowSize(65_535), Http2Settings.EMPTY);
        peer.expect(FramePeer.SettingsAck.class, a -> true);
        peer.sendHeaders(1, true, GET);
        peer.sendHeaders(3, false, ":method", "POST", ":scheme", "http", ":path", "/");
        peer.expectRstStream(3, Http2ErrorCode.REFUSED_STREAM);
        byte[] chunk = new byte[16_000];
        for (int i = 0; i < 3; i++) {
            peer.sendData(3, false, chunk); // in flight when the reset left: ignored (§5.1)
        }
        assertThat(peer.framesUntilAlive()).contains(new FramePeer.WindowUpdate(0, 48_000));
        release.countDown();
    }

    /** §6.9.2: a change of SETTINGS_INITIAL_WINDOW_SIZE moves the send window of open streams. */
    @Test
    void initialWindowChangeAppliesToOpenStreams() throws Exception {
        serve(req -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes("0123456789".getBytes())),
                Http2Config.SERVER_DEFAULT, Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, 0));
        peer.sendHeaders(1, true, GET);
        peer.expectHeaders(1);
        assertThat(peer.framesUntilAlive()).noneMatch(f -> f instanceof FramePeer.Data);
        peer.sendSettings(Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, 4));
        assertThat(peer.expect(FramePeer.Data.class, d -> d.streamId() == 1)).hasToString("DATA 1 4 octets")
                .extracting(FramePeer.Data::text).isEqualTo("0123");
        peer.sendWindowUpdate(1, 100);
        assertThat(peer.expect(FramePeer.Data.class, d -> d.streamId() == 1)).hasToString("DATA 1 END_STREAM 6 octets")
                .extracting(FramePeer.Data::text).isEqualTo("456789");
    }

    /** §6.9.2: an initial window change that takes an open stream's window past 2^31-1 is FLOW_CONTROL_ERROR. */
    @Test
    void initialWindowOverflowIsConnectionFlowControlError() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        serve(req -> {
            release.await();
            return ok(req);
        });
        peer.sendHeaders(1, true, GET);
        peer.sendWindowUpdate(1, Integer.MAX_VALUE - 65_535);
        peer.sendSettings(Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, 65_536));
        assertThat(peer.expectGoAway(Http2ErrorCode.FLOW_CONTROL_ERROR).lastStreamId()).isEqualTo(1);
        release.countDown();
    }

    /** §6.9.1: WINDOW_UPDATE past 2^31-1 is a stream error on a stream, a connection error on the connection. */
    @Test
    void windowUpdateOverflow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        serve(req -> {
            release.await();
            return ok(req);
        });
        peer.sendHeaders(1, true, GET);
        peer.sendWindowUpdate(1, Integer.MAX_VALUE);
        peer.expectRstStream(1, Http2ErrorCode.FLOW_CONTROL_ERROR);
        peer.sendWindowUpdate(0, Integer.MAX_VALUE);
        assertThat(peer.expectGoAway(Http2ErrorCode.FLOW_CONTROL_ERROR).lastStreamId()).isEqualTo(1);
        release.countDown();
    }

    /** §5.1: DATA after the peer's END_STREAM is a stream error STREAM_CLOSED. */
    @Test
    void dataAfterEndStreamIsStreamClosed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        serve(req -> {
            release.await();
            return ok(req);
        });
        peer.sendHeaders(1, true, GET);
        peer.sendData(1, false, "late".getBytes());
        peer.expectRstStream(1, Http2ErrorCode.STREAM_CLOSED);
        release.countDown();
    }

    /** §5.1.1: a stream id not above the last one opened is a connection error PROTOCOL_ERROR. */
    @Test
    void decreasingStreamIdIsConnectionError() throws Exception {
        serve(Http2ServerConnectionTest::ok);
        peer.sendHeaders(5, true, GET);
        peer.expectHeaders(5);
        peer.sendHeaders(3, true, GET);
        assertThat(peer.expectGoAwayAndClose(Http2ErrorCode.PROTOCOL_ERROR).lastStreamId()).isEqualTo(5);
    }

    /** §6.8: graceful GOAWAY names the last stream; later streams are ignored; the one in flight finishes. */
    @Test
    void gracefulGoAwayHonoursLastStreamId() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        serve(req -> {
            entered.countDown();
            release.await();
            return ok(req);
        });
        peer.sendHeaders(1, true, GET);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        server.drain();
        assertThat(peer.expectGoAway(Http2ErrorCode.NO_ERROR).lastStreamId()).isEqualTo(1);
        peer.sendHeaders(3, true, GET); // above the last stream: not processed
        release.countDown();
        assertThat(peer.expect(FramePeer.Headers.class, h -> true).streamId()).isEqualTo(1);
        assertThat(peer.expectBody(1)).isEqualTo("ok".getBytes());
        peer.expectClosed();
        assertThat(peer.seen()).noneMatch(f -> f instanceof FramePeer.Headers h && h.streamId() == 3);
    }

    /** §8.1: a response completed before the request body: RST_STREAM NO_ERROR tells the client to stop. */
    @Test
    void earlyResponseEndsTheRequestWithNoError() throws Exception {
        serve(req -> HttpResponse.of(413, HeaderMap.empty()));
        peer.sendHeaders(1, false, ":method", "POST", ":scheme", "http", ":path", "/");
        FramePeer.Headers head = peer.expectHeaders(1);
        assertThat(head.endStream()).isTrue();
        assertThat(head.status()).isEqualTo(413);
        peer.expectRstStream(1, Http2ErrorCode.NO_ERROR);
    }

    /**
     * Request body limit: a declared length beyond it is answered 413 before the handler runs (as on
     * HTTP/1.1); a streamed body that passes it fails the handler's read, also answered 413.
     */
    @Test
    void requestBodyBeyondLimitIs413() throws Exception {
        serve(req -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(req.body().collectWithLimit(1 << 20))),
                Http2Config.SERVER_DEFAULT.withMaxBodyBytes(10), Http2Settings.EMPTY);
        peer.sendHeaders(1, false, ":method", "POST", ":scheme", "http", ":path", "/", "content-length", "11");
        assertThat(peer.expectHeaders(1).status()).isEqualTo(413);
        peer.sendHeaders(3, false, ":method", "POST", ":scheme", "http", ":path", "/");
        peer.sendData(3, false, new byte[8]);
        peer.sendData(3, true, new byte[8]);
        assertThat(peer.expectHeaders(3).status()).isEqualTo(413);
    }

    /** HTTP/2 upgrade (RFC 9113 §3.1, RFC 7540 §3.2): the upgraded request is answered on stream 1. */
    @Test
    void upgradedRequestIsAnsweredOnStreamOne() throws Exception {
        pair = MemoryByteStreams.pair();
        HttpRequest upgraded = HttpRequest.of(RequestHead.of(Method.GET, "/up", HeaderMap.of("host", "a.test")),
                BodyStream.empty());
        byte[] settingsPayload = {0, 4, 0, 0, 0x40, 0}; // INITIAL_WINDOW_SIZE 16384
        serverThread = Thread.ofVirtual().start(() -> {
            try {
                Http2ServerConnection.serveUpgraded(pair.server(), req -> HttpResponse.of(200, HeaderMap.empty(),
                        BodyStream.ofBytes((req.path() + " " + req.head().version()).getBytes(StandardCharsets.UTF_8))),
                        Http2Config.SERVER_DEFAULT, settingsPayload, upgraded, new byte[0]);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        peer = FramePeer.client(pair.client());
        peer.sendPreface();
        assertThat(peer.next()).isInstanceOf(FramePeer.Settings.class);
        assertThat(peer.expectHeaders(1).status()).isEqualTo(200);
        assertThat(new String(peer.expectBody(1), StandardCharsets.UTF_8)).isEqualTo("/up HTTP/2");
    }
}
