package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.BodyStream;
import sifr.http.GoawayError;
import sifr.http.HeaderMap;
import sifr.http.HttpError;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.RefusedStreamError;
import sifr.http.RequestHead;
import sifr.http.Version;
import sifr.testing.MemoryByteStreams;

/**
 * The client connection against a scripted server ({@link FramePeer}). Each test names the RFC 9113
 * section it asserts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2ClientConnectionTest {
    private MemoryByteStreams.Pair pair;
    private Http2ClientConnection client;
    private FramePeer peer;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void connect() throws IOException {
        pair = MemoryByteStreams.pair();
        peer = FramePeer.server(pair.server());
        client = Http2ClientConnection.start(pair.client(), Http2Config.CLIENT_DEFAULT);
        peer.sendPreface(); // and it acknowledges the client's SETTINGS (its windows then apply) as it reads them
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        peer.close();
        pool.shutdownNow();
    }

    private static boolean streamOneWindowUpdate(FramePeer.Frame f) {
        return f instanceof FramePeer.WindowUpdate w && w.streamId() == 1;
    }

    private Future<HttpResponse> sendGet(String path) {
        return pool.submit(() -> client.send(new RequestHead(Method.GET, path, HeaderMap.of("host", "a.test"),
                Version.HTTP_2)));
    }

    /** §3.4, §8.4: the preface's SETTINGS disable push; the server's SETTINGS are acknowledged. */
    @Test
    void prefaceDisablesPushAndAcknowledgesServerSettings() throws Exception {
        FramePeer.Settings preface = peer.expect(FramePeer.Settings.class, x -> true);
        assertThat(preface.settings().get(Http2Settings.ENABLE_PUSH)).hasValue(0L);
        peer.expect(FramePeer.SettingsAck.class, x -> true);
    }

    /** §8.3.1: the request carries :method, :scheme, :authority (from host) and :path; host is not sent. */
    @Test
    void requestPseudoHeadersComeFromTheHead() throws Exception {
        Future<HttpResponse> response = sendGet("/x?y");
        FramePeer.Headers headers = peer.expectHeaders(1);
        assertThat(headers.endStream()).isTrue();
        assertThat(headers.fields()).containsExactly(new FramePeer.Field(":method", "GET"),
                new FramePeer.Field(":scheme", "http"), new FramePeer.Field(":authority", "a.test"),
                new FramePeer.Field(":path", "/x?y"));
        peer.sendHeaders(1, false, ":status", "200", "content-length", "2");
        peer.sendData(1, true, "hi".getBytes());
        try (HttpResponse r = response.get(10, TimeUnit.SECONDS)) {
            assertThat(r.status().code()).isEqualTo(200);
            assertThat(r.body().collectWithLimit(10)).isEqualTo("hi".getBytes());
        }
    }

    /** §8.7: REFUSED_STREAM means the request was not processed: a retryable error says so. */
    @Test
    void refusedStreamIsRetryable() throws Exception {
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.sendRst(1, Http2ErrorCode.REFUSED_STREAM);
        assertThatThrownBy(() -> response.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(RefusedStreamError.class).isInstanceOf(HttpError.class)
                .hasMessageContaining("refused").hasMessageContaining("can be retried")
                .satisfies(e -> assertThat(((HttpError) e).isRetryable()).isTrue());
        assertThat(client.isOpen()).isTrue();
    }

    /** §6.8: a GOAWAY whose last-stream-id is below our stream: not processed, retryable; no new streams. */
    @Test
    void goAwayBelowOurStreamIsRetryable() throws Exception {
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.sendGoAway(0, Http2ErrorCode.NO_ERROR);
        assertThatThrownBy(() -> response.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(GoawayError.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.lastStreamId()).isZero();
                    assertThat(e.errorCode()).isEqualTo(Http2ErrorCode.NO_ERROR.code());
                }).hasMessageContaining("refused");
        assertThat(client.isOpen()).isFalse();
        assertThatThrownBy(() -> sendGet("/again").get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(GoawayError.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("refused");
    }

    /** §6.8: a stream at or below GOAWAY's last-stream-id may have been processed: its loss is not retryable. */
    @Test
    void goAwayAtOurStreamThenCloseIsAGoawayErrorThatIsNotRetryable() throws Exception {
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.sendGoAway(1, Http2ErrorCode.INTERNAL_ERROR);
        // the peer writes on its own thread: close only once the client has read the GOAWAY (bounded wait)
        for (int i = 0; i < 1000 && client.isOpen(); i++) {
            Thread.sleep(5);
        }
        assertThat(client.isOpen()).isFalse();
        peer.close(); // the server went away before answering stream 1, which it may have started on
        assertThatThrownBy(() -> response.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(GoawayError.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.lastStreamId()).isEqualTo(1);
                    assertThat(e.errorCode()).isEqualTo(Http2ErrorCode.INTERNAL_ERROR.code());
                }).hasMessageContaining("INTERNAL_ERROR");
    }

    /** A connection that fails without REFUSED_STREAM or GOAWAY says nothing about processing: not retryable. */
    @Test
    void aConnectionLostWithoutGoawayIsNotRetryable() throws Exception {
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.close();
        assertThatThrownBy(() -> response.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.isRetryable()).isFalse())
                .isNotInstanceOf(GoawayError.class).isNotInstanceOf(RefusedStreamError.class);
    }

    /** §6.8: streams at or below the GOAWAY's last-stream-id still complete. */
    @Test
    void goAwayAboveOurStreamLetsItFinish() throws Exception {
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.sendGoAway(1, Http2ErrorCode.NO_ERROR);
        peer.sendHeaders(1, false, ":status", "200");
        peer.sendData(1, true, "done".getBytes());
        try (HttpResponse r = response.get(10, TimeUnit.SECONDS)) {
            assertThat(r.body().collectWithLimit(10)).isEqualTo("done".getBytes());
        }
        peer.expectClosed(); // no stream left after GOAWAY: the client closes
    }

    /** §8.4, §6.6: with push disabled, PUSH_PROMISE is a connection error PROTOCOL_ERROR. */
    @Test
    void pushPromiseIsConnectionError() throws Exception {
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.sendPushPromise(1, 2, ":method", "GET", ":scheme", "http", ":authority", "a.test", ":path", "/pushed");
        assertThat(peer.expectGoAway(Http2ErrorCode.PROTOCOL_ERROR).lastStreamId()).isZero();
        assertThatThrownBy(() -> response.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(HttpError.class);
    }

    /** §8.3.2: a response without :status is malformed: the stream is reset and the request fails. */
    @Test
    void responseWithoutStatusIsMalformed() throws Exception {
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.sendHeaders(1, true, "x-no-status", "1");
        peer.expectRstStream(1, Http2ErrorCode.PROTOCOL_ERROR);
        assertThatThrownBy(() -> response.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(HttpError.class)
                .hasMessageContaining("PROTOCOL_ERROR");
    }

    /** §8.1: interim 1xx responses are skipped; the final response follows on the same stream. */
    @Test
    void interimResponseIsSkipped() throws Exception {
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.sendHeaders(1, false, ":status", "103", "link", "</a.css>");
        peer.sendHeaders(1, true, ":status", "204");
        try (HttpResponse r = response.get(10, TimeUnit.SECONDS)) {
            assertThat(r.status().code()).isEqualTo(204);
        }
    }

    /** §8.1.1: DATA beyond the response's content-length is malformed. */
    @Test
    void dataBeyondContentLengthIsMalformed() throws Exception {
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.sendHeaders(1, false, ":status", "200", "content-length", "2");
        peer.sendData(1, false, "abc".getBytes());
        peer.expectRstStream(1, Http2ErrorCode.PROTOCOL_ERROR);
        try (HttpResponse r = response.get(10, TimeUnit.SECONDS)) {
            assertThatThrownBy(() -> r.body().collectWithLimit(10)).isInstanceOf(HttpError.class);
        }
    }

    /** §6.9: reading the response body returns credit: WINDOW_UPDATE follows the application's reads. */
    @Test
    void responseBodyReadsReturnCredit() throws Exception {
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.sendHeaders(1, false, ":status", "200");
        byte[] chunk = new byte[16_000];
        for (int i = 0; i < 40; i++) {
            peer.sendData(1, false, chunk); // 640,000 octets: more than half of the 1 MiB stream window
        }
        assertThat(peer.framesUntilAlive()).noneMatch(Http2ClientConnectionTest::streamOneWindowUpdate); // nothing read yet
        try (HttpResponse r = response.get(10, TimeUnit.SECONDS)) {
            for (int i = 0; i < 40; i++) {
                assertThat(r.body().readChunk()).hasSize(16_000);
            }
            peer.expect(FramePeer.WindowUpdate.class, w -> w.streamId() == 1);
            peer.sendData(1, true, new byte[0]);
            assertThat(r.body().readChunk()).isEmpty();
        }
    }

    /** §5.1.2: the client keeps below the server's SETTINGS_MAX_CONCURRENT_STREAMS, queuing the rest. */
    @Test
    void keepsBelowServerConcurrencyLimit() throws Exception {
        peer.sendSettings(Http2Settings.EMPTY.with(Http2Settings.MAX_CONCURRENT_STREAMS, 1));
        peer.expect(FramePeer.SettingsAck.class, x -> true);
        peer.expect(FramePeer.SettingsAck.class, x -> true);
        peer.framesUntilAlive();
        Future<HttpResponse> first = sendGet("/1");
        peer.expectHeaders(1);
        Future<HttpResponse> second = sendGet("/2");
        assertThat(peer.framesUntilAlive()).noneMatch(f -> f instanceof FramePeer.Headers h && h.streamId() == 3);
        peer.sendHeaders(1, true, ":status", "200");
        first.get(10, TimeUnit.SECONDS).close();
        peer.expectHeaders(3);
        peer.sendHeaders(3, true, ":status", "200");
        second.get(10, TimeUnit.SECONDS).close();
    }

    /** Response body limit: more than the configured octets fails the body with "exceeds" and cancels the stream. */
    @Test
    void responseBodyLimit() throws Exception {
        client.close();
        peer.close();
        pair = MemoryByteStreams.pair();
        peer = FramePeer.server(pair.server());
        client = Http2ClientConnection.start(pair.client(), Http2Config.CLIENT_DEFAULT.withMaxBodyBytes(10));
        peer.sendPreface();
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.sendHeaders(1, false, ":status", "200");
        peer.sendData(1, false, new byte[11]);
        peer.expectRstStream(1, Http2ErrorCode.CANCEL);
        try (HttpResponse r = response.get(10, TimeUnit.SECONDS)) {
            assertThatThrownBy(() -> r.body().collectWithLimit(100)).isInstanceOf(HttpError.class)
                    .hasMessageContaining("response body exceeds limit of 10 bytes");
        }
    }

    /** §8.1: request trailers go out as HEADERS with END_STREAM after the DATA. */
    @Test
    void requestTrailersFollowTheBody() throws Exception {
        Future<HttpResponse> response = pool.submit(() -> client.send(new RequestHead(Method.POST, "/", HeaderMap.of(
                "host", "a.test"), Version.HTTP_2), BodyStream.ofChunks(java.util.List.of("abc".getBytes()),
                HeaderMap.of("x-sum", "1"))));
        assertThat(peer.expectHeaders(1).endStream()).isFalse();
        assertThat(peer.expect(FramePeer.Data.class, d -> d.streamId() == 1)).hasToString("DATA 1 3 octets")
                .extracting(FramePeer.Data::text).isEqualTo("abc");
        FramePeer.Headers trailers = peer.expectHeaders(1);
        assertThat(trailers.endStream()).isTrue();
        assertThat(trailers.fields()).containsExactly(new FramePeer.Field("x-sum", "1"));
        peer.sendHeaders(1, true, ":status", "200");
        response.get(10, TimeUnit.SECONDS).close();
    }

    /**
     * §6.9.2: when the peer acknowledges a smaller SETTINGS_INITIAL_WINDOW_SIZE, credit already owed
     * below the old half-window threshold is due at once (else a reader waiting for data and a sender
     * waiting for window would wait on each other).
     */
    @Test
    void smallerInitialWindowReleasesOwedCreditOnAcknowledgement() throws Exception {
        Future<HttpResponse> response = sendGet("/");
        peer.expectHeaders(1);
        peer.sendHeaders(1, false, ":status", "200");
        peer.sendData(1, false, new byte[16_384]);
        try (HttpResponse r = response.get(10, TimeUnit.SECONDS)) {
            assertThat(r.body().readChunk()).hasSize(16_384); // owed, below half of the 1 MiB window
            assertThat(peer.framesUntilAlive()).noneMatch(Http2ClientConnectionTest::streamOneWindowUpdate);
            client.changeInitialWindowSize(1024);
            // the peer acknowledges it as it reads it (automatic SETTINGS ACK)
            assertThat(peer.expect(FramePeer.Settings.class, x -> true).settings())
                    .isEqualTo(Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, 1024));
            assertThat(peer.expect(FramePeer.WindowUpdate.class, w -> w.streamId() == 1).increment()).isEqualTo(16_384);
        }
    }
}
