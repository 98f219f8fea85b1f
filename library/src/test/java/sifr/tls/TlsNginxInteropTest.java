package sifr.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sifr.net.Net;
import sifr.net.PinningRecorder;
import sifr.testing.NginxPeer;
import sifr.testing.PeerProcess;
import sifr.testing.TestPki;

/**
 * The seed's {@code fetch_tls} against nginx over HTTPS (Debian package {@code nginx}): nginx runs in
 * the foreground with its own config, logs and temp paths in a temp dir, on a free loopback port.
 */
@Timeout(60)
@ExtendWith(PinningRecorder.class)
class TlsNginxInteropTest {
    private static final TestPki.Cert ROOT = TestPki.root("nginx Interop Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1")
            .key(TestPki.KeyType.RSA));

    @TempDir
    Path dir;

    private PeerProcess startNginx(int port) throws Exception {
        return NginxPeer.start(dir, port, SERVER.chainPem(), SERVER.traditionalKeyPem(), """
                    server {
                        listen 127.0.0.1:%2$d ssl http2;
                        ssl_certificate %1$s/server.pem;
                        ssl_certificate_key %1$s/server-key.pem;
                        ssl_protocols TLSv1.2 TLSv1.3;
                        location / {
                            default_type text/plain;
                            return 200 "hello from nginx over $ssl_protocol\\n";
                        }
                    }
                """);
    }

    @Test
    void fetchTlsGetsAnHttp11ResponseFromNginx() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess nginx = startNginx(port)) {
            TlsClientConfig config = Tls.clientConfigFromCaPem(ROOT.certPem());
            try (TlsStream tls = config.connect("localhost", Net.connectTcp("127.0.0.1", port))) {
                tls.writeAll("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
                String response = readToEnd(tls);
                assertThat(response).startsWith("HTTP/1.1 200 OK\r\n");
                assertThat(response).endsWith("hello from nginx over TLSv1.3\n");
                assertThat(tls.protocolVersion()).isEqualTo("TLSv1.3");
            }
        }
    }

    @Test
    void alpnWithNginxNegotiatesH2OrHttp11AsOffered() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess nginx = startNginx(port)) {
            try (TlsStream h2 = Tls.clientConfigFromCaPem(ROOT.certPem(), List.of("h2", "http/1.1"))
                    .connect("localhost", Net.connectTcp("127.0.0.1", port))) {
                assertThat(h2.alpnProtocol()).contains("h2");
            }
            try (TlsStream http11 = Tls.clientConfigFromCaPem(ROOT.certPem(), List.of("http/1.1"))
                    .connect("127.0.0.1", Net.connectTcp("127.0.0.1", port))) {
                assertThat(http11.alpnProtocol()).contains("http/1.1");
                http11.writeAll("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
                assertThat(readToEnd(http11)).startsWith("HTTP/1.1 200 OK");
            }
        }
    }

    /** Reads until nginx closes; nginx sends close_notify, so a clean end of stream is expected. */
    private static String readToEnd(TlsStream tls) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            byte[] chunk = tls.read(8192);
            if (chunk.length == 0) {
                break;
            }
            out.writeBytes(chunk);
        }
        return out.toString(US_ASCII);
    }
}
