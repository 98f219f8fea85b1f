package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.Http1;
import sifr.http.HttpConnection;
import sifr.http.HttpError;
import sifr.http.HttpHandler;
import sifr.http.HttpResponse;
import sifr.net.ByteStream;
import sifr.testing.MemoryByteStreams;

/** Http1.serve and Http1.client over an in-memory connection: exchanges, keep-alive, pipelining, errors. */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class Http1ExchangeTest {
    private MemoryByteStreams.Pair pair;
    private Thread server;
    private final List<String> served = new CopyOnWriteArrayList<>();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void serve(HttpHandler handler) {
        pair = MemoryByteStreams.pair();
        server = Thread.ofVirtual().start(() -> {
            try {
                Http1.serve(pair.server(), request -> {
                    served.add(request.method() + " " + request.path());
                    return handler.handle(request);
                });
            } catch (IOException ignored) {
                // the test reads what the peer saw
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (pair != null) {
            pair.close();
        }
        if (server != null) {
            server.join(5000);
        }
    }

    /** Reads everything the server sends until it closes the connection. */
    private static byte[] readToEnd(ByteStream s) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (s.read(buf.clear()) >= 0) {
            all.write(buf.array(), 0, buf.position());
        }
        return all.toByteArray();
    }

    private static final HttpHandler PONG = request -> {
        byte[] body = request.body().collectWithLimit(1024);
        if (request.path().equals("/m4/http1") && new String(body, StandardCharsets.UTF_8).equals("ping-http1")) {
            return HttpResponse.of(201, HeaderMap.of("content-type", "text/plain"), Http.bodyFromBytes(ascii("pong-http1")));
        }
        return HttpResponse.of(404, HeaderMap.empty(), Http.bodyFromBytes(ascii("no")));
    };

    @Test
    void postPingIsAnsweredWith201Pong() throws Exception {
        serve(PONG);
        HttpConnection client = Http1.client(pair.client());
        HttpResponse response = client.send(Http.requestHead("POST", "/m4/http1", HeaderMap.of("host", "test")),
                Http.bodyFromBytes(ascii("ping-http1")));
        assertThat(response.status().code()).isEqualTo(201);
        assertThat(response.version()).hasToString("HTTP/1.1");
        assertThat(response.headers().get("date")).isPresent();
        assertThat(new String(response.body().collectWithLimit(100), StandardCharsets.UTF_8)).isEqualTo("pong-http1");
    }

    @Test
    void keepAliveCarriesSeveralExchangesOnOneConnection() throws Exception {
        serve(PONG);
        HttpConnection client = Http1.client(pair.client());
        for (int i = 0; i < 5; i++) {
            HttpResponse r = client.send(Http.requestHead("POST", "/m4/http1", HeaderMap.of("host", "t")),
                    Http.bodyFromBytes(ascii("ping-http1")));
            assertThat(r.body().collectWithLimit(100)).isEqualTo(ascii("pong-http1"));
        }
        assertThat(client.isOpen()).isTrue();
        assertThat(served).hasSize(5);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        serve(request -> HttpResponse.of(200, HeaderMap.empty(), Http.bodyFromBytes(ascii(request.path()))));
        pair.client().writeAll(ascii("GET /1 HTTP/1.1\r\nHost: t\r\n\r\nGET /2 HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /3 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
        H1TestStream.Outcome o = H1TestStream.parse(readToEnd(pair.client()), false);
        assertThat(o.error()).isNull();
        assertThat(o.messages()).hasSize(3);
        assertThat(o.messages()).extracting(m -> new String(m.body(), StandardCharsets.US_ASCII)).containsExactly("/1", "/2", "/3");
        assertThat(o.messages().get(2).response().headers().get("connection")).contains("close");
    }

    @Test
    void headResponseHasALengthButNoBody() throws Exception {
        serve(request -> HttpResponse.of(200, HeaderMap.empty(), Http.bodyFromBytes(ascii("hello"))));
        HttpConnection client = Http1.client(pair.client());
        HttpResponse head = client.send(Http.requestHead("HEAD", "/", HeaderMap.of("host", "t")));
        assertThat(head.headers().get("content-length")).contains("5");
        assertThat(head.body().collectWithLimit(10)).isEmpty();
        HttpResponse get = client.send(Http.requestHead("GET", "/", HeaderMap.of("host", "t")));
        assertThat(get.body().collectWithLimit(10)).isEqualTo(ascii("hello"));
    }

    @Test
    void noContentAndNotModifiedCarryNoBody() throws Exception {
        AtomicInteger n = new AtomicInteger();
        serve(request -> HttpResponse.of(n.incrementAndGet() == 1 ? 204 : 304, HeaderMap.empty(), Http.bodyFromBytes(ascii("x"))));
        HttpConnection client = Http1.client(pair.client());
        HttpResponse r1 = client.send(Http.requestHead("GET", "/", HeaderMap.of("host", "t")));
        assertThat(r1.status().code()).isEqualTo(204);
        assertThat(r1.body().collectWithLimit(10)).isEmpty();
        HttpResponse r2 = client.send(Http.requestHead("GET", "/", HeaderMap.of("host", "t")));
        assertThat(r2.status().code()).isEqualTo(304);
        assertThat(r2.headers().contains("content-length")).isFalse();
    }

    @Test
    void chunkedBodiesAndTrailersFlowBothWays() throws Exception {
        serve(request -> {
            byte[] body = request.body().collectWithLimit(1 << 20);
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofChunks(List.of(body, ascii("!")),
                    HeaderMap.of("x-count", Integer.toString(body.length))));
        });
        HttpConnection client = Http1.client(pair.client());
        byte[] data = new byte[200_000];
        java.util.Arrays.fill(data, (byte) 'a');
        // an InputStream body has no known length: sent chunked
        HttpResponse r = client.send(Http.requestHead("PUT", "/up", HeaderMap.of("host", "t")),
                Http.bodyFromInputStream(new ByteArrayInputStream(data)));
        assertThat(r.headers().get("content-length")).contains("200001");
        byte[] echoed = r.body().collectWithLimit(1 << 20);
        assertThat(echoed).hasSize(200_001);
    }

    @Test
    void streamedResponseOfUnknownLengthIsChunkedWithTrailers() throws Exception {
        serve(request -> HttpResponse.of(200, HeaderMap.empty(), new BodyStream() {
            int left = 3;

            @Override
            public byte[] readChunk() {
                return left-- > 0 ? ascii("part") : new byte[0];
            }

            @Override
            public HeaderMap trailers() {
                return HeaderMap.of("checksum", "abc");
            }
        }));
        HttpConnection client = Http1.client(pair.client());
        HttpResponse r = client.send(Http.requestHead("GET", "/", HeaderMap.of("host", "t")));
        assertThat(r.headers().get("transfer-encoding")).contains("chunked");
        assertThat(r.body().collectWithLimit(100)).isEqualTo(ascii("partpartpart"));
        assertThat(r.trailers().get("checksum")).contains("abc");
    }

    @Test
    void responseOverTheClientsBodyLimitFailsWithExceeds() throws Exception {
        serve(request -> HttpResponse.of(200, HeaderMap.empty(), Http.bodyFromBytes(new byte[5000])));
        HttpConnection client = Http1.client(pair.client(), 1000);
        HttpResponse r = client.send(Http.requestHead("GET", "/", HeaderMap.of("host", "t")));
        assertThatThrownBy(() -> r.body().collectWithLimit(10_000)).isInstanceOf(HttpError.class).hasMessageContaining("exceeds");
    }

    @Test
    void handlerExceptionBecomes500WithoutDetails() throws Exception {
        serve(request -> {
            throw new IllegalStateException("secret database password");
        });
        pair.client().writeAll(ascii("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
        String answer = new String(readToEnd(pair.client()), StandardCharsets.ISO_8859_1);
        assertThat(answer).startsWith("HTTP/1.1 500 Internal Server Error\r\n").doesNotContain("secret").contains("connection: close");
    }

    @Test
    void expectContinueSends100WhenTheHandlerReadsTheBody() throws Exception {
        serve(PONG);
        ByteStream c = pair.client();
        c.writeAll(ascii("POST /m4/http1 HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n"));
        byte[] first = c.read(1024);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        c.writeAll(ascii("ping-http1"));
        c.shutdownWrite();
        String rest = new String(readToEnd(c), StandardCharsets.ISO_8859_1);
        assertThat(rest).startsWith("HTTP/1.1 201 Created\r\n").endsWith("pong-http1");
    }

    /** Answers with how many body bytes {@code discard()} dropped. */
    private static final HttpHandler DISCARDING = request ->
            HttpResponse.of(200, HeaderMap.empty(), Http.bodyFromBytes(ascii(Long.toString(request.body().discard()))));

    @Test
    void aDiscardedBodyIsConsumedSoTheConnectionCarriesTheNextRequest() throws Exception {
        serve(DISCARDING);
        HttpConnection client = Http1.client(pair.client());
        byte[] big = new byte[1024 * 1024 + 17];
        for (int i = 0; i < 3; i++) {
            HttpResponse r = client.send(Http.requestHead("POST", "/drop", HeaderMap.of("host", "t")),
                    i == 1 ? sifr.http.BodyStream.ofChunks(List.of(big, big)) : Http.bodyFromBytes(big)); // 1: chunked
            assertThat(r.body().collectWithLimit(100)).asString(StandardCharsets.US_ASCII)
                    .isEqualTo(Long.toString(i == 1 ? 2L * big.length : big.length));
        }
        assertThat(client.isOpen()).isTrue();
        assertThat(served).hasSize(3);
    }

    @Test
    void discardSends100ContinueFirst() throws Exception {
        serve(DISCARDING);
        ByteStream c = pair.client();
        c.writeAll(ascii("POST /drop HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n"));
        assertThat(new String(c.read(1024), StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        c.writeAll(ascii("ping-http1"));
        c.shutdownWrite();
        assertThat(new String(readToEnd(c), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("10");
    }

    @Test
    void requestBodyOverTheLimitIsAnswered413() throws Exception {
        serve(PONG);
        pair.client().writeAll(ascii("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 999999999999\r\n\r\n"));
        assertThat(new String(readToEnd(pair.client()), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 413 ");
        assertThat(served).isEmpty();
    }

    @Test
    void http10RequestClosesAfterTheResponseUnlessKeepAlive() throws Exception {
        serve(request -> HttpResponse.of(200, HeaderMap.empty(), Http.bodyFromBytes(ascii("ok"))));
        pair.client().writeAll(ascii("GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.0\r\n\r\n"));
        String answer = new String(readToEnd(pair.client()), StandardCharsets.ISO_8859_1);
        assertThat(answer).contains("connection: close").endsWith("ok");
        assertThat(served).containsExactly("GET /a");
    }

    @Test
    void priorKnowledgePrefaceIsHandedToTheHttp2Hook() throws Exception {
        pair = MemoryByteStreams.pair();
        java.util.concurrent.atomic.AtomicReference<byte[]> handed = new java.util.concurrent.atomic.AtomicReference<>();
        H1ServerConfig config = H1ServerConfig.DEFAULT.withPriorKnowledge((stream, alreadyRead) -> handed.set(alreadyRead));
        server = Thread.ofVirtual().start(() -> {
            try {
                new H1ServerConnection(pair.server(), PONG, config).serve();
            } catch (IOException ignored) {
                // asserted through the hook
            }
        });
        pair.client().writeAll(ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000\u0000"));
        server.join(5000);
        assertThat(new String(handed.get(), StandardCharsets.ISO_8859_1)).startsWith("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    }

    @Test
    void http1RequestsAreServedWhenPriorKnowledgeDetectionIsOn() throws Exception {
        pair = MemoryByteStreams.pair();
        H1ServerConfig config = H1ServerConfig.DEFAULT.withPriorKnowledge((stream, alreadyRead) -> {
            throw new IOException("not HTTP/2");
        });
        server = Thread.ofVirtual().start(() -> {
            try {
                new H1ServerConnection(pair.server(), PONG, config).serve();
            } catch (IOException ignored) {
                // the client's view is asserted
            }
        });
        HttpConnection client = Http1.client(pair.client());
        HttpResponse r = client.send(Http.requestHead("POST", "/m4/http1", HeaderMap.of("host", "t")),
                Http.bodyFromBytes(ascii("ping-http1")));
        assertThat(r.status().code()).isEqualTo(201);
    }
}
