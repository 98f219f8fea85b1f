package sifr.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.net.TcpListener;
import sifr.net.PinningRecorder;
import sifr.testing.PeerProcess;
import sifr.task.Task;
import sifr.testing.TestPki;

/**
 * Interop with OpenSSL's own client and server ({@code openssl s_server}, {@code openssl s_client},
 * Debian package {@code openssl}), started on free loopback ports, over real TCP.
 */
@Timeout(60)
@ExtendWith(PinningRecorder.class)
class TlsOpensslInteropTest {
    private static final Duration START = Duration.ofSeconds(15);
    private static final TestPki.Cert ROOT = TestPki.root("OpenSSL Interop Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));
    /** Debian's OpenSSL refuses TLS 1.0/1.1 and SHA-1 at its default security level; level 0 lets it offer them. */
    private static final String LEGACY = "DEFAULT:@SECLEVEL=0";

    @TempDir
    static Path dir;
    static Path openssl;

    @BeforeAll
    static void writeFiles() throws Exception {
        openssl = PeerProcess.requireBinary("openssl", "openssl");
        Files.write(dir.resolve("root.pem"), ROOT.certPem());
        Files.write(dir.resolve("server.pem"), SERVER.chainPem());
        Files.write(dir.resolve("server-key.pem"), SERVER.keyPem());
    }

    private static PeerProcess sServer(int port, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_server",
                "-accept", "127.0.0.1:" + port, "-cert", "server.pem", "-key", "server-key.pem", "-www", "-naccept", "1"));
        command.addAll(List.of(options));
        PeerProcess peer = PeerProcess.start(dir, command);
        peer.awaitOutput("ACCEPT", START);
        return peer;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void clientFetchesFromOpensslServerWithAlpn(String version) throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess peer = sServer(port, version, "-alpn", "h2,http/1.1")) {
            TlsClientConfig config = Tls.clientConfigFromCaPem(ROOT.certPem(), List.of("h2", "http/1.1"));
            try (TlsStream tls = config.connect("localhost", Net.connectTcp("127.0.0.1", port))) {
                assertThat(tls.protocolVersion()).isEqualTo(version.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2");
                assertThat(tls.alpnProtocol()).contains("h2");
                tls.writeAll("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(US_ASCII));
                String response = readAll(tls);
                assertThat(response).startsWith("HTTP/1.0 200 ok");
                assertThat(response).contains(tls.protocolVersion());
            }
        }
    }

    @Test
    void clientVerifiesOpensslServerByIpAddress() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess peer = sServer(port)) {
            try (TlsStream tls = Tls.clientConfigFromCaPem(ROOT.certPem())
                    .connect("127.0.0.1", Net.connectTcp("127.0.0.1", port))) {
                tls.writeAll("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(US_ASCII));
                assertThat(readAll(tls)).startsWith("HTTP/1.0 200 ok");
            }
        }
    }

    @Test
    void clientRefusesOpensslServerSpeakingOnlyTls11() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess peer = sServer(port, "-tls1_1", "-cipher", LEGACY)) {
            assertThatThrownBy(() -> Tls.clientConfigFromCaPem(ROOT.certPem())
                    .connect("localhost", Net.connectTcp("127.0.0.1", port)))
                    .isInstanceOf(TlsError.class)
                    .hasMessageStartingWith("TLS client handshake failed: ");
        }
    }

    @Test
    void clientRefusesOpensslServerOfferingOnlyCbcSuites() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess peer = sServer(port, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA")) {
            assertThatThrownBy(() -> Tls.clientConfigFromCaPem(ROOT.certPem())
                    .connect("localhost", Net.connectTcp("127.0.0.1", port)))
                    .isInstanceOf(TlsError.class)
                    .hasMessageStartingWith("TLS client handshake failed: ");
        }
    }

    /** Starts {@code openssl s_client} against a Sifr server on a fresh port; returns the client's output. */
    private static String sClientAgainstSifr(TlsServerConfig config, ServerAction action, String... options)
            throws Exception {
        return sClientAgainstSifr(config, true, action, options);
    }

    /** {@code ignoreEof} false keeps s_client's command letters ("R" renegotiates) working. */
    private static String sClientAgainstSifr(TlsServerConfig config, boolean ignoreEof, ServerAction action,
            String... options) throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            int port = listener.localAddr().port();
            List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_client",
                    "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-CAfile", "root.pem",
                    "-verify_return_error"));
            if (ignoreEof) {
                command.add("-ign_eof");
            }
            command.addAll(List.of(options));
            try (PeerProcess peer = PeerProcess.start(dir, command)) {
                // Bounded: an s_client that refuses its own options exits without connecting.
                ByteStream accepted = Task.timeout(START, listener::accept);
                Exception failure = null;
                try {
                    action.run(config.accept(accepted), peer);
                } catch (Exception e) {
                    failure = e;
                }
                peer.stdin().close();
                peer.awaitExit(START);
                if (failure != null) {
                    throw failure;
                }
                return peer.output();
            }
        }
    }

    interface ServerAction {
        void run(TlsStream tls, PeerProcess peer) throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void opensslClientTalksToSifrServerWithAlpn(String version) throws Exception {
        TlsServerConfig config = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem(), List.of("h2", "http/1.1"));
        String output = sClientAgainstSifr(config, (tls, peer) -> {
            assertThat(tls.alpnProtocol()).contains("h2");
            assertThat(tls.serverName()).contains("localhost");
            peer.stdin().write("ping\n".getBytes(US_ASCII));
            peer.stdin().flush();
            assertThat(new String(tls.read(16), US_ASCII)).isEqualTo("ping\n");
            tls.writeAll("pong\n".getBytes(US_ASCII));
            tls.close();
        }, version, "-alpn", "h2,http/1.1");
        assertThat(output).contains("Verify return code: 0 (ok)");
        assertThat(output).contains("ALPN protocol: h2");
        assertThat(output).contains(version.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2");
        assertThat(output).contains("pong");
    }

    @Test
    void mutualTlsWithOpensslClientCertificate() throws Exception {
        TestPki.Cert client = ROOT.issue(TestPki.spec("openssl-client").clientAuthOnly());
        Files.write(dir.resolve("client.pem"), client.chainPem());
        Files.write(dir.resolve("client-key.pem"), client.traditionalKeyPem());
        TlsServerConfig config = Tls.serverConfigRequireClientAuth(SERVER.chainPem(), SERVER.keyPem(), ROOT.certPem());
        String output = sClientAgainstSifr(config, (tls, peer) -> {
            assertThat(tls.peerCertificates().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=openssl-client");
            tls.writeAll("hello client\n".getBytes(US_ASCII));
            tls.close();
        }, "-cert", "client.pem", "-key", "client-key.pem");
        assertThat(output).contains("hello client");
    }

    @Test
    void serverRefusesOpensslClientOfferingOnlyTls11() throws Exception {
        TlsServerConfig config = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        assertThatThrownBy(() -> sClientAgainstSifr(config, (tls, peer) -> { }, "-tls1_1", "-cipher", LEGACY))
                .isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining("TLS 1.3 and TLS 1.2 only");
    }

    @Test
    void serverRefusesOpensslClientOfferingOnlyTls10() throws Exception {
        TlsServerConfig config = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        assertThatThrownBy(() -> sClientAgainstSifr(config, (tls, peer) -> { }, "-tls1", "-cipher", LEGACY))
                .isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS server handshake failed: ");
    }

    @Test
    void serverRefusesOpensslClientOfferingOnlyCbcSuites() throws Exception {
        TlsServerConfig config = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        assertThatThrownBy(() -> sClientAgainstSifr(config, (tls, peer) -> { }, "-tls1_2",
                "-cipher", "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA"))
                .isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining("cipher suite");
    }

    @Test
    void serverRefusesRenegotiationRequestedByOpensslClient() throws Exception {
        TlsServerConfig config = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        sClientAgainstSifr(config, false, (tls, peer) -> {
            // s_client's interactive "R" line starts a TLS 1.2 renegotiation
            peer.stdin().write("R\n".getBytes(US_ASCII));
            peer.stdin().flush();
            assertThatThrownBy(() -> tls.read(16)).isInstanceOf(TlsError.class)
                    .hasMessageContaining("renegotiation is not supported");
        }, "-tls1_2");
    }

    @Test
    void serverAnswersATls13KeyUpdateRequestedByOpensslClientAndKeepsTalking() throws Exception {
        TlsServerConfig config = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        String output = sClientAgainstSifr(config, false, (tls, peer) -> {
            // s_client's "K" line sends a KeyUpdate with update_requested: we must answer with our own
            peer.stdin().write("K\n".getBytes(US_ASCII));
            peer.stdin().flush();
            peer.awaitOutput("KEYUPDATE", START);
            peer.stdin().write("ping\n".getBytes(US_ASCII));
            peer.stdin().flush();
            assertThat(new String(tls.read(16), US_ASCII)).isEqualTo("ping\n");
            tls.writeAll("pong after key update\n".getBytes(US_ASCII));
            assertThat(tls.protocolVersion()).isEqualTo("TLSv1.3");
            tls.close();
        }, "-tls1_3");
        assertThat(output).contains("pong after key update");
    }

    // ---------------------------------------------------------------- peers offering only what the policy refuses

    /**
     * Session resumption (RFC 8446 §2.2 tickets, RFC 5246 session ids): one client config keeps the
     * sessions, so a second connection to the same server resumes; s_server's page says "Reused".
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void clientResumesItsSessionWithOpensslServer(String version) throws Exception {
        int port = PeerProcess.freePort();
        String tlsVersion = version.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2";
        try (PeerProcess peer = sServer(port, version, "-naccept", "2")) {
            TlsClientConfig config = Tls.clientConfigFromCaPem(ROOT.certPem());
            List<String> pages = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                try (TlsStream tls = config.connect("localhost", Net.connectTcp("127.0.0.1", port))) {
                    tls.writeAll("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(US_ASCII));
                    pages.add(readAll(tls));
                }
            }
            assertThat(pages.get(0)).contains("New, " + tlsVersion);
            assertThat(pages.get(1)).contains("Reused, " + tlsVersion);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void serverResumesASessionOpensslClientSaved(String version) throws Exception {
        TlsServerConfig config = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        ServerAction answer = (tls, peer) -> {
            tls.writeAll("hello\n".getBytes(US_ASCII));
            tls.close();
        };
        String first = sClientAgainstSifr(config, answer, version, "-sess_out", "session.pem");
        String second = sClientAgainstSifr(config, answer, version, "-sess_in", "session.pem");
        String tlsVersion = version.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2";
        assertThat(first).contains("New, " + tlsVersion);
        assertThat(second).contains("Reused, " + tlsVersion).contains("hello");
    }

    /** s_server with its own certificate and key files (written to the temp dir) and {@code options}. */
    private static PeerProcess sServerWith(TestPki.Cert identity, String name, int port, String... options)
            throws Exception {
        Files.write(dir.resolve(name + ".pem"), identity.chainPem());
        Files.write(dir.resolve(name + "-key.pem"), identity.keyPem());
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", name + ".pem", "-key", name + "-key.pem", "-www", "-naccept", "1"));
        command.addAll(List.of(options));
        PeerProcess peer = PeerProcess.start(dir, command);
        peer.awaitOutput("ACCEPT", START);
        return peer;
    }

    private static void assertClientRefuses(PeerProcess peer, int port, String reason) {
        assertThatThrownBy(() -> Tls.clientConfigFromCaPem(ROOT.certPem())
                .connect("localhost", Net.connectTcp("127.0.0.1", port)))
                .as("openssl said:%n%s", peer.output())
                .isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS client handshake failed: ")
                .hasMessageContaining(reason);
    }

    /** What the Sifr client offers has no group in common with these: the server can only give up. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffdhe2048", "ffdhe3072:ffdhe4096", "secp521r1", "x448"})
    void clientRefusesOpensslServerWithOnlyGroupsThePolicyRefuses(String groups) throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess peer = sServer(port, "-groups", groups)) {
            assertClientRefuses(peer, port, "key exchange group or signature scheme in common");
        }
    }

    @Test
    void clientRefusesOpensslServerWhoseKeyCanOnlySignWithP521() throws Exception {
        TestPki.Cert p521 = ROOT.issue(TestPki.spec("localhost").dns("localhost").key(TestPki.KeyType.EC_P521));
        int port = PeerProcess.freePort();
        try (PeerProcess peer = sServerWith(p521, "p521", port, "-sigalgs", "ecdsa_secp521r1_sha512")) {
            assertClientRefuses(peer, port, "key exchange group or signature scheme in common");
        }
    }

    @Test
    void clientRefusesOpensslServerWhoseKeyCanOnlySignWithEd448() throws Exception {
        TestPki.Cert ed448 = ROOT.issue(TestPki.spec("localhost").dns("localhost").key(TestPki.KeyType.ED448));
        int port = PeerProcess.freePort();
        try (PeerProcess peer = sServerWith(ed448, "ed448", port, "-sigalgs", "ed448")) {
            assertClientRefuses(peer, port, "key exchange group or signature scheme in common");
        }
    }

    @Test
    void clientRefusesOpensslServerSigningOnlyWithRsaPkcs1Sha1() throws Exception {
        TestPki.Cert rsa = ROOT.issue(TestPki.spec("localhost").dns("localhost").key(TestPki.KeyType.RSA));
        int port = PeerProcess.freePort();
        try (PeerProcess peer = sServerWith(rsa, "rsa", port, "-tls1_2", "-sigalgs", "rsa_pkcs1_sha1",
                "-cipher", LEGACY)) {
            assertClientRefuses(peer, port, "key exchange group or signature scheme in common");
        }
    }

    @Test
    void clientRefusesOpensslServerWithAnRsaKeyOf1024Bits() throws Exception {
        TestPki.Cert weak = ROOT.issue(TestPki.spec("localhost").dns("localhost").key(TestPki.KeyType.RSA_1024));
        int port = PeerProcess.freePort();
        try (PeerProcess peer = sServerWith(weak, "weak", port, "-cipher", LEGACY)) {
            assertThatThrownBy(() -> Tls.clientConfigFromCaPem(ROOT.certPem())
                    .connect("localhost", Net.connectTcp("127.0.0.1", port)))
                    .as("openssl said:%n%s", peer.output())
                    .isInstanceOf(CertificateError.class)
                    .hasMessageContaining("certificate \"CN=localhost\": its RSA key of 1024 bits is below the minimum"
                            + " of 2048");
        }
    }

    /** s_client offering only what the policy refuses, against a Sifr server; the server's error. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "-groups ffdhe2048",
        "-groups ffdhe3072:ffdhe4096:ffdhe8192",
        "-groups secp521r1",
        // (TLS 1.2 with only FFDHE groups is not here: OpenSSL then sends no supported_groups at all, and
        // the JDK answers with ECDHE over secp256r1, which the client refuses with illegal_parameter.)
        "-tls1_2 -groups secp521r1"})
    void serverRefusesOpensslClientOfferingOnlyGroupsThePolicyRefuses(String options) throws Exception {
        TlsServerConfig config = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        assertThatThrownBy(() -> sClientAgainstSifr(config, (tls, peer) -> { }, options.split(" ")))
                .isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining("key exchange group in common");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "-sigalgs ecdsa_secp521r1_sha512",
        "-tls1_2 -sigalgs ecdsa_secp521r1_sha512",
        "-sigalgs ed448",
        "-tls1_2 -sigalgs ed448",
        "-tls1_2 -sigalgs ECDSA+SHA1 -cipher DEFAULT:@SECLEVEL=0"})
    void serverRefusesOpensslClientOfferingOnlySignatureSchemesThePolicyRefuses(String options) throws Exception {
        TlsServerConfig config = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        assertThatThrownBy(() -> sClientAgainstSifr(config, (tls, peer) -> { }, options.split(" ")))
                .isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining("no signature scheme in common");
    }

    @Test
    void serverRefusesOpensslClientCertificateWithAnRsaKeyOf1024Bits() throws Exception {
        TestPki.Cert weak = ROOT.issue(TestPki.spec("weak-openssl-client").clientAuthOnly().key(TestPki.KeyType.RSA_1024));
        Files.write(dir.resolve("weak-client.pem"), weak.chainPem());
        Files.write(dir.resolve("weak-client-key.pem"), weak.keyPem());
        TlsServerConfig config = Tls.serverConfigRequireClientAuth(SERVER.chainPem(), SERVER.keyPem(), ROOT.certPem());
        assertThatThrownBy(() -> sClientAgainstSifr(config, (tls, peer) -> { }, "-cert", "weak-client.pem",
                "-key", "weak-client-key.pem", "-cipher", LEGACY))
                .isInstanceOf(CertificateError.class)
                .hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining("certificate \"CN=weak-openssl-client\": its RSA key of 1024 bits is below the"
                        + " minimum of 2048");
    }

    private static String readAll(TlsStream tls) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            byte[] chunk;
            try {
                chunk = tls.read(8192);
            } catch (TlsError truncated) {
                break; // s_server -www may close without close_notify after its page
            }
            if (chunk.length == 0) {
                break;
            }
            out.writeBytes(chunk);
        }
        return out.toString(US_ASCII);
    }
}
