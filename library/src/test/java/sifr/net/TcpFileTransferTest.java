package sifr.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TcpStream#transferFrom}: the file reaches the peer byte for byte, also when the peer stops
 * reading for a while, so the socket buffer fills and {@code FileChannel.transferTo} returns 0 on the
 * virtual thread (the stream must then wait for writability, not spin or fail); and on a platform thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpFileTransferTest {
    private static final int SIZE = 16 * 1024 * 1024 + 5;

    @TempDir
    Path dir;

    private byte[] sendThrough(Thread.Builder senderThreads) throws Exception {
        byte[] data = new byte[SIZE];
        new Random(7).nextBytes(data);
        Path file = dir.resolve("data.bin");
        Files.write(file, data);
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            CompletableFuture<Long> calls = new CompletableFuture<>();
            senderThreads.start(() -> {
                try (TcpStream s = listener.accept(); FileChannel ch = FileChannel.open(file)) {
                    s.read(ByteBuffer.allocate(1)); // the socket has done I/O: a virtual thread's is now non-blocking
                    long n = 0;
                    for (long at = 0; at < SIZE; n++) {
                        at += s.transferFrom(ch, at, SIZE - at);
                    }
                    calls.complete(n);
                } catch (Throwable e) {
                    calls.completeExceptionally(e);
                }
            });
            try (TcpStream client = Net.connectTcp(listener.localAddr().toString())) {
                client.writeAll(new byte[] {1});
                Thread.sleep(200); // not a timing assertion: lets the sender fill the socket buffer first
                ByteArrayOutputStream got = new ByteArrayOutputStream(SIZE);
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                for (int reads = 0; got.size() < SIZE && reads < 10_000_000; reads++) {
                    int n = client.read(buf.clear());
                    if (n < 0) {
                        break;
                    }
                    got.write(buf.array(), 0, n);
                }
                assertThat(calls.get(30, TimeUnit.SECONDS)).isPositive();
                assertThat(got.toByteArray()).isEqualTo(data);
                return got.toByteArray();
            }
        }
    }

    @Test
    void aVirtualThreadWaitsForWritabilityWhenTheSocketBufferIsFull() throws Exception {
        sendThrough(Thread.ofVirtual());
    }

    @Test
    void aPlatformThreadSendsTheWholeFile() throws Exception {
        sendThrough(Thread.ofPlatform());
    }

    @Test
    void aRegionPastTheEndOfTheFileIsEofAndBadArgumentsAreRefused() throws Exception {
        Path file = dir.resolve("short.bin");
        Files.write(file, new byte[10]);
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
             TcpStream client = Net.connectTcp(listener.localAddr().toString());
             TcpStream server = listener.accept();
             FileChannel ch = FileChannel.open(file)) {
            assertThatThrownBy(() -> server.transferFrom(ch, 10, 5)).isInstanceOf(EOFException.class)
                    .hasMessage("file ended at byte 10");
            assertThatThrownBy(() -> server.transferFrom(ch, -1, 5)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("file transfer position and count must be positive");
            assertThatThrownBy(() -> server.transferFrom(ch, 0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThat(server.transferFrom(ch, 4, 100)).isEqualTo(6); // clamped to the file
            int got = 0;
            for (int reads = 0; got < 6 && reads < 100; reads++) {
                got += client.read(16).length;
            }
            assertThat(got).isEqualTo(6);
        }
    }
}
