package sifr.http.internal.h1;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.BodyError;
import sifr.net.ByteStream;
import sifr.net.SocketAddr;

/**
 * How a received HTTP/1.1 body moves from the stream to the handler: reads land in one reusable array
 * per body (not a fresh one per read), each chunk handed out is exactly what one read brought, and
 * {@code discard()} hands nothing out while keeping the framing and the body limit. Counted through a
 * stream that records every read's target array and size.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class H1BodyReadBuffersTest {
    private static final int MIB = 1024 * 1024;

    /** Serves {@code data} in reads of at most {@code perRead} bytes, recording each read's target. */
    private static final class CountingStream implements ByteStream {
        private final byte[] data;
        private final int perRead;
        private int at;
        final List<Integer> readSizes = new ArrayList<>();
        final List<Integer> skipSizes = new ArrayList<>();
        final Map<Object, Boolean> targets = new IdentityHashMap<>();

        CountingStream(byte[] data, int perRead) {
            this.data = data;
            this.perRead = perRead;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (at == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(perRead, dst.remaining()), data.length - at);
            dst.put(data, at, n);
            at += n;
            readSizes.add(n);
            targets.put(dst.hasArray() ? dst.array() : dst, Boolean.TRUE);
            return n;
        }

        @Override
        public long skip(long maxBytes) {
            if (at == data.length) {
                return -1;
            }
            int n = (int) Math.min(Math.min(perRead, maxBytes), data.length - at);
            at += n;
            skipSizes.add(n);
            return n;
        }

        @Override
        public byte[] read(int maxBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(byte[] bytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void writeAll(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void shutdownWrite() {
        }

        @Override
        public void close() {
        }

        @Override
        public SocketAddr localAddr() {
            return SocketAddr.of(new java.net.InetSocketAddress("127.0.0.1", 1));
        }

        @Override
        public SocketAddr remoteAddr() {
            return SocketAddr.of(new java.net.InetSocketAddress("127.0.0.1", 2));
        }
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static H1BodyReader reader(CountingStream stream, H1Framing framing, long maxBytes, List<Boolean> ended) {
        H1Input in = new H1Input(stream, 4096, 64 * 1024);
        return new H1BodyReader(in, framing, H1Limits.DEFAULT, maxBytes, "request", ended::add);
    }

    @Test
    void fixedBodyReadsLandInOneReusedArrayAndEachChunkIsOneRead() throws IOException {
        byte[] data = pattern(MIB);
        CountingStream stream = new CountingStream(data, 40_000); // short reads, as a socket gives
        List<Boolean> ended = new ArrayList<>();
        H1BodyReader body = reader(stream, new H1Framing(H1Framing.Kind.FIXED, MIB), Long.MAX_VALUE, ended);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        List<Integer> chunkSizes = new ArrayList<>();
        for (byte[] chunk = body.readChunk(); chunk.length > 0; chunk = body.readChunk()) {
            chunkSizes.add(chunk.length);
            got.writeBytes(chunk);
        }
        assertThat(got.toByteArray()).isEqualTo(data);
        assertThat(chunkSizes).as("a chunk is what one read brought, not a 64 KiB array cut down")
                .isEqualTo(stream.readSizes);
        assertThat(stream.readSizes).hasSize(27); // ceil(1 MiB / 40,000)
        assertThat(stream.targets).as("every read went into the same array").hasSize(1);
        assertThat(ended).containsExactly(true);
    }

    @Test
    void discardDropsAFixedBodyWithTheStreamsSkipIn256KibSteps() throws IOException {
        CountingStream stream = new CountingStream(pattern(16 * MIB), Integer.MAX_VALUE);
        List<Boolean> ended = new ArrayList<>();
        H1BodyReader body = reader(stream, new H1Framing(H1Framing.Kind.FIXED, 16 * MIB), Long.MAX_VALUE, ended);
        assertThat(body.discard()).isEqualTo(16L * MIB);
        assertThat(stream.skipSizes).as("16 MiB in 256 KiB skips").hasSize(64).containsOnly(256 * 1024);
        assertThat(stream.readSizes).as("nothing read into an array of ours").isEmpty();
        assertThat(ended).as("read to its end: the connection may carry another request").containsExactly(true);
        assertThat(body.readChunk()).isEmpty();
    }

    @Test
    void discardOfAChunkedBodyConsumesItInPlaceUpToTheLastChunk() throws IOException {
        String wire = "5\r\nhello\r\n6\r\n world\r\n0\r\nx-sum: 11\r\n\r\nGET /next";
        CountingStream stream = new CountingStream(wire.getBytes(US_ASCII), 7);
        List<Boolean> ended = new ArrayList<>();
        H1Input in = new H1Input(stream, 4096, 64 * 1024);
        H1BodyReader body = new H1BodyReader(in, H1Framing.CHUNKED, H1Limits.DEFAULT, 1024, "request", ended::add);
        assertThat(body.discard()).isEqualTo(11);
        assertThat(body.trailers().get("x-sum")).hasValue("11");
        assertThat(ended).containsExactly(true);
        assertThat(new String(in.buf, in.start, in.available(), US_ASCII))
                .as("the next request's bytes stay buffered").startsWith("GET");
    }

    /** Four chunks of 200,000 pattern bytes, the last chunk, no trailers, then the next request's first bytes. */
    private static byte[] bigChunkedWire(byte[] data) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int per = data.length / 4;
        for (int i = 0; i < 4; i++) {
            wire.writeBytes((Integer.toHexString(per) + "\r\n").getBytes(US_ASCII));
            wire.write(data, i * per, per);
            wire.writeBytes("\r\n".getBytes(US_ASCII));
        }
        wire.writeBytes("0\r\n\r\nGET /next".getBytes(US_ASCII));
        return wire.toByteArray();
    }

    @Test
    void chunkDataIsReadStraightFromTheStreamNotThroughTheHeadBuffer() throws IOException {
        byte[] data = pattern(800_000);
        CountingStream stream = new CountingStream(bigChunkedWire(data), Integer.MAX_VALUE);
        List<Boolean> ended = new ArrayList<>();
        H1Input in = new H1Input(stream, 4096, 64 * 1024);
        H1BodyReader body = new H1BodyReader(in, H1Framing.CHUNKED, H1Limits.DEFAULT, Long.MAX_VALUE, "request",
                ended::add);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (byte[] chunk = body.readChunk(); chunk.length > 0; chunk = body.readChunk()) {
            got.writeBytes(chunk);
        }
        assertThat(got.toByteArray()).isEqualTo(data);
        assertThat(ended).containsExactly(true);
        // per chunk: one fill of the 4 KiB head buffer (size line, first data), then 64 KiB reads: 4 x (1 + 4),
        // and the fills for the last chunk and the next request; through the head buffer alone it took ~200
        assertThat(stream.readSizes).as("reads").hasSizeLessThanOrEqualTo(24);
        assertThat(new String(in.buf, in.start, in.available(), US_ASCII))
                .as("no read went past the chunk data: the next request stays buffered").startsWith("GET");
    }

    @Test
    void discardOfBigChunksSkipsTheirDataAndKeepsTheNextRequest() throws IOException {
        CountingStream stream = new CountingStream(bigChunkedWire(pattern(800_000)), Integer.MAX_VALUE);
        List<Boolean> ended = new ArrayList<>();
        H1Input in = new H1Input(stream, 4096, 64 * 1024);
        H1BodyReader body = new H1BodyReader(in, H1Framing.CHUNKED, H1Limits.DEFAULT, Long.MAX_VALUE, "request",
                ended::add);
        assertThat(body.discard()).isEqualTo(800_000);
        assertThat(ended).containsExactly(true);
        assertThat(stream.skipSizes).as("each chunk's unbuffered data in one skip").hasSize(4);
        assertThat(new String(in.buf, in.start, in.available(), US_ASCII)).startsWith("GET");
    }

    @Test
    void aChunkedBodyCutInsideChunkDataFails() {
        byte[] wire = Arrays.copyOf(bigChunkedWire(pattern(800_000)), 150_000);
        for (boolean discard : new boolean[] {false, true}) {
            CountingStream stream = new CountingStream(wire, Integer.MAX_VALUE);
            List<Boolean> ended = new ArrayList<>();
            H1BodyReader body = new H1BodyReader(new H1Input(stream, 4096, 64 * 1024), H1Framing.CHUNKED,
                    H1Limits.DEFAULT, Long.MAX_VALUE, "request", ended::add);
            assertThatThrownBy(() -> {
                if (discard) {
                    body.discard();
                } else {
                    while (body.readChunk().length > 0) {
                        // read on until the cut
                    }
                }
            }).isInstanceOf(BodyError.class).hasMessage("connection closed inside a chunked body");
            assertThat(body.peerFailed()).isTrue();
            assertThat(ended).containsExactly(false);
        }
    }

    @Test
    void discardKeepsTheBodyLimit() throws IOException {
        CountingStream stream = new CountingStream(pattern(300_000), Integer.MAX_VALUE);
        List<Boolean> ended = new ArrayList<>();
        H1BodyReader body = reader(stream, H1Framing.UNTIL_CLOSE, 100_000, ended);
        assertThatThrownBy(body::discard).isInstanceOf(BodyError.class)
                .hasMessage("request body exceeds limit of 100000 bytes");
        assertThat(ended).containsExactly(false);
    }

    @Test
    void discardRefusesABodyWhoseContentLengthIsOverTheLimitBeforeReading() {
        CountingStream stream = new CountingStream(pattern(1000), Integer.MAX_VALUE);
        H1BodyReader body = reader(stream, new H1Framing(H1Framing.Kind.FIXED, 1000), 999, new ArrayList<>());
        assertThatThrownBy(body::discard).isInstanceOf(BodyError.class)
                .hasMessage("request body exceeds limit of 999 bytes (Content-Length: 1000)");
        assertThat(stream.readSizes).isEmpty();
        assertThat(stream.skipSizes).isEmpty();
    }

    @Test
    void discardAfterCollectingIsAlreadyConsumed() throws IOException {
        CountingStream stream = new CountingStream(pattern(10), Integer.MAX_VALUE);
        H1BodyReader body = reader(stream, new H1Framing(H1Framing.Kind.FIXED, 10), 100, new ArrayList<>());
        assertThat(body.collectWithLimit(100)).hasSize(10);
        assertThatThrownBy(body::discard).isInstanceOf(BodyError.class).hasMessage("body already consumed");
    }

    @Test
    void aBodyCutShortFailsDiscardAsItFailsReading() {
        CountingStream stream = new CountingStream(pattern(1000), Integer.MAX_VALUE);
        List<Boolean> ended = new ArrayList<>();
        H1BodyReader body = reader(stream, new H1Framing(H1Framing.Kind.FIXED, 2000), 10_000, ended);
        assertThatThrownBy(body::discard).isInstanceOf(BodyError.class)
                .hasMessage("connection closed after 1000 of 2000 body bytes");
        assertThat(body.peerFailed()).isTrue();
        assertThat(ended).containsExactly(false);
    }
}
