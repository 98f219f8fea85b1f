package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.HeaderMap;
import sifr.http.HttpHandler;
import sifr.http.HttpResponse;
import sifr.http.internal.ExtendedConnect;
import sifr.http.internal.ProtocolUpgrade;

/**
 * RFC 8441 at the engine's level, against the scripted peer: the SETTINGS bit, which requests carrying
 * {@code :protocol} are valid, and the tunnel a 2xx makes of the stream (DATA both ways, END_STREAM and
 * RST_STREAM mapped onto the byte stream's end and reset), beside ordinary streams.
 */
@Timeout(30)
class ExtendedConnectTest {
    private static final Http2Config ON = Http2Config.SERVER_DEFAULT.withEnableConnectProtocol(true);
    private final ServerUnderTest server = new ServerUnderTest();

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    /** An extended CONNECT for {@code protocol} on {@code path} (the four pseudo-fields plus :protocol). */
    private static void sendExtendedConnect(FramePeer p, int streamId, String protocol) {
        p.sendHeaders(streamId, false, ":method", "CONNECT", ":protocol", protocol, ":scheme", "http", ":path", "/chat",
                ":authority", "example.test");
    }

    /** Answers extended CONNECT with 200 and echoes the tunnel's bytes until its end; anything else "ok". */
    private static HttpHandler echoTunnel(AtomicReference<String> protocolSeen, CountDownLatch ended) {
        return request -> {
            if (request.body() instanceof ExtendedConnect ec) {
                protocolSeen.set(ec.protocol() + " " + request.method() + " " + request.path());
                return HttpResponse.of(200, HeaderMap.empty(), new ProtocolUpgrade((stream, leftover) -> {
                    try {
                        ByteBuffer buf = ByteBuffer.allocate(1024);
                        for (int n = stream.read(buf); n >= 0; n = stream.read(buf.clear())) {
                            stream.writeAll(ByteBuffer.wrap(buf.array(), 0, n));
                        }
                        stream.shutdownWrite();
                    } finally {
                        ended.countDown();
                    }
                }));
            }
            return ServerUnderTest.OK.handle(request);
        };
    }

    @Test
    void rfc8441Section3ServerAnnouncesEnableConnectProtocolOnlyWhenConfigured() {
        FramePeer on = server.connect(ServerUnderTest.OK, ON);
        assertThat(on.handshake().settings().get(Http2Settings.ENABLE_CONNECT_PROTOCOL)).hasValue(1);
    }

    @Test
    void rfc8441Section3DefaultServerConfigDoesNotAnnounceIt() {
        FramePeer off = server.connect(ServerUnderTest.OK, Http2Config.SERVER_DEFAULT);
        assertThat(off.handshake().settings().has(Http2Settings.ENABLE_CONNECT_PROTOCOL)).isFalse();
    }

    @Test
    void rfc8441Section3ProtocolNotAnnouncedIsAStreamProtocolErrorAndTheConnectionLivesOn() {
        FramePeer p = server.connect(ServerUnderTest.OK, Http2Config.SERVER_DEFAULT);
        p.handshake();
        sendExtendedConnect(p, 1, "websocket");
        p.expectRstStream(1, Http2ErrorCode.PROTOCOL_ERROR);
        p.sendGet(3);
        assertThat(p.expectHeaders(3).fields()).contains(new FramePeer.Field(":status", "200"));
    }

