package sifr.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.net.ByteStream;
import sifr.net.SocketAddr;
import sifr.testing.MemoryByteStreams;
import sifr.testing.TestPki;

/**
 * Bulk data moves several TLS records per transport call (fewer syscalls per MiB on TCP), while the
 * bytes and the stream's contract stay the same: partial reads, end of stream.
 */
@Timeout(60)
class TlsRecordBatchingTest {
    private static final TestPki.Cert ROOT = TestPki.root("Sifr Batching Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost"));
    private static final int MIB = 1 << 20;
    private static final int RECORD = 16 * 1024;

    @Test
    void aBulkWriteSendsSeveralRecordsPerTransportWrite() throws Exception {
        MemoryByteStreams.Pair pair = MemoryByteStreams.pair(4 * MIB);
        Counting client = new Counting(pair.client());
        try (var tls = connect(client, pair.server())) {
            int before = client.writes.get();
            tls.client().writeAll(ByteBuffer.wrap(random(MIB)));
            int writes = client.writes.get() - before;
            // 64 records of 16 KiB: two per write before (32 writes); now at least three per write
            assertThat(writes).isLessThanOrEqualTo(MIB / (3 * RECORD) + 2);
            assertThat(readFully(tls.server(), MIB, 256 * 1024)).isEqualTo(random(MIB));
        }
    }

    @Test
    void aBulkReadTakesSeveralRecordsPerTransportRead() throws Exception {
        MemoryByteStreams.Pair pair = MemoryByteStreams.pair(4 * MIB);
        Counting server = new Counting(pair.server());
        try (var tls = connect(pair.client(), server)) {
            tls.client().writeAll(ByteBuffer.wrap(random(MIB))); // all of it waits in the pipe
            int before = server.reads.get();
            byte[] got = readFully(tls.server(), MIB, MIB);
            int reads = server.reads.get() - before;
            assertThat(got).isEqualTo(random(MIB));
            // one record per read before (64 or more); now several once the first read filled the buffer
            assertThat(reads).isLessThanOrEqualTo(MIB / (3 * RECORD) + 4);
        }
    }

    @Test
    void smallReadsOfBulkDataStillGetEveryByteAndThenEndOfStream() throws Exception {
        MemoryByteStreams.Pair pair = MemoryByteStreams.pair(4 * MIB);
        try (var tls = connect(pair.client(), pair.server())) {
            tls.client().writeAll(ByteBuffer.wrap(random(MIB)));
            tls.client().closeNotify();
            assertThat(readFully(tls.server(), MIB, 1_000)).isEqualTo(random(MIB));
            assertThat(tls.server().read(ByteBuffer.allocate(10))).isEqualTo(-1);
        }
    }

    @Test
    void skipDropsPlaintextInOrderBetweenReadsAndEndsWithMinusOne() throws Exception {
        MemoryByteStreams.Pair pair = MemoryByteStreams.pair(4 * MIB);
        try (var tls = connect(pair.client(), pair.server())) {
            byte[] data = random(MIB);
            tls.client().writeAll(ByteBuffer.wrap(data));
            tls.client().closeNotify();
            assertThatThrownBy(() -> tls.server().skip(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("skip size must be positive");
            ByteBuffer buf = ByteBuffer.allocate(1000);
            long pos = 0;
            long dropped = 0;
            for (int step = 0; step < 100_000; step++) {
                long n = tls.server().skip(step % 2 == 0 ? 40_000 : 7);
                if (n < 0) {
                    break;
                }
                assertThat(n).as("one record's plaintext at most").isBetween(1L, (long) RECORD);
                pos += n;
                dropped += n;
                int r = tls.server().read(buf.clear());
                if (r < 0) {
                    break;
                }
                assertThat(java.util.Arrays.copyOf(buf.array(), r))
                        .isEqualTo(java.util.Arrays.copyOfRange(data, (int) pos, (int) pos + r));
                pos += r;
            }
            assertThat(pos).isEqualTo(MIB);
            assertThat(dropped).isGreaterThan(MIB / 2);
            assertThat(tls.server().skip(10)).as("after close_notify").isEqualTo(-1);
        }
    }

    private static TlsPair.Connected connect(ByteStream client, ByteStream server) throws Exception {
        TlsPair.Outcome o = TlsPair.handshake(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()), client, server);
        assertThat(o.bothSucceeded()).as("client %s, server %s", o.clientError(), o.serverError()).isTrue();
        return new TlsPair.Connected(o.client(), o.server());
    }

    private static byte[] readFully(ByteStream in, int size, int bufferSize) throws IOException {
        byte[] out = new byte[size];
        ByteBuffer buf = ByteBuffer.allocate(bufferSize);
        int got = 0;
        while (got < size) {
            buf.clear().limit(Math.min(bufferSize, size - got));
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
        new Random(42).nextBytes(b);
        return b;
    }

    /** A transport that counts the reads and writes the TLS layer makes on it. */
    private static final class Counting implements ByteStream {
        final ByteStream inner;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();

        Counting(ByteStream inner) {
            this.inner = inner;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            reads.incrementAndGet();
            return inner.read(dst);
        }

        @Override
        public byte[] read(int maxBytes) throws IOException {
            reads.incrementAndGet();
            return inner.read(maxBytes);
        }

        @Override
        public int write(byte[] data) throws IOException {
            writes.incrementAndGet();
            return inner.write(data);
        }

        @Override
        public void writeAll(ByteBuffer src) throws IOException {
            writes.incrementAndGet();
            inner.writeAll(src);
        }

        @Override
        public void flush() throws IOException {
            inner.flush();
        }

        @Override
        public void shutdownWrite() throws IOException {
            inner.shutdownWrite();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }

        @Override
        public SocketAddr localAddr() {
            return inner.localAddr();
        }

        @Override
        public SocketAddr remoteAddr() {
            return inner.remoteAddr();
        }
    }
}
