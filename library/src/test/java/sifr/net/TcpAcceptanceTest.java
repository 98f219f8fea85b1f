package sifr.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.task.CancelledError;
import sifr.task.Task;
import sifr.task.TaskHandle;
import sifr.task.TaskScope;
import sifr.task.TimeoutError;

/** The TCP and timeout acceptance cases of SPEC.md ("Behaviour to keep from Sifr"), with Sifr's messages. */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpAcceptanceTest {

    @Test
    void listenerOnPortZeroReportsLoopbackAddress() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            assertThat(listener.localAddr().toString()).startsWith("127.0.0.1:");
            assertThat(listener.localAddr().port()).isPositive();
        }
    }

    @Test
    void clientRemoteAddrEqualsListenerAddress() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            assertThat(client.remoteAddr()).isEqualTo(listener.localAddr());
            assertThat(server.remoteAddr()).isEqualTo(client.localAddr());
            assertThat(server.localAddr()).isEqualTo(listener.localAddr());
        }
    }

    @Test
    void writeAfterShutdownWriteFailsWithShut() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            client.shutdownWrite();
            assertThat(server.read(16)).isEmpty(); // the peer sees end of stream
            assertThatThrownBy(() -> client.write("late".getBytes(US_ASCII)))
                    .isInstanceOf(NetError.class)
                    .hasMessageContaining("shut") // SPEC.md
                    .hasMessage("TCP write side is already shut down"); // Sifr's full text
            // the other direction still works
            server.writeAll("still open".getBytes(US_ASCII));
            assertThat(new String(client.read(64), US_ASCII)).isEqualTo("still open");
        }
    }

    @Test
    void pingIsReadAndPeerRepliesPong() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp("127.0.0.1", listener.localAddr().port());
                TcpStream server = listener.accept()) {
            client.writeAll("ping".getBytes(US_ASCII));
            assertThat(new String(server.read(16), US_ASCII)).isEqualTo("ping");
            server.writeAll("pong".getBytes(US_ASCII));
            assertThat(new String(client.read(16), US_ASCII)).isEqualTo("pong");
        }
    }

    @Test
    void readSizeMustBePositive() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            assertThatThrownBy(() -> client.read(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("TCP read size must be positive");
            assertThatThrownBy(() -> client.read(-1))
                    .hasMessage("TCP read size must be positive");
        }
    }

    @Test
    void readSizeAtMostOneMebibyte() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            assertThatThrownBy(() -> client.read(1_048_577))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("TCP read size exceeds 1048576 bytes");
            server.writeAll(new byte[] {1});
            assertThat(client.read(1_048_576)).containsExactly(1); // the bound itself is allowed
        }
    }

    @Test
    void readReturnsEmptyArrayAtEndOfStream() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            server.close();
            assertThat(client.read(16)).isEmpty();
            assertThat(client.read(ByteBuffer.allocate(4))).isEqualTo(-1);
        }
    }

    @Test
    void readAndWriteFailuresAreWordedAsSifrWordsThem() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString())) {
            TcpStream server = listener.accept();
            client.writeAll("unread".getBytes(US_ASCII));
            // closing with unread bytes in its receive queue makes the server's kernel answer with RST
            server.close();
            assertThatThrownBy(() -> client.read(16)).isInstanceOf(NetError.class)
                    .hasMessageStartingWith("failed to read TCP stream: ");
            Throwable writeFailure = null;
            for (int i = 0; i < 100 && writeFailure == null; i++) { // the reset is already in: the first write fails
                try {
                    client.writeAll(ByteBuffer.wrap(new byte[1024]));
                } catch (NetError e) {
                    writeFailure = e;
                }
            }
            assertThat(writeFailure).isNotNull().hasMessageStartingWith("failed to write TCP stream: ");
        }
    }

    @Test
    void backlogZeroIsRejected() {
        assertThatThrownBy(() -> Net.listenTcp("127.0.0.1:0", TcpListenOptions.builder().backlog(0).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TCP listener backlog must be positive") // SPEC.md
                .hasMessage("TCP listener backlog must be positive and fit in u32"); // Sifr's full text
    }

    @Test
    void defaultBacklogIs1024() {
        assertThat(TcpListenOptions.defaults().backlog()).isEqualTo(1024);
    }

    @Test
    void reusePortLetsTwoListenersShareAPort() throws Exception {
        TcpListenOptions shared = TcpListenOptions.builder().reusePort(true).reuseAddr(true).build();
        try (TcpListener first = Net.listenTcp("127.0.0.1:0", shared);
                TcpListener second = Net.listenTcp(first.localAddr().toString(), shared)) {
            assertThat(second.localAddr()).isEqualTo(first.localAddr());
        }
        try (TcpListener taken = Net.listenTcp("127.0.0.1:0")) {
            assertThatThrownBy(() -> Net.listenTcp(taken.localAddr().toString()))
                    .isInstanceOf(NetError.class)
                    .hasMessageContaining("TCP listen on " + taken.localAddr() + " failed");
        }
    }

    @Test
    void secondListenerCloseFails() throws Exception {
        TcpListener listener = Net.listenTcp("127.0.0.1:0");
        listener.close();
        assertThatThrownBy(listener::close)
                .isInstanceOf(NetError.class)
                .hasMessage("TCP listener is already closed");
    }

    @Test
    void pendingAcceptIsCancellable() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            try (TaskScope scope = Task.scope()) {
                TaskHandle<TcpStream> accept = scope.spawn(listener::accept);
                Thread.sleep(50); // let it block
                accept.cancel();
                assertThatThrownBy(accept::join)
                        .isInstanceOf(CancelledError.class);
                assertThat(accept.isCancelled()).isTrue();
            }
            // the listener survives a cancelled accept
            try (TcpStream client = Net.connectTcp(listener.localAddr().toString());
                    TcpStream server = listener.accept()) {
                assertThat(server.remoteAddr()).isEqualTo(client.localAddr());
            }
        }
    }

    @Test
    void tcpNoDelayIsOnByDefault() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            assertThat(client.noDelay()).isTrue();
            assertThat(server.noDelay()).isTrue();
        }
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString(),
                        TcpConnectOptions.builder().noDelay(false).build());
                TcpStream server = listener.accept()) {
            assertThat(client.noDelay()).isFalse();
        }
    }

    @Test
    void worksOverIpv6Loopback() throws Exception {
        try (TcpListener listener = Net.listenTcp("[::1]:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            assertThat(listener.localAddr().toString()).startsWith("[::1]:");
            assertThat(client.remoteAddr()).isEqualTo(listener.localAddr());
            client.writeAll("v6".getBytes(US_ASCII));
            assertThat(new String(server.read(8), US_ASCII)).isEqualTo("v6");
        }
        try (TcpListener listener = Net.listenTcp("[::1]:0");
                TcpStream client = Net.connectTcp("::1", listener.localAddr().port());
                TcpStream server = listener.accept()) {
            assertThat(client.remoteAddr().isIpv6()).isTrue();
        }
    }

    @Test
    void listenOnPortListensOnAllInterfaces() throws Exception {
        try (TcpListener listener = Net.listenTcp(0);
                TcpStream v4 = Net.connectTcp("127.0.0.1", listener.localAddr().port());
                TcpStream a = listener.accept()) {
            assertThat(a.remoteAddr()).isEqualTo(v4.localAddr());
        }
    }

    @Test
    void connectTriesEveryResolvedAddress() throws Exception {
        // "localhost" resolves to ::1 and 127.0.0.1 on most hosts; only 127.0.0.1 listens here
        List<SocketAddr> addrs = Net.resolveHost("localhost:1");
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp("localhost", listener.localAddr().port());
                TcpStream server = listener.accept()) {
            assertThat(client.remoteAddr()).isEqualTo(listener.localAddr());
        }
        assertThat(addrs).isNotEmpty().allSatisfy(a -> assertThat(a.port()).isEqualTo(1));
    }

    @Test
    void resolveHostReturnsLiteralsWithoutLookup() throws Exception {
        assertThat(Net.resolveHost("127.0.0.1:80")).extracting(SocketAddr::toString).containsExactly("127.0.0.1:80");
        assertThat(Net.resolveHost("[::1]:443")).extracting(SocketAddr::toString).containsExactly("[::1]:443");
    }

    @Test
    void connectionRefusedIsANetError() throws Exception {
        int port;
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            port = listener.localAddr().port();
        }
        assertThatThrownBy(() -> Net.connectTcp("127.0.0.1", port))
                .isInstanceOf(NetError.class)
                .hasMessageContaining("TCP connect to 127.0.0.1:" + port + " failed");
    }

    @Test
    void invalidAddressesAreRejected() {
        assertThatThrownBy(() -> Net.connectTcp("127.0.0.1")).isInstanceOf(NetError.class)
                .hasMessageContaining("missing port");
        assertThatThrownBy(() -> Net.connectTcp("::1:80")).isInstanceOf(NetError.class)
                .hasMessageContaining("brackets");
        assertThatThrownBy(() -> Net.connectTcp("127.0.0.1:70000")).isInstanceOf(NetError.class)
                .hasMessageContaining("port must be in 0..65535");
    }

    @Test
    void connectBindsTheRequestedLocalAddress() throws Exception {
        SocketAddr local = Net.resolveHost("127.0.0.1:0").get(0);
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString(),
                        TcpConnectOptions.builder().localAddr(local).timeout(Duration.ofSeconds(5)).build());
                TcpStream server = listener.accept()) {
            assertThat(client.localAddr().host()).isEqualTo("127.0.0.1");
            assertThat(server.remoteAddr()).isEqualTo(client.localAddr());
        }
    }

    @Test
    void streamAdaptersCarryBytes() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            OutputStream out = client.outputStream();
            out.write("hello".getBytes(US_ASCII));
            out.flush();
            client.shutdownWrite();
            InputStream in = server.inputStream();
            assertThat(new String(in.readAllBytes(), US_ASCII)).isEqualTo("hello");
        }
    }

    @Test
    void splitHalvesWorkFromTwoThreads() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            TcpHalves halves = client.split();
            try (TaskScope scope = Task.scope()) {
                TaskHandle<Void> writer = scope.spawn(() -> {
                    halves.writer().writeAll("abc".getBytes(US_ASCII));
                    halves.writer().close(); // shuts down writing
                    return null;
                });
                byte[] echoed = server.inputStream().readAllBytes();
                server.writeAll(echoed);
                assertThat(new String(halves.reader().read(16), US_ASCII)).isEqualTo("abc");
                writer.join();
            }
            halves.reader().close();
            assertThat(client.isOpen()).isFalse(); // both halves closed → connection closed
            assertThatThrownBy(client::split).isInstanceOf(IllegalStateException.class)
                    .hasMessage("TCP stream is already split");
        }
    }

    @Test
    void operationsOnAClosedStreamFail() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            client.close();
            client.close(); // idempotent
            assertThatThrownBy(() -> client.read(1)).isInstanceOf(NetError.class).hasMessage("TCP stream is closed");
            assertThatThrownBy(() -> client.write(new byte[1])).isInstanceOf(NetError.class)
                    .hasMessage("TCP stream is closed");
        }
    }

    // --- Timeouts paragraph ---

    @Test
    void timeoutMustBeFiniteAndPositive() {
        assertThatThrownBy(() -> TcpConnectOptions.builder().timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network timeout must be finite and positive");
        assertThatThrownBy(() -> TcpConnectOptions.builder().timeout(Duration.ofSeconds(-1)).build())
                .hasMessage("network timeout must be finite and positive");
        assertThatThrownBy(() -> Net.resolveHost("localhost:80", Duration.ZERO))
                .hasMessage("network timeout must be finite and positive");
    }

    @Test
    void timeoutAtMostOneDay() {
        assertThat(TcpConnectOptions.builder().timeout(Duration.ofSeconds(86_400)).build().timeout())
                .contains(Duration.ofSeconds(86_400));
        assertThatThrownBy(() -> TcpConnectOptions.builder().timeout(Duration.ofSeconds(86_401)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network timeout is too large");
        assertThatThrownBy(() -> Task.timeout(Duration.ofDays(2), () -> null))
                .hasMessage("task timeout is too large");
    }

    @Test
    void expiredReadReportsTcpReadTimedOutAndClosesTheStream() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            // the timeout block reports Sifr's "task timeout expired"; the read's own expiry is its cause
            assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(50), () -> client.read(16)))
                    .isInstanceOf(TimeoutError.class)
                    .hasMessage("task timeout expired")
                    .cause().isInstanceOf(TimeoutError.class).hasMessage("TCP read timed out");
            assertThat(client.isOpen()).isFalse(); // a cancelled pending op drops the unsplit stream
            assertThat(Thread.currentThread().isInterrupted()).isFalse(); // the timer's interrupt is consumed
        }
    }

    @Test
    void expiredAcceptReportsTcpAcceptTimedOut() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(30), listener::accept))
                    .isInstanceOf(TimeoutError.class)
                    .hasMessage("task timeout expired")
                    .cause().hasMessage("TCP accept timed out");
            assertThat(listener.isOpen()).isTrue();
        }
    }

    @Test
    void cleanupRunsBeforeTheCallerSeesTheTimeout() throws Exception {
        StringBuilder order = new StringBuilder();
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream server = listener.accept()) {
            try {
                Task.timeout(Duration.ofMillis(30), () -> {
                    try {
                        return client.read(16);
                    } finally {
                        order.append("cleanup;");
                    }
                });
            } catch (TimeoutError e) {
                order.append("caller:").append(e.getMessage()).append(" <- ").append(e.getCause().getMessage());
            }
        }
        assertThat(order.toString()).isEqualTo("cleanup;caller:task timeout expired <- TCP read timed out");
    }
}
