package sifr.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.net.ByteStream;
import sifr.net.internal.ForwardingByteStream;
import sifr.testing.MemoryByteStreams;
import sifr.testing.TestPki;

/**
 * TLS dynamic record sizing on the wire: the start of a large write goes out in records that fit
 * one TCP segment, growing to full 16 KiB records; the peer gets every byte unchanged.
 */
@Timeout(60)
class TlsDynamicRecordSizingTest {
    private static final TestPki.Cert ROOT = TestPki.root("Sifr Record Sizing Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost"));
    /** What the JDK's TLS 1.3 AES-GCM records add to their plaintext in the length field (inner type, tag, ...). */
    private static final int OVERHEAD = 33;
    /** One TCP segment on an IPv6 path at the minimum MTU (1,280 - 40 IPv6 - 32 TCP with timestamps). */
    private static final int SEGMENT = 1_208;
    private static final int SIZE = 512 * 1024;

    @Test
    void aLargeWriteStartsWithSegmentSizedRecordsThatGrowToFullRecords() throws Exception {
        MemoryByteStreams.Pair pair = MemoryByteStreams.pair(4 * SIZE);
        Capturing client = new Capturing(pair.client());
        TlsPair.Outcome o = TlsPair.handshake(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()), client, pair.server());
        assertThat(o.bothSucceeded()).as("client %s, server %s", o.clientError(), o.serverError()).isTrue();
        client.wire.reset();
        byte[] data = random(SIZE);
        o.client().writeAll(ByteBuffer.wrap(data));

        List<Integer> records = recordLengths(client.wire.toByteArray());
        assertThat(5 + records.get(0)).as("first record with its header").isLessThanOrEqualTo(SEGMENT);
        for (int i = 1; i < records.size() - 1; i++) {
            assertThat(records.get(i)).as("record %d of %s", i, records).isGreaterThanOrEqualTo(records.get(i - 1));
        }
        assertThat(records).as("full records after the start").anyMatch(n -> n >= 16_384);
        long small = records.stream().filter(n -> n < 16_384).count();
        assertThat(small).as("records below 16 KiB: %s", records).isBetween(5L, 20L);
        assertThat(readFully(o.server(), SIZE)).isEqualTo(data);
        o.client().close();
        o.server().close();
    }

    @Test
    void aSmallWriteIsOneRecord() throws Exception {
        MemoryByteStreams.Pair pair = MemoryByteStreams.pair(1 << 20);
        Capturing client = new Capturing(pair.client());
        TlsPair.Outcome o = TlsPair.handshake(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()), client, pair.server());
        assertThat(o.bothSucceeded()).isTrue();
        client.wire.reset();
        o.client().writeAll(ByteBuffer.wrap(random(1_000)));
        assertThat(recordLengths(client.wire.toByteArray())).containsExactly(1_000 + OVERHEAD);
        assertThat(readFully(o.server(), 1_000)).isEqualTo(random(1_000));
    }

    /** The length of each TLS record in {@code wire} (RFC 8446 §5.1: type, version, 16-bit length). */
    private static List<Integer> recordLengths(byte[] wire) {
        List<Integer> lengths = new ArrayList<>();
        int at = 0;
        while (at + 5 <= wire.length) {
            assertThat(wire[at]).as("application_data record type").isEqualTo((byte) 23);
            int length = ((wire[at + 3] & 0xff) << 8) | (wire[at + 4] & 0xff);
            lengths.add(length);
            at += 5 + length;
        }
        assertThat(at).as("whole records").isEqualTo(wire.length);
        return lengths;
    }

    private static byte[] readFully(ByteStream in, int size) throws IOException {
        byte[] out = new byte[size];
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        int got = 0;
        while (got < size) {
            buf.clear().limit(Math.min(buf.capacity(), size - got));
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            buf.flip().get(out, got, n);
            got += n;
        }
        return got == size ? out : java.util.Arrays.copyOf(out, got);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    /** A transport that keeps a copy of every byte the TLS layer writes on it. */
    private static final class Capturing extends ForwardingByteStream {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();

        Capturing(ByteStream inner) {
            super(inner);
        }

        @Override
        public int write(byte[] data) throws IOException {
            int n = delegate.write(data);
            wire.write(data, 0, n);
            return n;
        }

        @Override
        public void writeAll(ByteBuffer src) throws IOException {
            ByteBuffer copy = src.duplicate();
            delegate.writeAll(src);
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            wire.writeBytes(bytes);
        }

        @Override
        public void writeAll(byte[] data) throws IOException {
            delegate.writeAll(data);
            wire.writeBytes(data);
        }
    }
}
