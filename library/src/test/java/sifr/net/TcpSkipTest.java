package sifr.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.net.internal.ForwardingByteStream;

/**
 * {@link ByteStream#skip}: {@link TcpStream}'s (one read into the process's shared direct sink) drops
 * exactly the bytes it reports, so reads in between see the stream in order, also while other
 * connections skip at the same time into the same sink; the default goes through {@code read}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpSkipTest {
    private static final int SIZE = 4 * 1024 * 1024 + 3;

    private static byte at(long i) {
        return (byte) (i * 31 + (i >>> 11));
    }

    /** A connection whose peer sends {@link #SIZE} pattern bytes and closes. */
    private static TcpStream patternConnection(TcpListener listener) throws IOException {
        Thread.ofVirtual().start(() -> {
            try (TcpStream s = listener.accept()) {
                ByteBuffer out = ByteBuffer.allocate(100_000);
                for (long i = 0; i < SIZE; ) {
                    out.clear();
                    while (out.hasRemaining() && i < SIZE) {
                        out.put(at(i++));
                    }
                    s.writeAll(out.flip());
                }
            } catch (IOException e) {
                // the reader failed first; its assertion reports it
            }
        });
        return Net.connectTcp(listener.localAddr().toString());
    }

    /**
     * Alternates skips of {@code skipSize} and reads of 1,000 bytes to the end of the stream, checking
     * every byte read against its offset; returns the bytes dropped.
     */
    private static long skipAndCheck(ByteStream s, long skipSize) throws IOException {
        long pos = 0;
        long dropped = 0;
        ByteBuffer buf = ByteBuffer.allocate(1000);
        for (int step = 0; step < 1_000_000; step++) {
            long n = s.skip(skipSize);
            if (n < 0) {
                break;
            }
            assertThat(n).isBetween(1L, Math.min(skipSize, 256 * 1024));
            pos += n;
            dropped += n;
            int r = s.read(buf.clear());
            if (r < 0) {
                break;
            }
            for (int i = 0; i < r; i++) {
                if (buf.get(i) != at(pos + i)) {
                    throw new AssertionError("byte " + (pos + i) + " differs after skipping");
                }
            }
            pos += r;
        }
        assertThat(pos).isEqualTo(SIZE);
        assertThat(s.skip(10)).as("at the end").isEqualTo(-1);
        return dropped;
    }

    @Test
    void skipDropsExactlyWhatItReportsAndEndsWithMinusOne() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream s = patternConnection(listener)) {
            assertThat(skipAndCheck(s, 300_000)).isPositive();
        }
    }

    @Test
    void connectionsSkippingAtOnceKeepTheirOwnBytes() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            List<CompletableFuture<Long>> results = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                long skipSize = 1 + c * 50_000L;
                CompletableFuture<Long> done = new CompletableFuture<>();
                results.add(done);
                TcpStream s = patternConnection(listener);
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        done.complete(skipAndCheck(s, skipSize));
                    } catch (Throwable e) {
                        done.completeExceptionally(e);
                    }
                });
            }
            for (CompletableFuture<Long> r : results) {
                assertThat(r.get(50, TimeUnit.SECONDS)).isPositive();
            }
        }
    }

    @Test
    void skipRefusesANonPositiveSizeAndAClosedStream() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream s = patternConnection(listener)) {
            assertThatThrownBy(() -> s.skip(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("skip size must be positive");
            assertThatThrownBy(() -> s.skip(-5)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("skip size must be positive");
            s.close();
            assertThatThrownBy(() -> s.skip(10)).isInstanceOf(NetError.class).hasMessage("TCP stream is closed");
        }
    }

    @Test
    void theDefaultSkipGoesThroughReadSoAWrapperSeesTheSkippedBytes() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream tcp = patternConnection(listener)) {
            long[] seen = new long[1];
            ByteStream counting = new ForwardingByteStream(tcp) {
                @Override
                public int read(ByteBuffer dst) throws IOException {
                    int n = delegate.read(dst);
                    seen[0] += Math.max(n, 0);
                    return n;
                }
            };
            long dropped = skipAndCheck(counting, 1_000_000);
            assertThat(seen[0]).as("every byte, skipped or read, went through the wrapper's read").isEqualTo(SIZE);
            assertThat(dropped).isLessThan(SIZE);
            assertThatThrownBy(() -> counting.skip(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("skip size must be positive");
        }
    }
}
