package sifr.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.net.ByteStream;
import sifr.net.NetError;

@Timeout(10)
class MemoryByteStreamsTest {

    @Test
    void bytesWrittenOnOneSideAreReadOnTheOther() throws Exception {
        try (var pair = MemoryByteStreams.pair()) {
            pair.client().writeAll("ping".getBytes(US_ASCII));
            assertThat(new String(pair.server().read(16), US_ASCII)).isEqualTo("ping");
            pair.server().writeAll("pong".getBytes(US_ASCII));
            assertThat(new String(pair.client().read(16), US_ASCII)).isEqualTo("pong");
        }
    }

    @Test
    void readReportsEndOfStreamAfterPeerShutsDownWriteAndBufferDrains() throws Exception {
        try (var pair = MemoryByteStreams.pair()) {
            pair.client().writeAll(new byte[] {1, 2, 3});
            pair.client().shutdownWrite();
            assertThat(pair.server().read(2)).containsExactly(1, 2);
            assertThat(pair.server().read(2)).containsExactly(3);
            assertThat(pair.server().read(2)).isEmpty();
            assertThat(pair.server().read(ByteBuffer.allocate(4))).isEqualTo(-1);
            // the other direction stays open
            pair.server().writeAll(new byte[] {9});
            assertThat(pair.client().read(4)).containsExactly(9);
        }
    }

    @Test
    void writeAfterShutdownWriteFailsWithShut() throws Exception {
        try (var pair = MemoryByteStreams.pair()) {
            pair.client().shutdownWrite();
            assertThatThrownBy(() -> pair.client().writeAll(new byte[] {1}))
                    .isInstanceOf(NetError.class).hasMessageContaining("shut");
        }
    }

    @Test
    void peerSeesEndOfStreamAfterCloseAndWritesToClosedPeerFail() throws Exception {
        try (var pair = MemoryByteStreams.pair()) {
            pair.client().writeAll(new byte[] {7});
            pair.client().close();
            assertThat(pair.server().read(4)).containsExactly(7);
            assertThat(pair.server().read(4)).isEmpty();
            assertThatThrownBy(() -> pair.server().writeAll(new byte[] {1}))
                    .isInstanceOf(NetError.class).hasMessage("connection reset by peer");
        }
    }

    @Test
    void closeIsIdempotentAndLaterOperationsFail() throws Exception {
        var pair = MemoryByteStreams.pair();
        pair.client().close();
        pair.client().close();
        assertThatThrownBy(() -> pair.client().read(4)).isInstanceOf(NetError.class).hasMessage("stream is closed");
        assertThatThrownBy(() -> pair.client().writeAll(new byte[] {1})).isInstanceOf(NetError.class);
        pair.server().close();
    }

    @Test
    void readSizeBoundsUseSifrMessages() throws Exception {
        try (var pair = MemoryByteStreams.pair()) {
            assertThatThrownBy(() -> pair.client().read(0)).hasMessage("TCP read size must be positive");
            assertThatThrownBy(() -> pair.client().read(ByteStream.MAX_READ_SIZE + 1))
                    .hasMessage("TCP read size exceeds 1048576 bytes");
        }
    }

    @Test
    void writerBlocksWhilePeerDoesNotReadAndResumesWhenItDoes() throws Exception {
        try (var pair = MemoryByteStreams.pair(16)) {
            Future<?> writer = CompletableFuture.runAsync(() -> {
                try {
                    pair.client().writeAll(new byte[64]);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(50);
            assertThat(writer.isDone()).as("writer must block on a full buffer").isFalse();
            int total = 0;
            while (total < 64) {
                total += pair.server().read(64).length;
            }
            writer.get(5, TimeUnit.SECONDS);
            assertThat(total).isEqualTo(64);
        }
    }

    @Test
    void closeWakesOwnBlockedReader() throws Exception {
        var pair = MemoryByteStreams.pair();
        var reader = CompletableFuture.supplyAsync(() -> {
            try {
                return pair.client().read(4);
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(30);
        pair.client().close();
        assertThat(reader.get(5, TimeUnit.SECONDS)).isInstanceOf(NetError.class);
        pair.server().close();
    }

    @Test
    void peerCloseWakesBlockedWriter() throws Exception {
        var pair = MemoryByteStreams.pair(8);
        var writer = CompletableFuture.supplyAsync(() -> {
            try {
                pair.client().writeAll(new byte[100]);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(30);
        pair.server().close();
        assertThat(writer.get(5, TimeUnit.SECONDS)).isInstanceOf(NetError.class)
                .hasFieldOrPropertyWithValue("message", "connection reset by peer");
        pair.client().close();
    }

    @Test
    void interruptedReaderFailsWithInterruptedIoException() throws Exception {
        try (var pair = MemoryByteStreams.pair()) {
            var result = new CompletableFuture<Object>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    result.complete(pair.client().read(4));
                } catch (Exception e) {
                    result.complete(e);
                }
            });
            Thread.sleep(30);
            reader.interrupt();
            assertThat(result.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
        }
    }

    @Test
    void randomChunksArriveInOrderThroughSmallBuffer() throws Exception {
        Random random = new Random(42);
        byte[] data = new byte[200_000];
        random.nextBytes(data);
        try (var pair = MemoryByteStreams.pair(1000)) {
            var writer = CompletableFuture.runAsync(() -> {
                try {
                    int off = 0;
                    Random sizes = new Random(7);
                    while (off < data.length) {
                        int n = Math.min(data.length - off, 1 + sizes.nextInt(3000));
                        pair.client().writeAll(ByteBuffer.wrap(data, off, n));
                        off += n;
                    }
                    pair.client().shutdownWrite();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ByteBuffer received = ByteBuffer.allocate(data.length + 1);
            while (true) {
                ByteBuffer window = received.slice(received.position(), Math.min(received.remaining(), 777));
                int n = pair.server().read(window);
                if (n < 0) {
                    break;
                }
                received.position(received.position() + n);
            }
            writer.get(5, TimeUnit.SECONDS);
            assertThat(received.position()).isEqualTo(data.length);
            assertThat(received.flip().array()).startsWith(data);
        }
    }
}
