package sifr.net.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;

import sifr.net.Net;
import sifr.net.SocketAddr;
import sifr.net.TcpListener;
import sifr.net.TcpListenOptions;
import sifr.net.TcpConnectOptions;
import sifr.net.TcpStream;
import sifr.task.TimeoutError;

/** Happy Eyeballs (RFC 8305) ordering and staggering, with addresses we control on loopback. */
@ExtendWith(PinningRecorder.class)
class ConnectorTest {

    private static SocketAddr addr(String ip, int port) throws Exception {
        return new SocketAddr(InetAddress.getByName(ip), port);
    }

    @Test
    void interleavesFamiliesStartingWithTheFirst() throws Exception {
        List<SocketAddr> in = List.of(addr("::1", 1), addr("::2", 1), addr("::3", 1), addr("127.0.0.1", 1),
                addr("127.0.0.2", 1));
        assertThat(Connector.interleave(in)).extracting(SocketAddr::toString)
                .containsExactly("[::1]:1", "127.0.0.1:1", "[::2]:1", "127.0.0.2:1", "[::3]:1");
    }

    /** An attempt delay no test waits out: if an attempt needed it, the connect would hit the test's deadline. */
    private static final long NEVER = TimeUnit.HOURS.toNanos(1);

    private static long in(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    @Test
    void refusedFirstAddressStartsTheNextAttemptAtOnce() throws Exception {
        int deadPort;
        try (TcpListener gone = Net.listenTcp("[::1]:0")) {
            deadPort = gone.localAddr().port();
        }
        try (TcpListener v4 = Net.listenTcp("127.0.0.1:0")) {
            // RFC 8305 §5: a failed attempt starts the next one without waiting the attempt delay (here an hour)
            try (SocketChannel ch = Connector.connect(
                    List.of(addr("::1", deadPort), addr("127.0.0.1", v4.localAddr().port())), null, true,
                    in(Duration.ofSeconds(30)), NEVER)) {
                assertThat(ch.getRemoteAddress().toString()).contains("127.0.0.1");
            }
        }
    }

    @Test
    void stalledFirstAttemptIsOvertakenAfterTheAttemptDelay() throws Exception {
        withStalledListener(stalled -> {
            try (TcpListener v6 = Net.listenTcp("[::1]:0");
                    SocketChannel ch = Connector.connect(List.of(stalled.localAddr(), v6.localAddr()), null, true,
                            in(Duration.ofSeconds(30)), TimeUnit.MILLISECONDS.toNanos(50))) {
                // the stalled SYN would be retried for minutes: only the staggered second attempt gets here
                assertThat(ch.getRemoteAddress().toString()).contains("0:0:0:0:0:0:0:1");
            }
        });
    }

    @Test
    void theSecondAttemptWaitsForItsTurnWhileTheFirstIsPending() throws Exception {
        withStalledListener(stalled -> {
            try (TcpListener v6 = Net.listenTcp("[::1]:0")) {
                // the second address would answer at once, but its turn comes only after the attempt delay
                assertThatThrownBy(() -> Connector.connect(List.of(stalled.localAddr(), v6.localAddr()), null, true,
                        in(Duration.ofMillis(300)), NEVER).close())
                        .isInstanceOf(TimeoutError.class).hasMessage("TCP connect timed out");
            }
        });
    }

    private interface WithListener {
        void run(TcpListener stalled) throws Exception;
    }

    /** A listener whose backlog is full: a further SYN gets no answer, so a connect to it stays pending. */
    private static void withStalledListener(WithListener body) throws Exception {
        try (TcpListener stalled = Net.listenTcp("127.0.0.1:0", TcpListenOptions.builder().backlog(1).build())) {
            List<TcpStream> fillers = new ArrayList<>();
            try {
                while (fillers.size() < 64) {
                    try {
                        fillers.add(Net.connectTcp(stalled.localAddr().toString(),
                                TcpConnectOptions.builder().timeout(Duration.ofMillis(200)).build()));
                    } catch (TimeoutError full) {
                        break;
                    }
                }
                body.run(stalled);
            } finally {
                for (TcpStream s : fillers) {
                    s.close();
                }
            }
        }
    }
}
