package sifr.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.task.TimeoutError;
import sifr.testing.MemoryByteStreams;
import sifr.testing.TestPki;

/** SPEC.md's TLS acceptance cases (Sifr's messages verbatim), over in-memory streams. */
@Timeout(30)
@ExtendWith(PinningRecorder.class)
class TlsAcceptanceTest {
    private static final TestPki.Cert ROOT = TestPki.root("Sifr Test Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));
    private static final TestPki.Cert CLIENT_ROOT = TestPki.root("Sifr Test Client Root");
    private static final TestPki.Cert CLIENT = CLIENT_ROOT.issue(TestPki.spec("client-1").clientAuthOnly());
    private static final List<String> H2_HTTP11 = List.of("h2", "http/1.1");

    @Test
    void clientConfigFromTextThatIsNotACertificateFailsWithCertificateError() {
        assertThatThrownBy(() -> Tls.clientConfigFromCaPem("not a certificate".getBytes(US_ASCII)))
                .isInstanceOf(CertificateError.class)
                .hasMessageContaining("certificate");
    }

    @Test
    void clientConfigFromEmptyPemSaysItContainsNoCertificates() {
        assertThatThrownBy(() -> Tls.clientConfigFromCaPem(new byte[0]))
                .isInstanceOf(CertificateError.class)
                .hasMessage("client root certificate PEM contains no certificates");
    }

    @Test
    void clientConfigFromCorruptCertificateBlockFailsToParseRoots() {
        byte[] pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".getBytes(US_ASCII);
        assertThatThrownBy(() -> Tls.clientConfigFromCaPem(pem))
                .isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("failed to parse client root certificates: ");
    }

    @Test
    void clientConfigFromBadBase64FailsToParseRoots() {
        byte[] pem = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n".getBytes(US_ASCII);
        assertThatThrownBy(() -> Tls.clientConfigFromCaPem(pem))
                .isInstanceOf(CertificateError.class)
                .hasMessage("failed to parse client root certificates: PEM block CERTIFICATE is not valid base64");
    }

    @Test
    void pingPongOverTls13() throws Exception {
        try (var tls = TlsPair.connect(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()))) {
            tls.client().writeAll("ping".getBytes(US_ASCII));
            assertThat(new String(tls.server().read(16), US_ASCII)).isEqualTo("ping");
            tls.server().writeAll("pong".getBytes(US_ASCII));
            assertThat(new String(tls.client().read(16), US_ASCII)).isEqualTo("pong");
            assertThat(tls.client().protocolVersion()).isEqualTo("TLSv1.3");
            assertThat(tls.server().protocolVersion()).isEqualTo("TLSv1.3");
            assertThat(tls.client().alpnProtocol()).isEmpty();
            assertThat(tls.server().serverName()).contains("localhost");
        }
    }

    @Test
    void mutualTlsWithAlpnH2AndHttp11OnBothSidesNegotiatesH2() throws Exception {
        TlsClientConfig client = Tls.clientConfigWithClientAuth(ROOT.certPem(), CLIENT.chainPem(), CLIENT.keyPem(),
                H2_HTTP11);
        TlsServerConfig server = Tls.serverConfigRequireClientAuth(SERVER.chainPem(), SERVER.keyPem(),
                CLIENT_ROOT.certPem(), H2_HTTP11);
        try (var tls = TlsPair.connect(client, "localhost", server)) {
            assertThat(tls.client().alpnProtocol()).contains("h2");
            assertThat(tls.server().alpnProtocol()).contains("h2");
            assertThat(tls.server().peerCertificates()).hasSize(1);
            assertThat(tls.server().peerCertificates().get(0).getSubjectX500Principal().getName())
                    .isEqualTo("CN=client-1");
            tls.client().writeAll("ping".getBytes(US_ASCII));
            assertThat(new String(tls.server().read(16), US_ASCII)).isEqualTo("ping");
        }
    }

