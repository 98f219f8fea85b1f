package sifr.http.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import sifr.http.BodyError;
import sifr.http.BodyStream;
import sifr.http.internal.client.DecodedBody.Coding;

/** Content-coding removal byte by byte: RFC 1952 (gzip), RFC 1950 (zlib) and raw RFC 1951 deflate. */
class DecodedBodyTest {
    static final byte[] TEXT = text();

    private static byte[] text() {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            sb.append("line ").append(i).append(' ').append(random.nextInt(1000)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] zlib(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    static byte[] rawDeflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A source that hands out {@code size}-byte chunks and counts how many it gave. */
    static final class CountingSource implements BodyStream {
        final byte[] data;
        final int size;
        int pos;
        int reads;
        boolean closed;

        CountingSource(byte[] data, int size) {
            this.data = data;
            this.size = size;
        }

        @Override
        public byte[] readChunk() {
            reads++;
            int n = Math.min(size, data.length - pos);
            byte[] chunk = Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return chunk;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static byte[] decode(byte[] encoded, Coding coding, int chunkSize) throws IOException {
        return readAll(new DecodedBody(new CountingSource(encoded, chunkSize), coding, 1L << 30));
    }

    static byte[] readAll(BodyStream body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 1_000_000; i++) {
            byte[] chunk = body.readChunk();
            if (chunk.length == 0) {
                return out.toByteArray();
            }
            assertThat(chunk.length).isLessThanOrEqualTo(DecodedBody.OUT_CHUNK);
            out.writeBytes(chunk);
        }
        throw new AssertionError("body did not end");
    }

    @Test
    void gzipDecodesWhateverTheChunkBoundaries() throws IOException {
        byte[] encoded = gzip(TEXT);
        for (int size : new int[] {1, 7, 4096, encoded.length}) {
            assertThat(decode(encoded, Coding.GZIP, size)).as("chunks of %d", size).isEqualTo(TEXT);
        }
    }

    @Test
    void rfc1952OptionalHeaderFieldsAreSkipped() throws IOException {
        byte[] plain = gzip(TEXT);
        // FEXTRA (4 bytes), FNAME, FCOMMENT and FHCRC, then the same deflate data and trailer
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, (byte) 255});
        header.writeBytes(new byte[] {4, 0, 'a', 'b', 'c', 'd'});
        header.writeBytes("name.txt\0".getBytes(StandardCharsets.US_ASCII));
        header.writeBytes("a comment\0".getBytes(StandardCharsets.US_ASCII));
        header.writeBytes(new byte[] {0x12, 0x34});
        byte[] encoded = concat(header.toByteArray(), Arrays.copyOfRange(plain, 10, plain.length));
        assertThat(decode(encoded, Coding.GZIP, 3)).isEqualTo(TEXT);
    }

    @Test
    void rfc1952ConsecutiveMembersDecodeAsOneBody() throws IOException {
        byte[] a = "first member, ".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "second member".getBytes(StandardCharsets.US_ASCII);
        assertThat(decode(concat(gzip(a), gzip(b)), Coding.GZIP, 5)).isEqualTo(concat(a, b));
    }

    @Test
    void deflateAcceptsTheZlibFormatAndRawDeflate() throws IOException {
        for (int size : new int[] {1, 1000, 1 << 20}) {
            assertThat(decode(zlib(TEXT), Coding.DEFLATE, size)).as("zlib, chunks of %d", size).isEqualTo(TEXT);
            assertThat(decode(rawDeflate(TEXT), Coding.DEFLATE, size)).as("raw, chunks of %d", size).isEqualTo(TEXT);
        }
    }

    @Test
    void anEmptyEncodedBodyIsAnEmptyBody() throws IOException {
        assertThat(decode(new byte[0], Coding.GZIP, 1)).isEmpty();
        assertThat(decode(new byte[0], Coding.DEFLATE, 1)).isEmpty();
    }

    @Test
    void bytesAfterTheCompressedStreamAreAnError() {
        assertThatThrownBy(() -> decode(concat(gzip(TEXT), new byte[] {0}), Coding.GZIP, 512))
                .isInstanceOf(BodyError.class).hasMessage("gzip body has data after the end of the compressed stream");
        assertThatThrownBy(() -> decode(concat(zlib(TEXT), "x".getBytes()), Coding.DEFLATE, 512))
                .isInstanceOf(BodyError.class).hasMessage("deflate body has data after the end of the compressed stream");
        assertThatThrownBy(() -> decode(concat(rawDeflate(TEXT), "xy".getBytes()), Coding.DEFLATE, 512))
                .isInstanceOf(BodyError.class).hasMessage("deflate body has data after the end of the compressed stream");
        // a second "member" that is not one
        assertThatThrownBy(() -> decode(concat(gzip(TEXT), new byte[] {0x1f, 0x00}), Coding.GZIP, 512))
                .isInstanceOf(BodyError.class).hasMessage("invalid gzip body: it does not start with the gzip magic bytes");
    }

    @Test
    void aTruncatedStreamIsAnError() throws IOException {
        byte[] gz = gzip(TEXT);
        assertThatThrownBy(() -> decode(Arrays.copyOf(gz, gz.length / 2), Coding.GZIP, 512))
                .isInstanceOfSatisfying(BodyError.class, e -> assertThat(e.isLimitExceeded()).isFalse()).hasMessage("truncated gzip body: it ended before the compressed data did");
        assertThatThrownBy(() -> decode(Arrays.copyOf(gz, gz.length - 3), Coding.GZIP, 512))
                .isInstanceOf(BodyError.class).hasMessage("truncated gzip body: it ended inside the gzip trailer");
        assertThatThrownBy(() -> decode(Arrays.copyOf(gz, 5), Coding.GZIP, 512))
                .isInstanceOf(BodyError.class).hasMessage("truncated gzip body: it ended inside the gzip header");
        byte[] z = zlib(TEXT);
        assertThatThrownBy(() -> decode(Arrays.copyOf(z, z.length - 2), Coding.DEFLATE, 512))
                .isInstanceOf(BodyError.class).hasMessage("truncated deflate body: it ended before the compressed data did");
    }

    @Test
    void rfc1952CrcAndLengthAreChecked() throws IOException {
        byte[] badCrc = gzip(TEXT);
        badCrc[badCrc.length - 8] ^= 1;
        assertThatThrownBy(() -> decode(badCrc, Coding.GZIP, 4096))
                .isInstanceOf(BodyError.class).hasMessage("invalid gzip body: CRC-32 mismatch");
        byte[] badLength = gzip(TEXT);
        badLength[badLength.length - 1] ^= 1;
        assertThatThrownBy(() -> decode(badLength, Coding.GZIP, 4096))
                .isInstanceOf(BodyError.class).hasMessage("invalid gzip body: length mismatch");
    }

    @Test
    void corruptDataIsAnInvalidBodyNamingTheCoding() throws IOException {
        byte[] gz = gzip(TEXT);
        for (int i = 10; i < 40; i++) {
            gz[i] = (byte) 0xff;
        }
        assertThatThrownBy(() -> decode(gz, Coding.GZIP, 4096))
                .isInstanceOf(BodyError.class).hasMessageStartingWith("invalid gzip body: ");
        assertThatThrownBy(() -> decode("not gzip at all".getBytes(), Coding.GZIP, 4096))
                .isInstanceOf(BodyError.class).hasMessage("invalid gzip body: it does not start with the gzip magic bytes");
    }

    @Test
    void aZlibStreamNeedingAPresetDictionaryIsRefused() throws IOException {
        Deflater deflater = new Deflater();
        deflater.setDictionary("dictionary".getBytes());
        deflater.setInput(TEXT);
        deflater.finish();
        byte[] buffer = new byte[TEXT.length];
        int n = deflater.deflate(buffer);
        deflater.end();
        assertThatThrownBy(() -> decode(Arrays.copyOf(buffer, n), Coding.DEFLATE, 4096))
                .isInstanceOf(BodyError.class).hasMessage("invalid deflate body: it needs a preset dictionary");
    }

    @Test
    void aDecompressionBombStopsAtTheLimitWithoutReadingTheWholeSource() throws IOException {
        byte[] zeros = new byte[16 << 20];
        byte[] bomb = gzip(zeros);
        assertThat(bomb.length).isLessThan(zeros.length / 500);
        CountingSource source = new CountingSource(bomb, 1024);
        DecodedBody body = new DecodedBody(source, Coding.GZIP, 1 << 20);
        assertThatThrownBy(() -> readAll(body)).isInstanceOfSatisfying(BodyError.class,
                e -> assertThat(e.isLimitExceeded()).isTrue()).hasMessage("decoded body exceeds limit of 1048576 bytes");
        // streaming: the limit is hit after about 1 MiB of output, from a small part of the 16 KiB bomb
        assertThat(source.pos).isLessThan(bomb.length / 4);
        // and the failure sticks
        assertThatThrownBy(body::readChunk).isInstanceOf(BodyError.class).hasMessageContaining("exceeds limit");
    }

    @Test
    void decodedBytesAreHandedOutBeforeTheSourceEnds() throws IOException {
        CountingSource source = new CountingSource(gzip(TEXT), 256);
        DecodedBody body = new DecodedBody(source, Coding.GZIP, 1 << 30);
        assertThat(body.readChunk()).isNotEmpty();
        assertThat(source.pos).isLessThan(source.data.length);
        body.close();
        assertThat(source.closed).isTrue();
    }

    @Test
    void collectWithLimitAppliesBothLimits() throws IOException {
        assertThat(new DecodedBody(new CountingSource(gzip(TEXT), 100), Coding.GZIP, 1 << 30).collectWithLimit(1 << 30))
                .isEqualTo(TEXT);
        DecodedBody small = new DecodedBody(new CountingSource(gzip(TEXT), 100), Coding.GZIP, 1 << 30);
        assertThatThrownBy(() -> small.collectWithLimit(1000)).isInstanceOf(BodyError.class)
                .hasMessage("body exceeds limit of 1000 bytes");
        assertThatThrownBy(small::readChunk).isInstanceOf(BodyError.class).hasMessage("body already consumed");
    }

    @Test
    void everyChunkIsAtMostOneOutputBuffer() throws IOException {
        List<Integer> sizes = new ArrayList<>();
        DecodedBody body = new DecodedBody(new CountingSource(gzip(new byte[1 << 20]), 1 << 20), Coding.GZIP, 1 << 30);
        for (byte[] c = body.readChunk(); c.length > 0; c = body.readChunk()) {
            sizes.add(c.length);
        }
        assertThat(sizes).allMatch(s -> s <= DecodedBody.OUT_CHUNK);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1 << 20);
    }
}
