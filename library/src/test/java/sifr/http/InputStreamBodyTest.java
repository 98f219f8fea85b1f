package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Chunk sizes of {@link BodyStream#ofInputStream}: small bodies stay small, large ones move in 64 KiB chunks. */
class InputStreamBodyTest {
    @Test
    void chunksGrowFrom16KiBTo64KiBWhileTheStreamFillsThem() throws IOException {
        byte[] data = random(1 << 20);
        List<Integer> sizes = new ArrayList<>();
        byte[] got = drain(BodyStream.ofInputStream(new ByteArrayInputStream(data)), sizes);
        assertThat(got).isEqualTo(data);
        assertThat(sizes.subList(0, 4)).containsExactly(16_384, 32_768, 65_536, 65_536);
        assertThat(sizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(InputStreamBody.MAX_CHUNK));
    }

    @Test
    void aSmallStreamCostsOneSmallChunk() throws IOException {
        List<Integer> sizes = new ArrayList<>();
        drain(BodyStream.ofInputStream(new ByteArrayInputStream(new byte[100])), sizes);
        assertThat(sizes).containsExactly(100);
    }

    @Test
    void aKnownLengthEndsTheLastChunkExactly() throws IOException {
        byte[] data = random(70_000);
        List<Integer> sizes = new ArrayList<>();
        BodyStream body = BodyStream.ofInputStream(new ByteArrayInputStream(data), data.length);
        assertThat(drain(body, sizes)).isEqualTo(data);
        assertThat(sizes).containsExactly(16_384, 32_768, 70_000 - 16_384 - 32_768);
        assertThat(body.readChunk()).isEmpty(); // and stays at its end
    }

    @Test
    void shortReadsKeepTheChunkSize() throws IOException {
        byte[] data = random(50_000);
        ByteArrayInputStream source = new ByteArrayInputStream(data);
        InputStream trickle = new InputStream() {
            @Override
            public int read() {
                return source.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return source.read(b, off, Math.min(len, 1_000));
            }
        };
        List<Integer> sizes = new ArrayList<>();
        assertThat(drain(BodyStream.ofInputStream(trickle), sizes)).isEqualTo(data);
        assertThat(sizes).hasSize(50).allSatisfy(n -> assertThat(n).isEqualTo(1_000));
    }

    @Test
    void readIntoAndReadChunkShareOneStreamInOrderAndStopAtTheLength() throws IOException {
        byte[] data = random(100_000);
        InputStreamBody body = (InputStreamBody) BodyStream.ofInputStream(new ByteArrayInputStream(data), 90_000);
        byte[] got = new byte[200_000]; // room for more than the length: the body stops at it
        assertThat(body.readInto(got, 0, 1_000)).isEqualTo(1_000);
        byte[] chunk = body.readChunk();
        System.arraycopy(chunk, 0, got, 1_000, chunk.length);
        int at = 1_000 + chunk.length;
        for (int n; (n = body.readInto(got, at, 50_000)) > 0; ) {
            at += n;
        }
        assertThat(at).isEqualTo(90_000);
        assertThat(java.util.Arrays.copyOf(got, 90_000)).isEqualTo(java.util.Arrays.copyOf(data, 90_000));
        assertThat(body.readInto(got, 0, 1)).isEqualTo(-1);
        assertThatThrownBy(() -> body.collectWithLimit(10)).isInstanceOf(BodyError.class).hasMessage("body already consumed");
    }

    @Test
    void readIntoFailsWhenTheStreamEndsBeforeTheLengthAndChecksItsArguments() throws IOException {
        InputStreamBody body = (InputStreamBody) BodyStream.ofInputStream(new ByteArrayInputStream(new byte[10]), 20);
        byte[] into = new byte[32];
        assertThatThrownBy(() -> body.readInto(into, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> body.readInto(into, 30, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(body.readInto(into, 0, 32)).isEqualTo(10);
        assertThatThrownBy(() -> body.readInto(into, 10, 22)).isInstanceOf(BodyError.class).hasMessage("body ended after 10 of 20 bytes");
    }

    private static byte[] drain(BodyStream body, List<Integer> sizes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk = body.readChunk(); chunk.length > 0; chunk = body.readChunk()) {
            sizes.add(chunk.length);
            out.write(chunk);
        }
        return out.toByteArray();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }
}
