package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.internal.entry.EngineConfigs;
import sifr.http.internal.h1.H1Limits;
import sifr.http.internal.h2.Http2Config;
import sifr.net.OptionError;
import sifr.net.SocketAddr;
import sifr.net.TcpConnectOptions;
import sifr.net.TcpListenOptions;
import sifr.testing.TestPki;
import sifr.tls.Tls;
import sifr.tls.TlsClientConfig;
import sifr.tls.TlsServerConfig;

/**
 * The one options idiom (docs/ARCHITECTURE.md "Options style"): every options type is a record with
 * {@code builder()}, {@code defaults()} and {@code toBuilder()}; validation in the compact constructor
 * with an {@link OptionError} naming the field; the documented defaults are the ones the engines use.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OptionsRecordsTest {
    private static final TestPki.Cert ROOT = TestPki.root("Options Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost"));

    @Test
    void toBuilderBuildGivesAnEqualRecordForDefaultsAndChangedValues() throws Exception {
        TlsServerConfig tls = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        HttpServerOptions server = HttpServerOptions.builder().tls(tls).maxConnections(7)
                .idleTimeout(Duration.ofSeconds(3)).headerReadTimeout(Duration.ofSeconds(4))
                .bodyReadTimeout(Duration.ofSeconds(5)).writeTimeout(Duration.ofSeconds(6))
                .shutdownGracePeriod(Duration.ZERO).maxRequestBodyBytes(1000).maxHeaderSectionBytes(2000)
                .http1(Http1Limits.builder().maxStartLineBytes(100).maxHeaderFields(10).maxChunkLineBytes(50).build())
                .http2(Http2Limits.builder().maxConcurrentStreams(3).initialWindowSize(70_000)
                        .connectionWindowSize(80_000).maxFrameSize(20_000).headerTableSize(0).build())
                .serveH2(false).serveH2cPriorKnowledge(false).serveH2cUpgrade(false).serveH2WebSocket(false).build();
        HttpClientOptions client = HttpClientOptions.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem()))
                .connectTimeout(Duration.ofSeconds(2)).maxResponseBodyBytes(10).maxHeaderSectionBytes(20)
                .http1(Http1Limits.defaults()).http2(Http2Limits.clientDefaults()).offerH2(false)
                .h2cPriorKnowledge(true).build();
        TcpConnectOptions connect = TcpConnectOptions.builder().timeout(Duration.ofSeconds(1))
                .localAddr(SocketAddr.of(new java.net.InetSocketAddress("127.0.0.1", 0))).noDelay(false).build();
        TcpListenOptions listen = TcpListenOptions.builder().backlog(5).reuseAddr(false).reusePort(true).build();
        List<Object> records = List.of(server, client, connect, listen, server.http1(), server.http2(),
                HttpServerOptions.defaults(), HttpClientOptions.defaults(), TcpConnectOptions.defaults(),
                TcpListenOptions.defaults(), Http1Limits.defaults(), Http2Limits.serverDefaults(),
                Http2Limits.clientDefaults());
        for (Object r : records) {
            Object rebuilt = switch (r) {
                case HttpServerOptions o -> o.toBuilder().build();
                case HttpClientOptions o -> o.toBuilder().build();
                case TcpConnectOptions o -> o.toBuilder().build();
                case TcpListenOptions o -> o.toBuilder().build();
                case Http1Limits o -> o.toBuilder().build();
                case Http2Limits o -> o.toBuilder().build();
                default -> throw new AssertionError(r);
            };
            assertThat(rebuilt).as("%s", r.getClass().getSimpleName()).isEqualTo(r);
        }
        assertThat(server.serveHttp1()).isTrue();
        assertThat(server.http2().maxFrameSize()).isEqualTo(20_000);
        assertThat(client.h2cPriorKnowledge()).isTrue();
    }

    @Test
    void tlsConfigTunablesGoThroughToBuilderAndKeepTheKeyMaterial() throws Exception {
        TlsClientConfig client = Tls.clientConfigFromCaPem(ROOT.certPem());
        assertThat(client.toBuilder().build()).isEqualTo(client);
        TlsClientConfig h2 = client.toBuilder().alpnProtocols(List.of("h2")).handshakeTimeout(Duration.ofSeconds(3))
                .build();
        assertThat(h2.alpnProtocols()).containsExactly("h2");
        assertThat(h2.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(h2).isNotEqualTo(client);
        assertThat(h2.toBuilder().alpnProtocols(List.of()).handshakeTimeout(Tls.DEFAULT_HANDSHAKE_TIMEOUT).build())
                .isEqualTo(client); // same context: the same trust and session cache
        TlsServerConfig server = Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem());
        assertThat(server.toBuilder().build()).isEqualTo(server);
        assertThat(server.toBuilder().alpnProtocols(List.of("h2", "http/1.1")).build().alpnProtocols())
                .containsExactly("h2", "http/1.1");
        assertThatThrownBy(() -> server.toBuilder().handshakeTimeout(Duration.ZERO).build())
                .isInstanceOfSatisfying(OptionError.class,
                        e -> assertThat(e.option()).isEqualTo("TlsServerConfig.handshakeTimeout"))
                .hasMessage("TLS timeout must be finite and positive");
        assertThatThrownBy(() -> client.toBuilder().alpnProtocols(List.of("")).build())
                .isInstanceOfSatisfying(OptionError.class,
                        e -> assertThat(e.option()).isEqualTo("TlsClientConfig.alpnProtocols"));
    }

    @Test
    void documentedDefaultsAreTheValuesTheRecordsHold() {
        HttpServerOptions s = HttpServerOptions.defaults();
        assertThat(s).isEqualTo(new HttpServerOptions(Optional.empty(), 10_000, Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(10),
                64L << 20, 64 << 10, Http1Limits.defaults(), Http2Limits.serverDefaults(), true, true, true, true, true,
                Optional.empty()));
        assertThat(HttpServerOptions.builder().build()).isEqualTo(s);
        assertThat(HttpClientOptions.defaults()).isEqualTo(new HttpClientOptions(Optional.empty(),
                Duration.ofSeconds(30), 64L << 20, 256 << 10, Http1Limits.defaults(), Http2Limits.clientDefaults(),
                true, false));
        assertThat(Http1Limits.defaults()).isEqualTo(new Http1Limits(8 << 10, 100, 4 << 10));
        assertThat(Http2Limits.serverDefaults()).isEqualTo(new Http2Limits(128, 256 << 10, 1 << 20, 16_384, 4096));
        assertThat(Http2Limits.clientDefaults()).isEqualTo(new Http2Limits(100, 1 << 20, 8 << 20, 16_384, 4096));
        assertThat(Http2Limits.defaults()).isEqualTo(Http2Limits.serverDefaults());
        assertThat(Http2Limits.builder().build()).isEqualTo(Http2Limits.serverDefaults());
        assertThat(TcpConnectOptions.defaults()).isEqualTo(new TcpConnectOptions(Optional.empty(), Optional.empty(), true));
        assertThat(TcpListenOptions.defaults()).isEqualTo(new TcpListenOptions(1024, Optional.empty(), false));
    }

    @Test
    void defaultOptionsMapOntoTheEnginesOwnDefaults() {
        // the documented defaults are the ones used: mapping the default options changes nothing in the engines
        assertThat(EngineConfigs.http1(HttpServerOptions.defaults())).isEqualTo(H1Limits.DEFAULT);
        // but two: the server's zero-window stall bound is its writeTimeout (60 s), the bare engine's 30 s; and
        // the server announces RFC 8441 extended CONNECT (serveH2WebSocket), which the bare engine does not
        assertThat(EngineConfigs.server(HttpServerOptions.defaults())).isEqualTo(Http2Config.SERVER_DEFAULT.withFloodLimits(
                Http2Config.SERVER_DEFAULT.floodLimits().withZeroWindowTimeout(Duration.ofSeconds(60)))
                .withEnableConnectProtocol(true));
        assertThat(EngineConfigs.client(HttpClientOptions.defaults())).isEqualTo(Http2Config.CLIENT_DEFAULT);
    }

    @Test
    void theHeaderSectionLimitReachesBothProtocolsOnBothSides() {
        HttpServerOptions server = HttpServerOptions.builder().maxHeaderSectionBytes(3000).build();
        assertThat(EngineConfigs.http1(server).maxHeaderSectionBytes()).isEqualTo(3000);
        assertThat(EngineConfigs.server(server).maxHeaderListSize()).isEqualTo(3000);
        HttpClientOptions client = HttpClientOptions.builder().maxHeaderSectionBytes(4000).build();
        assertThat(EngineConfigs.http1(client).maxHeaderSectionBytes()).isEqualTo(4000);
        assertThat(EngineConfigs.client(client).maxHeaderListSize()).isEqualTo(4000);
        // Http2Configs.client used to drop this one
        HttpClientOptions streams = HttpClientOptions.builder()
                .http2(Http2Limits.clientDefaults().toBuilder().maxConcurrentStreams(7).build()).build();
        assertThat(EngineConfigs.client(streams).maxConcurrentStreams()).isEqualTo(7);
    }

    @Test
    void eachOutOfRangeValueFailsWithAnOptionErrorNamingItsField() {
        record Case(String option, Supplier<Object> build) { }
        List<Case> cases = List.of(
                new Case("HttpServerOptions.maxConnections", () -> HttpServerOptions.builder().maxConnections(0).build()),
                new Case("HttpServerOptions.idleTimeout", () -> HttpServerOptions.builder().idleTimeout(Duration.ZERO).build()),
                new Case("HttpServerOptions.headerReadTimeout",
                        () -> HttpServerOptions.builder().headerReadTimeout(Duration.ofSeconds(-1)).build()),
                new Case("HttpServerOptions.bodyReadTimeout", () -> HttpServerOptions.builder().bodyReadTimeout(null).build()),
                new Case("HttpServerOptions.writeTimeout",
                        () -> HttpServerOptions.builder().writeTimeout(Duration.ofDays(2)).build()),
                new Case("HttpServerOptions.shutdownGracePeriod",
                        () -> HttpServerOptions.builder().shutdownGracePeriod(Duration.ofSeconds(-1)).build()),
                new Case("HttpServerOptions.maxRequestBodyBytes", () -> HttpServerOptions.builder().maxRequestBodyBytes(0).build()),
                new Case("HttpServerOptions.maxHeaderSectionBytes",
                        () -> HttpServerOptions.builder().maxHeaderSectionBytes(0).build()),
                new Case("HttpServerOptions.maxHeaderSectionBytes",
                        () -> HttpServerOptions.builder().maxHeaderSectionBytes((1 << 20) + 1).build()),
                new Case("HttpServerOptions.http1", () -> HttpServerOptions.builder().http1(null).build()),
                new Case("HttpServerOptions.http2", () -> HttpServerOptions.builder().http2(null).build()),
                new Case("HttpServerOptions.serveHttp1",
                        () -> HttpServerOptions.builder().serveHttp1(false).serveH2cPriorKnowledge(false).build()),
                new Case("HttpClientOptions.connectTimeout", () -> HttpClientOptions.builder().connectTimeout(Duration.ZERO).build()),
                new Case("HttpClientOptions.maxResponseBodyBytes",
                        () -> HttpClientOptions.builder().maxResponseBodyBytes(-1).build()),
                new Case("HttpClientOptions.maxHeaderSectionBytes",
                        () -> HttpClientOptions.builder().maxHeaderSectionBytes(0).build()),
                new Case("HttpClientOptions.tls", () -> HttpClientOptions.builder().tls(null).build()),
                new Case("Http1Limits.maxStartLineBytes", () -> Http1Limits.builder().maxStartLineBytes(0).build()),
                new Case("Http1Limits.maxHeaderFields", () -> Http1Limits.builder().maxHeaderFields(1025).build()),
                new Case("Http1Limits.maxChunkLineBytes", () -> Http1Limits.builder().maxChunkLineBytes(0).build()),
                new Case("Http2Limits.maxConcurrentStreams", () -> Http2Limits.builder().maxConcurrentStreams(0).build()),
                new Case("Http2Limits.initialWindowSize", () -> Http2Limits.builder().initialWindowSize(-1).build()),
                new Case("Http2Limits.connectionWindowSize",
                        () -> Http2Limits.builder().connectionWindowSize(65_534).build()),
                new Case("Http2Limits.maxFrameSize", () -> Http2Limits.builder().maxFrameSize(16_383).build()),
                new Case("Http2Limits.maxFrameSize", () -> Http2Limits.builder().maxFrameSize(1 << 24).build()),
                new Case("Http2Limits.headerTableSize", () -> Http2Limits.builder().headerTableSize(-1).build()),
                new Case("TcpConnectOptions.timeout", () -> TcpConnectOptions.builder().timeout(Duration.ZERO).build()),
                new Case("TcpConnectOptions.localAddr", () -> TcpConnectOptions.builder().localAddr(null).build()),
                new Case("TcpListenOptions.backlog", () -> TcpListenOptions.builder().backlog(0).build()));
        for (Case c : cases) {
            assertThatThrownBy(c.build::get).as(c.option)
                    .isInstanceOfSatisfying(OptionError.class, e -> assertThat(e.option()).isEqualTo(c.option));
        }
        // the record's own constructor runs the same checks as the builder: one place
        assertThatThrownBy(() -> new Http2Limits(1, 0, 65_535, 100, 0))
                .isInstanceOf(OptionError.class).hasMessage("Http2Limits.maxFrameSize must be in 16384..16777215 (was 100)");
        assertThatThrownBy(() -> HttpServerOptions.builder().maxConnections(0).build())
                .hasMessage("HttpServerOptions.maxConnections must be at least 1 (was 0)");
    }
}
