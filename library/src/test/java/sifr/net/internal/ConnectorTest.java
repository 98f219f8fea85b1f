package sifr.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;

import sifr.net.Net;
import sifr.net.SocketAddr;
import sifr.net.TcpListener;
import sifr.net.TcpListenOptions;
import sifr.net.TcpStream;
import sifr.task.internal.TaskContext;

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

    @Test
    void refusedFirstAddressFallsBackToTheNextAtOnce() throws Exception {
        int deadPort;
        try (TcpListener gone = Net.listenTcp("[::1]:0")) {
            deadPort = gone.localAddr().port();
        }
        try (TcpListener v4 = Net.listenTcp("127.0.0.1:0")) {
            long t0 = System.nanoTime();
            try (SocketChannel ch = Connector.connect(
                    List.of(addr("::1", deadPort), addr("127.0.0.1", v4.localAddr().port())), null, true,
                    TaskContext.NO_DEADLINE)) {
                assertThat(ch.getRemoteAddress().toString()).contains("127.0.0.1");
            }
            // a refusal starts the next attempt immediately, without waiting the 250 ms delay
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(200);
        }
    }

    @Test
    void stalledFirstAttemptIsOvertakenAfterTheAttemptDelay() throws Exception {
        // the first address never answers (its backlog is full); the second one is fine
        try (TcpListener stalled = Net.listenTcp("127.0.0.1:0", TcpListenOptions.builder().backlog(1).build());
                TcpListener v6 = Net.listenTcp("[::1]:0")) {
            java.util.List<TcpStream> fillers = new java.util.ArrayList<>();
            try {
                while (fillers.size() < 64) {
                    try {
                        fillers.add(Net.connectTcp(stalled.localAddr().toString(),
                                sifr.net.TcpConnectOptions.builder().timeout(java.time.Duration.ofMillis(200)).build()));
                    } catch (sifr.task.TimeoutError full) {
                        break;
                    }
                }
                long t0 = System.nanoTime();
                try (SocketChannel ch = Connector.connect(List.of(stalled.localAddr(), v6.localAddr()), null, true,
                        TaskContext.NO_DEADLINE)) {
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertThat(ch.getRemoteAddress().toString()).contains("0:0:0:0:0:0:0:1");
                    assertThat(ms).isBetween(200L, 2_000L); // waited the ~250 ms attempt delay, not the SYN retries
                }
            } finally {
                for (TcpStream s : fillers) {
                    s.close();
                }
            }
        }
    }
}
