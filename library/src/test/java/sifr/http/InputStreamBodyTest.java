package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

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
