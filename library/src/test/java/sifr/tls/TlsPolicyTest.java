package sifr.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.testing.MemoryByteStreams;
import sifr.testing.TestPki;
import sifr.tls.internal.TlsPolicy;

/** Sifr's TLS policy against JSSE peers configured the ways Sifr never is. */
@Timeout(30)
class TlsPolicyTest {
    private static final TestPki.Cert ROOT = TestPki.root("Policy Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost"));
    private static final TestPki.Cert RSA_SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost")
            .key(TestPki.KeyType.RSA));
    private static final List<String> TLS12 = List.of("TLSv1.2");
    /** Peers block on I/O: each gets a virtual thread, never a common-pool worker. */
    private static final java.util.concurrent.Executor VIRTUAL = task -> Thread.ofVirtual().start(task);
    private static final List<String> CBC_ONLY = List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384");

    @Test
    void clientNegotiatesTls12WithAPeerThatOnlySpeaksTls12() throws Exception {
        var pair = MemoryByteStreams.pair();
        var peer = CompletableFuture.supplyAsync(() -> handshakeQuietly(() ->
                JdkPeer.handshake(JdkPeer.serverEngine(SERVER, TLS12, null), pair.server())), VIRTUAL);
        TlsStream client = Tls.clientConfigFromCaPem(ROOT.certPem()).connect("localhost", pair.client());
        TlsStream server = (TlsStream) peer.get(20, TimeUnit.SECONDS);
        assertThat(client.protocolVersion()).isEqualTo("TLSv1.2");
        assertThat(client.cipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_").contains("GCM");
        client.writeAll("ping".getBytes(US_ASCII));
        assertThat(new String(server.read(16), US_ASCII)).isEqualTo("ping");
        server.writeAll("pong".getBytes(US_ASCII));
        assertThat(new String(client.read(16), US_ASCII)).isEqualTo("pong");
        client.close();
        assertThat(server.read(16)).isEmpty();
        server.close();
    }

    @Test
    void serverNegotiatesTls12WithRsaForAClientThatOnlySpeaksTls12() throws Exception {
        var pair = MemoryByteStreams.pair();
        var peer = CompletableFuture.supplyAsync(() -> handshakeQuietly(() ->
                JdkPeer.handshake(JdkPeer.clientEngine(ROOT, "localhost", TLS12, null), pair.client())), VIRTUAL);
        TlsStream server = Tls.serverConfig(RSA_SERVER.chainPem(), RSA_SERVER.keyPem()).accept(pair.server());
        TlsStream client = (TlsStream) peer.get(20, TimeUnit.SECONDS);
        assertThat(server.protocolVersion()).isEqualTo("TLSv1.2");
        assertThat(server.cipherSuite()).startsWith("TLS_ECDHE_RSA_WITH_");
        client.writeAll("ping".getBytes(US_ASCII));
        assertThat(new String(server.read(16), US_ASCII)).isEqualTo("ping");
        client.close();
        server.close();
    }

    @Test
    void clientRefusesAServerOfferingOnlyCbcSuites() throws Exception {
        var pair = MemoryByteStreams.pair();
        var peer = CompletableFuture.supplyAsync(() -> handshakeQuietly(() ->
                JdkPeer.handshake(JdkPeer.serverEngine(SERVER, TLS12, CBC_ONLY), pair.server())), VIRTUAL);
        assertThatThrownBy(() -> Tls.clientConfigFromCaPem(ROOT.certPem()).connect("localhost", pair.client()))
                .isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS client handshake failed: ");
        assertThat(peer.get(20, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
    }

    @Test
    void serverRefusesAClientOfferingOnlyCbcSuites() throws Exception {
        var pair = MemoryByteStreams.pair();
        var peer = CompletableFuture.supplyAsync(() -> handshakeQuietly(() ->
                JdkPeer.handshake(JdkPeer.clientEngine(ROOT, "localhost", TLS12, CBC_ONLY), pair.client())), VIRTUAL);
        assertThatThrownBy(() -> Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()).accept(pair.server()))
                .isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining("cipher suite");
        assertThat(peer.get(20, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
    }

    @Test
    void clientRefusesRenegotiationStartedByATls12Server() throws Exception {
        var pair = MemoryByteStreams.pair();
        var peer = CompletableFuture.supplyAsync(() -> handshakeQuietly(() ->
                JdkPeer.handshake(JdkPeer.serverEngine(SERVER, TLS12, null), pair.server())), VIRTUAL);
        TlsStream client = Tls.clientConfigFromCaPem(ROOT.certPem()).connect("localhost", pair.client());
        TlsStream server = (TlsStream) peer.get(20, TimeUnit.SECONDS);
        // The peer asks for a new handshake (a HelloRequest goes out with its next write).
        var renegotiation = Concurrently.start(() -> {
            peerEngine(server).beginHandshake();
            server.writeAll("after".getBytes(US_ASCII));
            server.read(16);
        });
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                client.read(16);
            }
        }).isInstanceOf(TlsError.class).hasMessageContaining("renegotiation is not supported");
        try {
            renegotiation.get(10, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // the peer sees the connection closed
        }
        server.close();
    }

    @Test
    void policyListsOnlyAeadSuitesWithForwardSecrecy() {
        assertThat(TlsPolicy.PROTOCOLS).containsExactly("TLSv1.3", "TLSv1.2");
        for (String suite : TlsPolicy.CIPHER_SUITES) {
            assertThat(suite).matches("TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256"
                    + "|ECDHE_(ECDSA|RSA)_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256))");
        }
    }

    @Test
    void policyOffersExactlyRustlsGroupsAndSignatureSchemesInBothRoles() throws Exception {
        var context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, null, null);
        for (boolean client : new boolean[] {true, false}) {
            var engine = context.createSSLEngine("localhost", 443);
            TlsPolicy.apply(engine, client, List.of(), client ? "localhost" : null, !client);
            var parameters = engine.getSSLParameters();
            assertThat(parameters.getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(parameters.getNamedGroups()).containsExactly("x25519", "secp256r1", "secp384r1");
            assertThat(parameters.getSignatureSchemes()).containsExactlyInAnyOrder(
                    "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ed25519",
                    "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
                    "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
                    "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512");
            assertThat(parameters.getNeedClientAuth()).isEqualTo(!client);
        }
    }

    @Test
    void clientRefusesAJsseServerThatOnlyHasFiniteFieldGroups() throws Exception {
        var pair = MemoryByteStreams.pair();
        var peer = CompletableFuture.supplyAsync(() -> handshakeQuietly(() -> {
            var engine = JdkPeer.serverEngine(SERVER, List.of("TLSv1.3"), null);
            var parameters = engine.getSSLParameters();
            parameters.setNamedGroups(new String[] {"ffdhe2048", "ffdhe3072"});
            engine.setSSLParameters(parameters);
            return JdkPeer.handshake(engine, pair.server());
        }), VIRTUAL);
        assertThatThrownBy(() -> Tls.clientConfigFromCaPem(ROOT.certPem()).connect("localhost", pair.client()))
                .isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS client handshake failed: ");
        assertThat(peer.get(20, TimeUnit.SECONDS)).isInstanceOf(TlsError.class)
                .asString().contains("No common named group");
    }

    @Test
    void serverRefusesAJsseClientThatOnlyOffersSecp521r1() throws Exception {
        var pair = MemoryByteStreams.pair();
        var peer = CompletableFuture.supplyAsync(() -> handshakeQuietly(() -> {
            var engine = JdkPeer.clientEngine(ROOT, "localhost", List.of("TLSv1.3"), null);
            var parameters = engine.getSSLParameters();
            parameters.setNamedGroups(new String[] {"secp521r1"});
            engine.setSSLParameters(parameters);
            return JdkPeer.handshake(engine, pair.client());
        }), VIRTUAL);
        assertThatThrownBy(() -> Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem()).accept(pair.server()))
                .isInstanceOf(TlsError.class)
                .hasMessageStartingWith("TLS server handshake failed: ")
                .hasMessageContaining("no key exchange group in common with the peer; Sifr allows only x25519,"
                        + " secp256r1, secp384r1");
        assertThat(peer.get(20, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
    }

    private static javax.net.ssl.SSLEngine peerEngine(TlsStream stream) throws Exception {
        var field = TlsStream.class.getDeclaredField("connection");
        field.setAccessible(true);
        return ((sifr.tls.internal.TlsConnection) field.get(stream)).engine();
    }

    interface Handshake {
        TlsStream run() throws Exception;
    }

    private static Object handshakeQuietly(Handshake handshake) {
        try {
            return handshake.run();
        } catch (Exception e) {
            return e;
        }
    }
}
