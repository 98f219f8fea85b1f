package sifr.bench.client;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * One HTTP client under test, made the way its documentation shows, with a pool big enough for the
 * callers (so no client is measured waiting on a pool limit another does not have): a 1 KiB GET
 * returning the body. Protocols: {@code h1} (HTTP/1.1 keep-alive over TCP), {@code h2c} (prior
 * knowledge; the JDK client has no prior knowledge and upgrades its first request instead),
 * {@code h2} (TLS 1.3, ALPN h2, the bench CA trusted).
 */
@SuppressWarnings("SIFR-IMPORT-0008") // the peers under comparison: the JDK client and the JSSE contexts the others take
interface BenchClient extends AutoCloseable {
    List<String> NAMES = List.of("sifr", "okhttp", "jdk", "jetty", "helidon");

    byte[] get(String url) throws Exception;

    static BenchClient create(String name, String protocol, byte[] rootPem, int maxConnections) throws Exception {
        return switch (name) {
            case "sifr" -> sifr(protocol, rootPem, maxConnections);
            case "okhttp" -> okhttp(protocol, rootPem, maxConnections);
            case "jdk" -> jdk(protocol, rootPem);
            case "jetty" -> jetty(protocol, rootPem, maxConnections);
            case "helidon" -> helidon(protocol, rootPem);
            default -> throw new IllegalArgumentException("unknown client " + name);
        };
    }

    private static BenchClient sifr(String protocol, byte[] rootPem, int maxConnections) throws Exception {
        sifr.http.HttpClient c = sifr.http.HttpClient.builder().tls(sifr.tls.Tls.clientConfigFromCaPem(rootPem))
                .http2PriorKnowledge(protocol.equals("h2c")).maxConnectionsPerOrigin(maxConnections)
                .maxWaitingRequests(100_000).build();
        return new BenchClient() {
            @Override
            public byte[] get(String url) throws Exception {
                try (sifr.http.HttpResponse r = c.get(url)) {
                    return r.body().collectWithLimit(1 << 20);
                }
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    private static BenchClient okhttp(String protocol, byte[] rootPem, int maxConnections) throws Exception {
        SSLContext ssl = ssl(rootPem);
        okhttp3.OkHttpClient.Builder b = new okhttp3.OkHttpClient.Builder()
                .connectionPool(new okhttp3.ConnectionPool(maxConnections, 5, TimeUnit.MINUTES))
                .sslSocketFactory(ssl.getSocketFactory(), trustManager(rootPem))
                .readTimeout(Duration.ofSeconds(60));
        switch (protocol) {
            case "h1" -> b.protocols(List.of(okhttp3.Protocol.HTTP_1_1));
            case "h2c" -> b.protocols(List.of(okhttp3.Protocol.H2_PRIOR_KNOWLEDGE));
            default -> b.protocols(List.of(okhttp3.Protocol.HTTP_2, okhttp3.Protocol.HTTP_1_1));
        }
        okhttp3.OkHttpClient c = b.build();
        return new BenchClient() {
            @Override
            public byte[] get(String url) throws Exception {
                try (okhttp3.Response r = c.newCall(new okhttp3.Request.Builder().url(url).build()).execute()) {
                    return r.body().bytes();
                }
            }

            @Override
            public void close() {
                c.dispatcher().executorService().shutdown();
                c.connectionPool().evictAll();
            }
        };
    }

    private static BenchClient jdk(String protocol, byte[] rootPem) throws Exception {
        java.net.http.HttpClient c = java.net.http.HttpClient.newBuilder().sslContext(ssl(rootPem))
                .version(protocol.equals("h1") ? java.net.http.HttpClient.Version.HTTP_1_1
                        : java.net.http.HttpClient.Version.HTTP_2).build();
        return new BenchClient() {
            @Override
            public byte[] get(String url) throws Exception {
                return c.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    private static BenchClient jetty(String protocol, byte[] rootPem, int maxConnections) throws Exception {
        org.eclipse.jetty.util.ssl.SslContextFactory.Client tls = new org.eclipse.jetty.util.ssl.SslContextFactory.Client();
        tls.setSslContext(ssl(rootPem));
        org.eclipse.jetty.io.ClientConnector connector = new org.eclipse.jetty.io.ClientConnector();
        connector.setSslContextFactory(tls);
        org.eclipse.jetty.client.HttpClient c = protocol.equals("h1")
                ? new org.eclipse.jetty.client.HttpClient(new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(connector))
                : new org.eclipse.jetty.client.HttpClient(new org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2(
                        new org.eclipse.jetty.http2.client.HTTP2Client(connector)));
        c.setMaxConnectionsPerDestination(maxConnections);
        c.setMaxRequestsQueuedPerDestination(100_000);
        c.start();
        return new BenchClient() {
            @Override
            public byte[] get(String url) throws Exception {
                return c.GET(url).getContent();
            }

            @Override
            public void close() throws Exception {
                c.stop();
            }
        };
    }

    private static BenchClient helidon(String protocol, byte[] rootPem) throws Exception {
        io.helidon.common.tls.Tls tls = io.helidon.common.tls.Tls.builder().sslContext(ssl(rootPem)).build();
        io.helidon.webclient.api.HttpClient<?> c = switch (protocol) {
            case "h1" -> io.helidon.webclient.http1.Http1Client.builder().build();
            case "h2c" -> io.helidon.webclient.http2.Http2Client.builder()
                    .protocolConfig(io.helidon.webclient.http2.Http2ClientProtocolConfig.builder().priorKnowledge(true).build())
                    .build();
            default -> io.helidon.webclient.http2.Http2Client.builder().tls(tls).build();
        };
        return new BenchClient() {
            @Override
            public byte[] get(String url) throws Exception {
                try (var r = c.get(url).request()) {
                    return r.entity().as(byte[].class);
                }
            }

            @Override
            public void close() {
                c.closeResource();
            }
        };
    }

    static SSLContext ssl(byte[] rootPem) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore(rootPem));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static X509TrustManager trustManager(byte[] rootPem) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore(rootPem));
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }

    private static KeyStore trustStore(byte[] rootPem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("bench-root",
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(rootPem)));
        return ks;
    }
}
