package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static sifr.http.Http2Interop.ECHO;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * The JVM clients users would otherwise pick, against our server: OkHttp 5 (h2c prior knowledge, h2 over
 * TLS by ALPN, HTTP/1.1 over TLS) and Jetty 12 (its HTTP/2 client in h2c and over TLS, its HTTP/1.1 client
 * over TLS). Each checks status, a custom header, the body, the protocol, and several streams in flight
 * at once on one connection.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2PeerInteropTest {
    static final TestPki.Cert ROOT = TestPki.root("HTTP/2 Peer Interop Root");
    static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));
    private static final int STREAMS = 4;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static X509TrustManager trustingRoot() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", ROOT.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    private static HttpServer tlsServer(HttpHandler handler) throws IOException {
        return HttpServer.start("127.0.0.1:0", handler, HttpServerOptions.builder()
                .tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build());
    }

    /**
     * Runs {@code count} exchanges at once; returns their results in order. Our client runs on virtual
     * threads (its intended use; the pinning recorder watches it), other libraries' clients on platform
     * threads (their class initialization on first use would show up as pins that are not ours).
     */
    static <T> List<T> concurrently(int count, boolean virtual, IndexedCall<T> call) throws Exception {
        ExecutorService pool = virtual ? Executors.newVirtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit((Callable<T>) () -> call.call(n)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface IndexedCall<T> {
        T call(int index) throws Exception;
    }

    // ---- OkHttp ----

    private static void okHttpExchanges(OkHttpClient ok, String base, Protocol protocol, Http2Interop.InFlight handler)
            throws Exception {
        String version = protocol == Protocol.HTTP_1_1 ? "HTTP/1.1" : "HTTP/2";
        try (Response first = ok.newCall(new Request.Builder().url(base + "/first").build()).execute()) {
            assertThat(first.code()).isEqualTo(201);
            assertThat(first.protocol()).isEqualTo(protocol);
            assertThat(first.header("x-sifr-method")).isEqualTo("GET");
            assertThat(first.body().string()).isEqualTo("GET /first 0 " + version);
        }
        List<String> bodies = concurrently(STREAMS, false, n -> {
            Request request = new Request.Builder().url(base + "/p" + n)
                    .post(RequestBody.create(utf8("ping-" + n), MediaType.get("text/plain"))).build();
            try (Response response = ok.newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(201);
                assertThat(response.protocol()).isEqualTo(protocol);
                assertThat(response.header("content-type")).isEqualTo("text/plain");
                return response.body().string();
            }
        });
        for (int n = 0; n < STREAMS; n++) {
            assertThat(bodies.get(n)).isEqualTo("POST /p" + n + " 6 " + version);
        }
        if (handler != null) {
            assertThat(handler.allMet()).as("streams in flight at once: max %d", handler.maxInFlight()).isTrue();
            assertThat(ok.connectionPool().connectionCount()).isEqualTo(1);
        }
        ok.dispatcher().executorService().shutdown();
        ok.connectionPool().evictAll();
    }

    @Test
    void okHttpWithPriorKnowledgeMultiplexesOneConnection() throws Exception {
        Http2Interop.InFlight handler = new Http2Interop.InFlight(STREAMS);
        try (HttpServer server = HttpServer.start("127.0.0.1:0", handler)) {
            OkHttpClient ok = new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();
            okHttpExchanges(ok, "http://" + server.localAddr(), Protocol.H2_PRIOR_KNOWLEDGE, handler);
        }
    }

    @Test
    void okHttpOverTlsNegotiatesH2AndMultiplexes() throws Exception {
        Http2Interop.InFlight handler = new Http2Interop.InFlight(STREAMS);
        try (HttpServer server = tlsServer(handler)) {
            X509TrustManager trust = trustingRoot();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            OkHttpClient ok = new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), trust).build();
            okHttpExchanges(ok, "https://localhost:" + server.localAddr().port(), Protocol.HTTP_2, handler);
        }
    }

    @Test
    void okHttpHttp1OverTls() throws Exception {
        try (HttpServer server = tlsServer(ECHO)) {
            X509TrustManager trust = trustingRoot();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            OkHttpClient ok = new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), trust)
                    .protocols(List.of(Protocol.HTTP_1_1)).build();
            okHttpExchanges(ok, "https://localhost:" + server.localAddr().port(), Protocol.HTTP_1_1, null);
        }
    }

    // ---- Jetty client ----

    private static org.eclipse.jetty.client.HttpClient jettyClient(boolean http2, boolean tls) throws Exception {
        ClientConnector connector = new ClientConnector();
        if (tls) {
            SslContextFactory.Client ssl = new SslContextFactory.Client();
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", ROOT.certificate());
            ssl.setTrustStore(trust);
            connector.setSslContextFactory(ssl);
        }
        HttpClientTransport transport;
        if (http2) {
            // http:// URLs: h2c prior knowledge; https:// URLs: ALPN h2
            transport = new HttpClientTransportOverHTTP2(new HTTP2Client(connector));
        } else {
            transport = new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(connector);
        }
        org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient(transport);
        client.start();
        return client;
    }

    private static void jettyExchanges(org.eclipse.jetty.client.HttpClient jetty, String base, HttpVersion version,
            Http2Interop.InFlight handler) throws Exception {
        String versionText = version == HttpVersion.HTTP_2 ? "HTTP/2" : "HTTP/1.1";
        try {
            ContentResponse first = jetty.GET(base + "/first");
            assertThat(first.getStatus()).isEqualTo(201);
            assertThat(first.getVersion()).isEqualTo(version);
            assertThat(first.getHeaders().get("x-sifr-method")).isEqualTo("GET");
            assertThat(first.getContentAsString()).isEqualTo("GET /first 0 " + versionText);
            List<String> bodies = concurrently(STREAMS, false, n -> {
                ContentResponse r = jetty.POST(base + "/j" + n).body(new BytesRequestContent("text/plain", utf8("ping-" + n)))
                        .timeout(20, TimeUnit.SECONDS).send();
                assertThat(r.getStatus()).isEqualTo(201);
                assertThat(r.getVersion()).isEqualTo(version);
                assertThat(r.getHeaders().get("content-type")).isEqualTo("text/plain");
                return r.getContentAsString();
            });
            for (int n = 0; n < STREAMS; n++) {
                assertThat(bodies.get(n)).isEqualTo("POST /j" + n + " 6 " + versionText);
            }
            if (handler != null) {
                assertThat(handler.allMet()).as("streams in flight at once: max %d", handler.maxInFlight()).isTrue();
            }
        } finally {
            jetty.stop();
        }
    }

    @Test
    void jettyHttp2ClientInCleartextMultiplexes() throws Exception {
        Http2Interop.InFlight handler = new Http2Interop.InFlight(STREAMS);
        try (HttpServer server = HttpServer.start("127.0.0.1:0", handler)) {
            jettyExchanges(jettyClient(true, false), "http://" + server.localAddr(), HttpVersion.HTTP_2, handler);
        }
    }

    @Test
    void jettyHttp2ClientOverTlsMultiplexes() throws Exception {
        Http2Interop.InFlight handler = new Http2Interop.InFlight(STREAMS);
        try (HttpServer server = tlsServer(handler)) {
            jettyExchanges(jettyClient(true, true), "https://localhost:" + server.localAddr().port(), HttpVersion.HTTP_2, handler);
        }
    }

    @Test
    void jettyHttp1ClientOverTls() throws Exception {
        try (HttpServer server = tlsServer(ECHO)) {
            jettyExchanges(jettyClient(false, true), "https://localhost:" + server.localAddr().port(), HttpVersion.HTTP_1_1, null);
        }
    }
}
