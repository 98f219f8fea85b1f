package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.AccessLogs;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.Http1;
import sifr.http.HttpConnection;
import sifr.http.HttpHandler;
import sifr.http.HttpResponse;
import sifr.net.ByteStream;
import sifr.net.internal.ForwardingByteStream;
import sifr.testing.MemoryByteStreams;
import sifr.testing.TrickleInput;

/**
 * Bodies of {@code BodyStream.ofInputStream} through the HTTP/1.1 writer, which reads them straight into
 * its output buffer (64 KiB at a time, flushed past 32 KiB): every byte arrives in order across those
 * boundaries and across short reads of the stream, a small body still leaves with its head in one write,
 * a large one takes one write per 64 KiB, and a stream of the wrong length still fails the response.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class H1StreamBodyTest {
    private MemoryByteStreams.Pair pair;
    private Thread server;
    private final List<Integer> writes = new CopyOnWriteArrayList<>();

    private void serve(HttpHandler handler) {
        pair = MemoryByteStreams.pair();
        ByteStream counted = new ForwardingByteStream(pair.server()) {
            @Override
            public void writeAll(ByteBuffer src) throws IOException {
                writes.add(src.remaining());
                delegate.writeAll(src);
            }
        };
        server = Thread.ofVirtual().start(() -> {
            try {
                Http1.serve(counted, handler);
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

    @Test
    void bodiesOnEitherSideOfTheBufferBoundariesArriveWhole() throws Exception {
        int[] sizes = {0, 1, H1BodyWriter.FLUSH_AT - 1, H1BodyWriter.FLUSH_AT, H1BodyWriter.FLUSH_AT + 1,
            H1BodyWriter.READ_SIZE - 1, H1BodyWriter.READ_SIZE, H1BodyWriter.READ_SIZE + 1,
            2 * H1BodyWriter.READ_SIZE + 17, 1_000_003};
        serve(request -> {
            byte[] data = random(Integer.parseInt(request.path().substring(1)));
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(new ByteArrayInputStream(data), data.length));
        });
        HttpConnection client = Http1.client(pair.client());
        for (int size : sizes) { // one keep-alive connection: each response starts where the last ended
            HttpResponse r = client.send(Http.requestHead("GET", "/" + size, HeaderMap.of("host", "t")));
            assertThat(r.headers().get("content-length")).contains(Integer.toString(size));
            assertThat(r.body().collectWithLimit(2_000_000)).as("%d bytes", size).isEqualTo(random(size));
        }
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void shortReadsOfTheStreamKeepEveryByteInOrder() throws Exception {
        byte[] data = random(1_000_003);
        serve(request -> HttpResponse.of(200, HeaderMap.empty(),
                BodyStream.ofInputStream(TrickleInput.of(data, new Random(11)), data.length)));
        HttpConnection client = Http1.client(pair.client());
        for (int i = 0; i < 2; i++) {
            HttpResponse r = client.send(Http.requestHead("GET", "/", HeaderMap.of("host", "t")));
            assertThat(r.body().collectWithLimit(2_000_000)).isEqualTo(data);
        }
    }

    @Test
    void aSmallBodyLeavesWithItsHeadInOneWriteAndALargeOneInAWritePer64KiB() throws Exception {
        serve(request -> {
            byte[] data = random(Integer.parseInt(request.path().substring(1)));
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(new ByteArrayInputStream(data), data.length));
        });
        HttpConnection client = Http1.client(pair.client());
        assertThat(client.send(Http.requestHead("GET", "/1000", HeaderMap.of("host", "t"))).body()
                .collectWithLimit(2_000)).hasSize(1000);
        assertThat(writes).hasSize(1).allSatisfy(n -> assertThat(n).isGreaterThan(1000));
        writes.clear();
        assertThat(client.send(Http.requestHead("GET", "/" + (1 << 20), HeaderMap.of("host", "t"))).body()
                .collectWithLimit(2 << 20)).hasSize(1 << 20);
        assertThat(writes).hasSize(17) // 1 MiB and the head in 64 KiB writes
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(H1BodyWriter.READ_SIZE));
    }

    @Test
    void anAccessLoggedStreamBodyKeepsItsWritesAndIsCountedWhole() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        byte[] data = random(1 << 20);
        serve(AccessLogs.middleware(AccessLogs.Format.COMMON, lines::add).wrap(request -> HttpResponse.of(200,
                HeaderMap.empty(), BodyStream.ofInputStream(new ByteArrayInputStream(data), data.length))));
        HttpConnection client = Http1.client(pair.client());
        assertThat(client.send(Http.requestHead("GET", "/", HeaderMap.of("host", "t"))).body()
                .collectWithLimit(2 << 20)).isEqualTo(data);
        assertThat(writes).hasSize(17); // as without the log: read into the output buffer, 64 KiB per write
        for (int i = 0; i < 100 && lines.isEmpty(); i++) {
            Thread.sleep(20); // the line is written when the server closes the body, after the last write
        }
        assertThat(lines).singleElement().asString().endsWith("\" 200 " + data.length);
    }

    @Test
    void anIdleConnectionLetsGoOfTheBufferAStreamBodyGrew() throws Exception {
        pair = MemoryByteStreams.pair();
        java.util.concurrent.atomic.AtomicReference<H1ServerConnection> connection = new java.util.concurrent.atomic.AtomicReference<>();
        List<Integer> held = new CopyOnWriteArrayList<>();
        byte[] data = random(1 << 20);
        H1ServerConnection conn = new H1ServerConnection(pair.server(), request -> {
            held.add(connection.get().bufferedCapacity()); // input and output buffers, before this response
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(new ByteArrayInputStream(data), data.length));
        }, H1ServerConfig.DEFAULT);
        connection.set(conn);
        server = Thread.ofVirtual().start(() -> {
            try {
                conn.serve();
            } catch (IOException ignored) {
                // the assertions read what the handler saw
            }
        });
        HttpConnection client = Http1.client(pair.client());
        for (int i = 0; i < 3; i++) { // each request is sent after the last response was read: the server waited idle
            assertThat(client.send(Http.requestHead("GET", "/", HeaderMap.of("host", "t"))).body()
                    .collectWithLimit(2 << 20)).isEqualTo(data);
        }
        assertThat(held).hasSize(3).allSatisfy(n -> assertThat(n).isLessThan(H1BodyWriter.READ_SIZE)); // 64 KiB while writing
    }

    @Test
    void aStreamShorterThanItsLengthCutsTheResponseAndTheConnection() throws Exception {
        byte[] data = random(70_000);
        serve(request -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(new ByteArrayInputStream(data), 100_000)));
        pair.client().writeAll(ascii("GET / HTTP/1.1\r\nHost: t\r\n\r\nGET /again HTTP/1.1\r\nHost: t\r\n\r\n"));
        H1TestStream.Outcome o = H1TestStream.parse(readToEnd(pair.client()), false);
        assertThat(o.stop()).isEqualTo(H1TestStream.Stop.INCOMPLETE);
        assertThat(o.messages()).hasSize(1);
        assertThat(o.messages().get(0).complete()).isFalse();
        assertThat(o.messages().get(0).body()).isEqualTo(data);
    }

    @Test
    void aStreamLongerThanItsLengthSendsOnlyTheLength() throws Exception {
        byte[] data = random(200_000);
        serve(request -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(new ByteArrayInputStream(data), 150_000)));
        HttpConnection client = Http1.client(pair.client());
        for (int i = 0; i < 2; i++) {
            HttpResponse r = client.send(Http.requestHead("GET", "/", HeaderMap.of("host", "t")));
            assertThat(r.body().collectWithLimit(300_000)).isEqualTo(java.util.Arrays.copyOf(data, 150_000));
        }
    }

    @Test
    void aBodyWithoutLengthIsChunkedFromTheBufferWithShortAndFullReads() throws Exception {
        byte[] trickled = random(500_000);
        byte[] full = random(300_000);
        byte[] tiny = random(5);
        serve(request -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(switch (request.path()) {
            case "/trickle" -> cycling(trickled, 1, 15, 16, 255, 256, 4095, 4096, 9000); // size lines of 1 to 4 digits
            case "/full" -> new ByteArrayInputStream(full);
            default -> new ByteArrayInputStream(tiny);
        })));
        pair.client().writeAll(ascii("GET /trickle HTTP/1.1\r\nHost: t\r\n\r\nGET /full HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /tiny HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
        H1TestStream.Outcome o = H1TestStream.parse(readToEnd(pair.client()), false);
        assertThat(o.error()).isNull();
        assertThat(o.stop()).isEqualTo(H1TestStream.Stop.END);
        assertThat(o.messages()).hasSize(3).allSatisfy(m -> {
            assertThat(m.complete()).isTrue();
            assertThat(m.headers().get("transfer-encoding")).contains("chunked");
            assertThat(m.chunkLengths()).allSatisfy(n -> assertThat(n).isBetween(1, H1BodyWriter.CHUNK_READ));
        });
        assertThat(o.messages().get(0).body()).isEqualTo(trickled);
        assertThat(o.messages().get(0).chunkLengths()).contains(1, 15, 16, 255, 256, 4095, 4096, 9000);
        assertThat(o.messages().get(1).body()).isEqualTo(full);
        assertThat(o.messages().get(1).chunkLengths()).hasSizeLessThanOrEqualTo(6); // 300,000 bytes in reads of up to 64 KiB
        assertThat(o.messages().get(2).body()).isEqualTo(tiny);
    }

    @Test
    void anHttp10BodyWithoutLengthRunsUntilClose() throws Exception {
        byte[] data = random(300_001);
        serve(request -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(TrickleInput.of(data, new Random(5)))));
        pair.client().writeAll(ascii("GET / HTTP/1.0\r\n\r\n"));
        byte[] all = readToEnd(pair.client());
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int bodyAt = text.indexOf("\r\n\r\n") + 4;
        assertThat(text).startsWith("HTTP/1.1 200").doesNotContain("content-length");
        assertThat(java.util.Arrays.copyOfRange(all, bodyAt, all.length)).isEqualTo(data);
    }

    @Test
    void aRequestBodyFromAStreamReachesTheServerWhole() throws Exception {
        byte[] data = random(777_777);
        serve(request -> {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long n = 0;
            try (BodyStream body = request.body()) {
                for (byte[] c = body.readChunk(); c.length > 0; c = body.readChunk()) {
                    sha.update(c);
                    n += c.length;
                }
            }
            return HttpResponse.of(200, HeaderMap.empty(), Http.bodyFromBytes(ascii(n + " " + HexFormat.of().formatHex(sha.digest()))));
        });
        HttpConnection client = Http1.client(pair.client());
        HttpResponse r = client.send(Http.requestHead("POST", "/", HeaderMap.of("host", "t")),
                BodyStream.ofInputStream(TrickleInput.of(data, new Random(3)), data.length));
        assertThat(new String(r.body().collectWithLimit(200), StandardCharsets.US_ASCII))
                .isEqualTo(data.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        // the request body grew the client's output buffer to 64 KiB; a sent request lets it go
        assertThat(((H1ClientConnection) client).outputCapacity()).isLessThanOrEqualTo(H1ServerConnection.IDLE_OUTPUT);
    }

    /** A stream of {@code data} whose reads return the given sizes in turn (or less, at the end). */
    private static InputStream cycling(byte[] data, int... sizes) {
        ByteArrayInputStream source = new ByteArrayInputStream(data);
        return new InputStream() {
            int next;

            @Override
            public int read() {
                return source.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return source.read(b, off, Math.min(len, sizes[next++ % sizes.length]));
            }
        };
    }

    private static byte[] readToEnd(ByteStream s) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (s.read(buf.clear()) >= 0) {
            all.write(buf.array(), 0, buf.position());
        }
        return all.toByteArray();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
