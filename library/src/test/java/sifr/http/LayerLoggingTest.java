package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.net.Net;
import sifr.net.NetError;
import sifr.net.TcpListener;
import sifr.net.TcpStream;
import sifr.testing.CapturedLog;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * The per-layer loggers: {@code sifr.net}, {@code sifr.tls} and {@code sifr.http.h1} write a DEBUG
 * record (FINE in java.util.logging, System.Logger's default backend) for connection-level failures,
 * naming the rule or error but never a header value.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LayerLoggingTest {
    private static final TestPki.Cert ROOT = TestPki.root("Logging Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));


    @Test
    void aFailedTcpConnectIsLoggedOnSifrNetAtDebug() throws Exception {
        String address;
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            address = listener.localAddr().toString();
        }
        try (CapturedLog log = new CapturedLog("sifr.net")) {
            assertThatThrownBy(() -> Net.connectTcp(address)).isInstanceOf(NetError.class);
            assertThat(log.messages(Level.FINE)).anySatisfy(m -> assertThat(m).startsWith("TCP connect failed")
                    .contains(address));
        }
    }

    @Test
    void connectsAcceptsAndClosesAreLoggedOnSifrNetAtTrace() throws Exception {
        try (CapturedLog log = new CapturedLog("sifr.net");
             TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            try (TcpStream client = Net.connectTcp(listener.localAddr().toString());
                 TcpStream server = listener.accept()) {
                client.write("hi".getBytes(StandardCharsets.US_ASCII));
                assertThat(server.read(10)).hasSize(2);
            }
            List<String> trace = log.messages(Level.FINER);
            assertThat(trace).anySatisfy(m -> assertThat(m).startsWith("TCP connected 127.0.0.1:"));
            assertThat(trace).anySatisfy(m -> assertThat(m).startsWith("TCP accepted 127.0.0.1:"));
            assertThat(trace).anySatisfy(m -> assertThat(m).startsWith("TCP closed ").endsWith("after reading 0 and writing 2 bytes"));
        }
    }

    @Test
    void aFailedTlsHandshakeIsLoggedOnSifrTlsAtDebug() throws Exception {
        try (CapturedLog log = new CapturedLog("sifr.tls");
             HttpServer server = HttpServer.start("127.0.0.1:0", Http2Interop.ECHO,
                     HttpServerOptions.builder().tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build())) {
            HttpClientOptions untrusting = HttpClientOptions.builder()
                    .tls(Tls.clientConfigFromCaPem(TestPki.root("Stranger Root").certPem())).build();
            assertThatThrownBy(() -> HttpConnection.open("https://localhost:" + server.localAddr().port(), untrusting))
                    .isInstanceOf(IOException.class);
            assertThat(log.messages(Level.FINE)).anySatisfy(m -> assertThat(m)
                    .startsWith("TLS client handshake failed").contains("(peer 127.0.0.1:"));
        }
    }

    @Test
    void aMalformedRequestIsLoggedOnSifrHttpH1WithoutHeaderValues() throws Exception {
        try (CapturedLog log = new CapturedLog("sifr.http.h1");
             HttpServer server = HttpServer.start("127.0.0.1:0", Http2Interop.ECHO)) {
            String request = "POST / HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer hunter2\r\nContent-Length: 4x\r\n\r\n";
            assertThat(exchange(server, request)).startsWith("HTTP/1.1 400 ");
            assertThat(log.messages(Level.FINE)).singleElement().satisfies(m -> assertThat(m)
                    .startsWith("HTTP/1.1 request from 127.0.0.1:").endsWith(" answered 400 and closed: malformed Content-Length"));
            assertThat(log.records).allSatisfy(r -> assertThat(r.getMessage()).doesNotContain("hunter2").doesNotContain("4x"));
        }
    }

    private static String exchange(HttpServer server, String request) throws IOException {
        try (TcpStream tcp = Net.connectTcp(server.localAddr().toString())) {
            tcp.writeAll(request.getBytes(StandardCharsets.US_ASCII));
            tcp.shutdownWrite();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] chunk = tcp.read(4096); chunk.length > 0 && all.size() < 100_000; chunk = tcp.read(4096)) {
                all.write(chunk);
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