    @Test
    void serverRequiringAClientCertificateFailsItsHandshakeWhenTheClientSendsNone() throws Exception {
        TlsServerConfig server = Tls.serverConfigRequireClientAuth(SERVER.chainPem(), SERVER.keyPem(),
                CLIENT_ROOT.certPem());
        var outcome = TlsPair.handshake(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost", server);
        assertThat(outcome.serverError()).isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining("no certificate");
        // In TLS 1.3 the client finishes first and learns of the refusal on its first read.
        if (outcome.client() != null) {
            assertThatThrownBy(() -> outcome.client().read(16)).isInstanceOf(TlsError.class)
                    .hasMessageContaining("certificate_required");
        } else {
            assertThat(outcome.clientError()).hasMessageStartingWith("TLS client handshake failed: ");
        }
    }

    @Test
    void clientTrustingAnUnrelatedRootFailsItsHandshake() throws Exception {
        var outcome = TlsPair.handshake(Tls.clientConfigFromCaPem(CLIENT_ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()));
        assertThat(outcome.clientError()).isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("TLS client handshake failed: ")
                .hasMessageContaining("not a trusted root");
        assertThat(outcome.serverError()).isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS server handshake failed: ");
    }

    @Test
    void closeNotifyIsIdempotentWritesAfterItFailAndFlushSucceeds() throws Exception {
        try (var tls = TlsPair.connect(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()))) {
            tls.client().closeNotify();
            tls.client().closeNotify();
            assertThatThrownBy(() -> tls.client().writeAll("late".getBytes(US_ASCII)))
                    .isInstanceOf(TlsError.class)
                    .hasMessage("TLS write side is already close-notified");
            tls.client().flush();
            // the server reads a clean end of stream, and TLS 1.3 half-close lets it still answer
            assertThat(tls.server().read(16)).isEmpty();
            tls.server().writeAll("bye".getBytes(US_ASCII));
            assertThat(new String(tls.client().read(16), US_ASCII)).isEqualTo("bye");
        }
    }

