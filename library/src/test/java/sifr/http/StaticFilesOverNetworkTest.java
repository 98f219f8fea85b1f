package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.net.Net;
import sifr.net.TcpStream;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * {@link StaticFiles} through a real server: the file body over cleartext HTTP/1.1 (sendfile), over
 * TLS and over h2c (bounded chunks) arrives byte for byte, ranges too; raw request targets that the
 * handler must refuse get their 400 over the wire, never a 500.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StaticFilesOverNetworkTest {
    private static final TestPki.Cert ROOT = TestPki.root("Static Files Root");
    private static final TestPki.Cert SERVER = ROOT.issue(TestPki.spec("localhost").dns("localhost").ip("127.0.0.1"));
    private static final int BIG = 3 * 1024 * 1024 + 17;

    @TempDir
    Path root;
    private byte[] big;

    @BeforeEach
    void setUp() throws IOException {
        big = new byte[BIG];
        new Random(18).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Files.writeString(root.resolve("small.txt"), "small");
    }

    private void fetchesByteForByte(HttpConnection client) throws IOException {
        try (HttpResponse r = client.send(Http.requestHead("GET", "/big.bin", HeaderMap.empty()))) {
            assertThat(r.status().code()).isEqualTo(200);
            assertThat(r.headers().get("content-length")).contains(Integer.toString(BIG));
            assertThat(r.body().collectWithLimit(BIG + 1)).isEqualTo(big);
        }
        int from = 100_001;
        int to = from + 200_000; // over the 32 KiB line where the HTTP/1.1 writer switches to transferFrom
        try (HttpResponse r = client.send(Http.requestHead("GET", "/big.bin", HeaderMap.of("range", "bytes=" + from + "-" + to)))) {
            assertThat(r.status().code()).isEqualTo(206);
            assertThat(r.headers().get("content-range")).contains("bytes " + from + "-" + to + "/" + BIG);
            assertThat(r.body().collectWithLimit(BIG)).isEqualTo(Arrays.copyOfRange(big, from, to + 1));
        }
        try (HttpResponse r = client.send(Http.requestHead("GET", "/big.bin", HeaderMap.of("range", "bytes=0-99,-50000")))) {
            assertThat(r.status().code()).isEqualTo(206);
            byte[] body = r.body().collectWithLimit(BIG);
            assertThat(r.headers().get("content-type").orElseThrow()).startsWith("multipart/byteranges; boundary=");
            assertThat(body.length).isGreaterThan(50_100);
        }
        try (HttpResponse r = client.send(Http.requestHead("HEAD", "/big.bin", HeaderMap.empty()))) {
            assertThat(r.headers().get("content-length")).contains(Integer.toString(BIG));
        }
        // the connection is still in step after all of the above
        try (HttpResponse r = client.send(Http.requestHead("GET", "/small.txt", HeaderMap.empty()))) {
            assertThat(new String(r.body().collectWithLimit(100), StandardCharsets.UTF_8)).isEqualTo("small");
        }
    }

    @Test
    void cleartextHttp1SendsTheFileBodyWithTransferToByteForByte() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", StaticFiles.handler(root));
             HttpConnection client = HttpConnection.open("http://" + server.localAddr())) {
            fetchesByteForByte(client);
            assertThat(client.version()).isEqualTo(Version.HTTP_1_1);
        }
    }

    @Test
    void anAccessLogCountsTheFileBodyAndKeepsItAFileRegion() throws Exception {
        java.util.List<AccessLogEntry> entries = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServerOptions options = HttpServerOptions.builder().accessLog(entries::add).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", StaticFiles.handler(root), options);
             HttpConnection client = HttpConnection.open("http://" + server.localAddr())) {
            fetchesByteForByte(client);
        }
        assertThat(entries).hasSize(5);
        assertThat(entries.get(0).bytesSent()).isEqualTo(BIG);
        assertThat(entries.get(1).bytesSent()).isEqualTo(200_001);
        assertThat(entries.get(3).bytesSent()).isZero(); // HEAD
    }

    @Test
    void tlsHttp1AndH2SendTheFileBodyInBoundedChunks() throws Exception {
        HttpServerOptions options = HttpServerOptions.builder().tls(Tls.serverConfig(SERVER.chainPem(), SERVER.keyPem())).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", StaticFiles.handler(root), options)) {
            String url = "https://localhost:" + server.localAddr().port();
            HttpClientOptions tls = HttpClientOptions.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem())).build();
            try (HttpConnection h1 = HttpConnection.open(url, tls.toBuilder().offerH2(false).build())) {
                fetchesByteForByte(h1);
            }
            try (HttpConnection h2 = HttpConnection.open(url, tls)) {
                fetchesByteForByte(h2);
                assertThat(h2.version()).isEqualTo(Version.HTTP_2);
            }
        }
    }

    @Test
    void h2cSendsTheFileBodyInBoundedChunks() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", StaticFiles.handler(root));
             HttpConnection client = HttpConnection.open("http://" + server.localAddr(),
                     HttpClientOptions.builder().h2cPriorKnowledge(true).build())) {
            fetchesByteForByte(client);
        }
    }

    @Test
    void theWriteTimeoutCutsOffAClientThatStopsReadingAFileBody() throws Exception {
        Files.write(root.resolve("huge.bin"), new byte[64 * 1024 * 1024]); // more than the socket buffers hold
        HttpServerOptions options = HttpServerOptions.builder().writeTimeout(java.time.Duration.ofMillis(300)).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", StaticFiles.handler(root), options);
             TcpStream s = Net.connectTcp(server.localAddr().toString())) {
            s.writeAll("GET /huge.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // never read: the server's transfer blocks on a full socket buffer until its write timeout closes it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.connectionCount() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5); // accepted yet?
            }
            while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.connectionCount()).as("connections").isZero();
        }
    }

    @Test
    void rawNulAndInvalidPercentEncodingAre400OnTheWire() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", StaticFiles.handler(root))) {
            for (String target : new String[] {"/%00", "/%zz", "/..%2F..%2Fetc%2Fpasswd", "/../../etc/passwd"}) {
                try (TcpStream s = Net.connectTcp(server.localAddr().toString())) {
                    s.writeAll(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    String answer = HttpServerTest.readToEnd(s);
                    assertThat(answer).as(target).startsWith("HTTP/1.1 400 ");
                }
            }
        }
    }
}
