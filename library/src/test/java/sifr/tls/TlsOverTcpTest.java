package sifr.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.Net;
import sifr.net.PinningRecorder;
import sifr.net.TcpListener;
import sifr.net.TcpStream;
import sifr.task.Task;
import sifr.task.TaskHandle;
import sifr.task.TaskScope;
import sifr.task.TimeoutError;
import sifr.testing.TestPki;

/** TLS over real loopback TCP streams, under sifr.task deadlines; no virtual thread may pin. */
@Timeout(60)
@ExtendWith(PinningRecorder.class)
class TlsOverTcpTest {
    private static final TestPki.Cert ROOT = TestPki.root("TCP Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));
    private static final TestPki.Cert CLIENT = ROOT.issue(TestPki.spec("client").clientAuthOnly());
    private static final List<String> ALPN = List.of("h2", "http/1.1");

    @Test
    void fetchTlsShapeOverLoopbackTcpWithMutualTlsAndAlpn() throws Exception {
        TlsServerConfig server = Tls.serverConfigRequireClientAuth(SERVER.chainPem(), SERVER.keyPem(), ROOT.certPem(),
                ALPN);
        TlsClientConfig client = Tls.clientConfigWithClientAuth(ROOT.certPem(), CLIENT.chainPem(), CLIENT.keyPem(), ALPN);
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0"); TaskScope scope = Task.scope()) {
            TaskHandle<String> served = scope.spawn(() -> {
                try (TlsStream tls = server.accept(listener.accept())) {
                    String request = new String(tls.read(1024), US_ASCII);
                    tls.writeAll("HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\npong".getBytes(US_ASCII));
                    return request + "|" + tls.alpnProtocol().orElse("") + "|" + tls.remoteAddr().host();
                }
            });
            try (TlsStream tls = client.connect("localhost", Net.connectTcp(listener.localAddr().toString()))) {
                tls.writeAll("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(US_ASCII));
                assertThat(new String(tls.read(8192), US_ASCII)).endsWith("\r\n\r\npong");
                assertThat(tls.alpnProtocol()).contains("h2");
                assertThat(tls.remoteAddr()).isEqualTo(listener.localAddr());
            }
            assertThat(served.join()).isEqualTo("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n|h2|127.0.0.1");
        }
    }

    @Test
    void manyConcurrentConnectionsEchoEveryByte() throws Exception {
        TlsServerConfig server = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        TlsClientConfig client = Tls.clientConfigFromCaPem(ROOT.certPem());
        int connections = 16;
        List<Exception> serverFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0"); TaskScope scope = Task.scope()) {
            scope.spawn(() -> {
                try (TaskScope handlers = Task.scope()) {
                    List<TaskHandle<Object>> running = new ArrayList<>();
                    for (int i = 0; i < connections; i++) {
                        TcpStream accepted = listener.accept();
                        running.add(handlers.spawn(() -> {
                            try (TlsStream tls = server.accept(accepted)) {
                                ByteBuffer buffer = ByteBuffer.allocate(4096);
                                while (tls.read(buffer.clear()) > 0) {
                                    tls.writeAll(buffer.flip());
                                }
                            } catch (Exception e) {
                                serverFailures.add(e);
                            }
                            return null;
                        }));
                    }
                    Task.gather(running); // the plain scope would wait for them anyway; gather also reports a failure
                }
                return null;
            });
            List<TaskHandle<Boolean>> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int seed = i;
                clients.add(scope.spawn(() -> {
                    byte[] payload = new byte[100_000 + seed];
                    new java.util.Random(seed).nextBytes(payload);
                    try (TlsStream tls = client.connect("127.0.0.1", Net.connectTcp(listener.localAddr().toString()))) {
                        tls.writeAll(payload);
                        tls.closeNotify();
                        ByteBuffer received = ByteBuffer.allocate(payload.length);
                        while (received.hasRemaining() && tls.read(received) > 0) {
                            // keep reading
                        }
                        return java.util.Arrays.equals(received.array(), payload);
                    }
                }));
            }
            try {
                assertThat(Task.gather(clients)).containsOnly(true).hasSize(connections);
            } finally {
                serverFailures.forEach(Throwable::printStackTrace);
            }
            assertThat(serverFailures).isEmpty();
        }
    }

    @Test
    void handshakeAgainstASilentServerEndsAtTheTaskDeadline() throws Exception {
        TlsClientConfig client = Tls.clientConfigFromCaPem(ROOT.certPem());
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> Task.timeout(Duration.ofMillis(300), () ->
                    client.connect("localhost", Net.connectTcp(listener.localAddr().toString()))))
                    .isInstanceOf(TimeoutError.class)
                    .hasMessage("task timeout expired") // the block's evidence; the handshake's own is the cause
                    .cause().hasMessage("TLS client handshake timed out");
            // generous CI-safe bound: the deadline is 300 ms, the default handshake timeout 10 s
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void cancellingAPendingHandshakeEndsItAndClosesTheConnection() throws Exception {
        TlsClientConfig client = Tls.clientConfigFromCaPem(ROOT.certPem());
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0"); TaskScope scope = Task.scope()) {
            TaskHandle<TlsStream> pending = scope.spawn(() ->
                    client.connect("localhost", Net.connectTcp(listener.localAddr().toString())));
            try (TcpStream server = listener.accept()) {
                assertThat(server.read(16)).as("the ClientHello arrives").isNotEmpty();
                pending.cancel();
                assertThatThrownBy(pending::join).isInstanceOf(CancellationException.class);
                ByteBuffer rest = ByteBuffer.allocate(64 * 1024);
                int n;
                while ((n = server.read(rest.clear())) > 0) {
                    // drain what was in flight; the client side is closed, so end of stream follows
                }
                assertThat(n).isEqualTo(-1);
            }
        }
    }

    @Test
    void handshakeAgainstASilentServerEndsAtTheConfiguredHandshakeTimeout() throws Exception {
        TlsClientConfig client = Tls.clientConfigFromCaPem(ROOT.certPem()).toBuilder().handshakeTimeout(Duration.ofMillis(300)).build();
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            assertThatThrownBy(() -> client.connect("localhost", Net.connectTcp(listener.localAddr().toString())))
                    .isInstanceOf(TimeoutError.class)
                    .hasMessage("TLS client handshake timed out");
        }
    }

    @Test
    void serverHandshakeWithAClientThatNeverSpeaksTimesOut() throws Exception {
        TlsServerConfig server = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())
                .toBuilder().handshakeTimeout(Duration.ofMillis(300)).build();
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream silent = Net.connectTcp(listener.localAddr().toString())) {
            assertThatThrownBy(() -> server.accept(listener.accept()))
                    .isInstanceOf(TimeoutError.class)
                    .hasMessage("TLS server handshake timed out");
            assertThat(silent.read(16)).as("the server closed the connection").isEmpty();
        }
    }
}
