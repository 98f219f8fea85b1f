package sifr.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TcpStream#whenReadable} (the socket waits in the shared read-parking selector, no thread) and
 * {@link TcpStream#readAvailable}: the action runs on a new thread for bytes, for the peer's close and for
 * our own close; reads after it block again as usual; a read without waiting returns 0, bytes, or -1.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpReadParkingTest {
    private record Pair(TcpStream ours, TcpStream peer) {
    }

    private static Pair pair(TcpListener listener) throws Exception {
        TcpStream ours = Net.connectTcp(listener.localAddr().toString());
        return new Pair(ours, listener.accept());
    }

    @Test
    void theActionRunsWhenBytesArriveAndTheStreamBlocksAgainAfter() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            Pair p = pair(listener);
            CountDownLatch woken = new CountDownLatch(1);
            AtomicReference<Thread> on = new AtomicReference<>();
            assertThat(p.ours().whenReadable(() -> {
                on.set(Thread.currentThread());
                woken.countDown();
            })).isTrue();
            assertThat(woken.await(200, TimeUnit.MILLISECONDS)).as("nothing to read yet").isFalse();
            p.peer().writeAll("ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(on.get().isVirtual()).isTrue();
            assertThat(new String(p.ours().read(16), StandardCharsets.US_ASCII)).isEqualTo("ping");
            // blocking again: a write and a read of the usual kind work, and a second park works too
            p.ours().writeAll("pong".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(p.peer().read(16), StandardCharsets.US_ASCII)).isEqualTo("pong");
            CountDownLatch again = new CountDownLatch(1);
            assertThat(p.ours().whenReadable(again::countDown)).isTrue();
            p.peer().close();
            assertThat(again.await(10, TimeUnit.SECONDS)).as("the peer's close wakes it").isTrue();
            assertThat(p.ours().read(ByteBuffer.allocate(4))).isEqualTo(-1);
            p.ours().close();
        }
    }

    @Test
    void closingAParkedStreamRunsTheActionAndItsReadFails() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            Pair p = pair(listener);
            CountDownLatch woken = new CountDownLatch(1);
            assertThat(p.ours().whenReadable(woken::countDown)).isTrue();
            p.ours().close();
            assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.ours().whenReadable(() -> { })).as("closed: nothing to wait for").isFalse();
            p.peer().close();
        }
    }

    @Test
    void readAvailableNeverWaits() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            Pair p = pair(listener);
            ByteBuffer buf = ByteBuffer.allocate(16);
            assertThat(p.ours().readAvailable(buf)).isZero();
            p.peer().writeAll("abc".getBytes(StandardCharsets.US_ASCII));
            int n = 0;
            for (int i = 0; i < 1000 && n == 0; i++) { // the bytes cross loopback in microseconds
                n = p.ours().readAvailable(buf);
                if (n == 0) {
                    Thread.sleep(5);
                }
            }
            assertThat(n).isEqualTo(3);
            p.peer().close();
            int end = 0;
            for (int i = 0; i < 1000 && end == 0; i++) {
                end = p.ours().readAvailable(buf);
                if (end == 0) {
                    Thread.sleep(5);
                }
            }
            assertThat(end).isEqualTo(-1);
            // still a blocking stream afterwards
            assertThat(p.ours().read(ByteBuffer.allocate(1))).isEqualTo(-1);
            p.ours().close();
        }
    }
}