    @Test
    void rfc8441Section4ProtocolOnAMethodOtherThanConnectIsMalformed() {
        FramePeer p = server.connect(ServerUnderTest.OK, ON);
        p.handshake();
        p.sendHeaders(1, true, ":method", "GET", ":protocol", "websocket", ":scheme", "http", ":path", "/",
                ":authority", "example.test");
        p.expectRstStream(1, Http2ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void rfc8441Section4ExtendedConnectWithoutPathIsMalformed() {
        FramePeer p = server.connect(ServerUnderTest.OK, ON);
        p.handshake();
        p.sendHeaders(1, false, ":method", "CONNECT", ":protocol", "websocket", ":scheme", "http",
                ":authority", "example.test");
        p.expectRstStream(1, Http2ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void rfc8441Section5TwoHundredMakesTheStreamATunnelBesideOtherStreamsAndEndStreamEndsItCleanly()
            throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        FramePeer p = server.connect(echoTunnel(seen, ended), ON);
        p.handshake();
        sendExtendedConnect(p, 1, "websocket");
        FramePeer.Headers head = p.expectHeaders(1);
        assertThat(head.endStream()).isFalse();
        assertThat(head.fields()).contains(new FramePeer.Field(":status", "200"))
                .noneMatch(f -> f.name().equals("content-length"));
        assertThat(seen.get()).isEqualTo("websocket CONNECT /chat");
        p.sendData(1, false, "hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(p.expect(FramePeer.Data.class, d -> d.streamId() == 1).text()).isEqualTo("hello");
        // RFC 9113 §5: other streams go on while the tunnel is open
        p.sendGet(3);
        assertThat(p.expectBody(3)).isEqualTo("ok".getBytes(StandardCharsets.US_ASCII));
        p.sendData(1, false, "again".getBytes(StandardCharsets.US_ASCII));
        assertThat(p.expect(FramePeer.Data.class, d -> d.streamId() == 1).text()).isEqualTo("again");
        p.sendData(1, true, new byte[0]);
        FramePeer.Data last = p.expect(FramePeer.Data.class, d -> d.streamId() == 1);
        assertThat(last.endStream()).isTrue();
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.framesUntilAlive()).noneMatch(f -> f instanceof FramePeer.RstStream);
    }

    @Test
    void rfc8441Section5TunnelClosedWhileThePeerMaySendIsResetWithCancel() {
        FramePeer p = server.connect(request -> HttpResponse.of(200, HeaderMap.empty(),
                new ProtocolUpgrade((stream, leftover) -> stream.close())), ON);
        p.handshake();
        sendExtendedConnect(p, 1, "websocket");
        p.expectHeaders(1);
        p.expectRstStream(1, Http2ErrorCode.CANCEL);
    }

    @Test
    void rfc8441Section5PeerResetFailsTheTunnelRead() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        FramePeer p = server.connect(request -> HttpResponse.of(200, HeaderMap.empty(),
                new ProtocolUpgrade((stream, leftover) -> {
                    try {
                        stream.read(ByteBuffer.allocate(16));
                    } catch (IOException | RuntimeException e) {
                        failure.set(e);
                    } finally {
                        done.countDown();
                    }
                })), ON);
        p.handshake();
        sendExtendedConnect(p, 1, "websocket");
        p.expectHeaders(1);
        p.sendRst(1, Http2ErrorCode.CANCEL);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get()).isNotNull();
    }

    @Test
    void rfc8441Section5ATunnelCountsAgainstMaxConcurrentStreams() {
        FramePeer p = server.connect(echoTunnel(new AtomicReference<>(), new CountDownLatch(1)),
                ON.withMaxConcurrentStreams(1));
        p.handshake();
        sendExtendedConnect(p, 1, "websocket");
        p.expectHeaders(1);
        p.sendGet(3);
        p.expectRstStream(3, Http2ErrorCode.REFUSED_STREAM);
        p.sendData(1, true, new byte[0]);
        assertThat(p.expect(FramePeer.Data.class, d -> d.streamId() == 1).endStream()).isTrue();
        p.sendGet(5); // the tunnel's slot is free again
        assertThat(p.expectHeaders(5).fields()).contains(new FramePeer.Field(":status", "200"));
    }

    @Test
    void tunnelBytesAreNotABodyTheBodyLimitDoesNotApply() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        FramePeer p = server.connect(echoTunnel(seen, ended), ON.withMaxBodyBytes(100));
        p.handshake();
        sendExtendedConnect(p, 1, "websocket");
        p.expectHeaders(1);
        byte[] chunk = new byte[1000];
        p.sendData(1, false, chunk);
        int echoed = 0;
        while (echoed < chunk.length) {
            echoed += p.expect(FramePeer.Data.class, d -> d.streamId() == 1).data().length;
        }
        assertThat(echoed).isEqualTo(1000);
        p.sendData(1, true, new byte[0]);
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aHandlerThatDoesNotTakeOverAnswersAndEndsTheStream() {
        FramePeer p = server.connect(request -> HttpResponse.of(404, HeaderMap.empty()), ON);
        p.handshake();
        sendExtendedConnect(p, 1, "chat");
        FramePeer.Headers h = p.expectHeaders(1);
        assertThat(h.fields()).contains(new FramePeer.Field(":status", "404"));
        assertThat(h.endStream()).isTrue();
    }
}