    @Test
    void closeSendsCloseNotifyFirstSoThePeerSeesACleanEnd() throws Exception {
        var tls = TlsPair.connect(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()));
        tls.client().writeAll("last words".getBytes(US_ASCII));
        tls.client().close();
        tls.client().close();
        assertThat(new String(tls.server().read(64), US_ASCII)).isEqualTo("last words");
        assertThat(tls.server().read(ByteBuffer.allocate(8))).isEqualTo(-1);
        assertThatThrownBy(() -> tls.client().read(4)).isInstanceOf(TlsError.class).hasMessage("TLS stream is closed");
        tls.server().close();
    }

    @Test
    void plaintextClientIsNamedInTheServersHandshakeFailure() throws Exception {
        var pair = MemoryByteStreams.pair();
        pair.client().writeAll(java.nio.ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII)));
        assertThatThrownBy(() -> Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()).accept(pair.server()))
                .isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS server handshake failed: the client spoke plaintext, not TLS");
        pair.client().close();
    }

    @Test
    void closeNotifyThatCannotBeSentFailsInSifrsWords() throws Exception {
        var pair = MemoryByteStreams.pair();
        var outcome = TlsPair.handshake(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()), pair.client(), pair.server());
        pair.server().close(); // the peer is gone: the alert cannot be written
        assertThatThrownBy(() -> outcome.client().closeNotify()).isInstanceOf(TlsError.class)
                .hasMessage("failed to send TLS close_notify: connection reset by peer");
        outcome.client().close();
    }

    @Test
    void transportEndingWithoutCloseNotifyIsReportedAsTruncation() throws Exception {
        var pair = MemoryByteStreams.pair();
        var outcome = TlsPair.handshake(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()), pair.client(), pair.server());
        pair.client().close(); // the TCP-level close, no close_notify
        assertThatThrownBy(() -> outcome.server().read(16)).isInstanceOf(TlsError.class)
                .hasMessageContaining("without close_notify");
        outcome.server().close();
    }

    @Test
    void handshakeWithSilentPeerTimesOut() throws Exception {
        var pair = MemoryByteStreams.pair();
        TlsClientConfig client = Tls.clientConfigFromCaPem(ROOT.certPem()).toBuilder().handshakeTimeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> client.connect("localhost", pair.client()))
                .isInstanceOf(TimeoutError.class)
                .hasMessage("TLS client handshake timed out");
        // the transport was closed: the peer sees the ClientHello and then end of stream
        assertThat(pair.server().read(16)).isNotEmpty();
        pair.server().close();
    }

    @Test
    void handshakeTimeoutMustBeFinitePositiveAndAtMostOneDay() throws Exception {
        TlsClientConfig client = Tls.clientConfigFromCaPem(ROOT.certPem());
        assertThatThrownBy(() -> client.toBuilder().handshakeTimeout(Duration.ZERO).build())
                .hasMessage("TLS timeout must be finite and positive");
        assertThatThrownBy(() -> client.toBuilder().handshakeTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("TLS timeout must be finite and positive");
        assertThatThrownBy(() -> client.toBuilder().handshakeTimeout(Duration.ofSeconds(86_401)).build())
                .hasMessage("TLS timeout is too large");
        assertThat(client.toBuilder().handshakeTimeout(Duration.ofSeconds(86_400)).build().handshakeTimeout())
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void readSizesAreBounded() throws Exception {
        try (var tls = TlsPair.connect(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()))) {
            assertThatThrownBy(() -> tls.client().read(0)).hasMessage("TLS read size must be positive");
            assertThatThrownBy(() -> tls.client().read(1_048_577)).hasMessage("TLS read size exceeds 1048576 bytes");
        }
    }

    @Test
    void oneReaderAndOneWriterRunConcurrentlyInBothDirections() throws Exception {
        byte[] payload = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(5).nextBytes(payload);
        try (var tls = TlsPair.connect(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()))) {
            // the server echoes everything back while the client is still writing
            var echo = Concurrently.start(() -> {
                {
                    ByteBuffer buffer = ByteBuffer.allocate(8192);
                    while (tls.server().read(buffer.clear()) > 0) {
                        tls.server().writeAll(buffer.flip());
                    }
                    tls.server().closeNotify();
                }
            });
            var writer = Concurrently.start(() -> {
                {
                    for (int off = 0; off < payload.length; off += 100_000) {
                        tls.client().writeAll(ByteBuffer.wrap(payload, off, Math.min(100_000, payload.length - off)));
                    }
                    tls.client().closeNotify();
                }
            });
            ByteBuffer received = ByteBuffer.allocate(payload.length);
            var reader = Concurrently.start(() -> {
                {
                    while (received.hasRemaining()) {
                        int n = tls.client().read(
                                received.slice(received.position(), Math.min(received.remaining(), 50_000)));
                        if (n < 0) {
                            break;
                        }
                        received.position(received.position() + n);
                    }
                }
            });
            Concurrently.awaitAll(Duration.ofSeconds(20), writer, echo, reader);
            assertThat(received.position()).isEqualTo(payload.length);
            assertThat(received.array()).isEqualTo(payload);
            assertThat(tls.client().read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
    }

    @Test
    void splitHalvesReadAndWriteAndClosingBothClosesTheStream() throws Exception {
        var tls = TlsPair.connect(Tls.clientConfigFromCaPem(ROOT.certPem()), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()));
        TlsHalves halves = tls.client().split();
        assertThatThrownBy(() -> tls.client().split()).hasMessage("TLS stream is already split");
        halves.writer().writeAll("ping".getBytes(US_ASCII));
        assertThat(new String(tls.server().read(16), US_ASCII)).isEqualTo("ping");
        tls.server().writeAll("pong".getBytes(US_ASCII));
        assertThat(new String(halves.reader().read(16), US_ASCII)).isEqualTo("pong");
        halves.writer().close();
        assertThat(tls.server().read(16)).isEmpty();
        halves.reader().close();
        assertThatThrownBy(() -> tls.client().read(4)).hasMessage("TLS stream is closed");
        tls.server().close();
    }

    @Test
    void dnsNamesAreSentAsSniButIpAddressesAreNot() throws Exception {
        TlsServerConfig server = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        try (var byName = TlsPair.connect(Tls.clientConfigFromCaPem(ROOT.certPem()), "LocalHost.", server)) {
            assertThat(byName.server().serverName()).contains("localhost");
            assertThat(byName.client().serverName()).contains("localhost");
        }
        try (var byAddress = TlsPair.connect(Tls.clientConfigFromCaPem(ROOT.certPem()), "127.0.0.1", server)) {
            assertThat(byAddress.server().serverName()).isEmpty();
            assertThat(byAddress.client().peerCertificates().get(0)).isEqualTo(SERVER.certificate());
        }
    }

    @Test
    void serverNameMustNotBeEmpty() throws Exception {
        var pair = MemoryByteStreams.pair();
        TlsClientConfig client = Tls.clientConfigFromCaPem(ROOT.certPem());
        assertThatThrownBy(() -> client.connect("", pair.client())).hasMessage("TLS server name must not be empty");
        pair.close();
    }

    @Test
    void alpnWithoutOverlapFailsTheHandshake() throws Exception {
        var outcome = TlsPair.handshake(Tls.clientConfigFromCaPem(ROOT.certPem(), List.of("h2")), "localhost",
                Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem(), List.of("http/1.1")));
        assertThat(outcome.serverError()).hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining("ALPN");
        assertThat(outcome.clientError()).hasMessageStartingWith("TLS client handshake failed: ");
    }
}
