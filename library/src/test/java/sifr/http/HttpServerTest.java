package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.net.Net;
import sifr.net.TcpStream;

/** HttpServer and HttpClient over real loopback TCP. */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpServerTest {
    private HttpServer server;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static final HttpHandler PONG = request -> {
        byte[] body = request.body().collectWithLimit(1024);
        if (request.path().equals("/m4/http1") && new String(body, StandardCharsets.UTF_8).equals("ping-http1")) {
            return HttpResponse.of(201, HeaderMap.of("content-type", "text/plain"), Http.bodyFromBytes(ascii("pong-http1")));
        }
        return HttpResponse.of(404, HeaderMap.empty(), Http.bodyFromBytes(ascii("not found")));
    };

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    static String readToEnd(TcpStream s) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (s.read(buf.clear()) >= 0) {
            all.write(buf.array(), 0, buf.position());
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void postPingOverTcpIsAnswered201Pong() throws Exception {
        server = HttpServer.start("127.0.0.1:0", PONG);
        assertThat(server.localAddr().toString()).startsWith("127.0.0.1:");
        try (HttpConnection client = HttpConnection.open("http://" + server.localAddr())) {
            HttpResponse r = client.send(Http.requestHead("POST", "/m4/http1", HeaderMap.empty()), Http.bodyFromBytes(ascii("ping-http1")));
            assertThat(r.status().code()).isEqualTo(201);
            assertThat(r.version()).isEqualTo(Version.HTTP_1_1);
            assertThat(r.body().collectWithLimit(100)).isEqualTo(ascii("pong-http1"));
            // keep-alive: the same connection serves the next exchange
            HttpResponse again = client.send(Http.requestHead("POST", "/m4/http1", HeaderMap.empty()), Http.bodyFromBytes(ascii("ping-http1")));
            assertThat(again.body().collectWithLimit(100)).isEqualTo(ascii("pong-http1"));
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void closeLetsAnExchangeInProgressFinish() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        server = HttpServer.start("127.0.0.1:0", request -> {
            inHandler.countDown();
            Thread.sleep(300);
            return HttpResponse.of(200, HeaderMap.empty(), Http.bodyFromBytes(ascii("finished")));
        });
        HttpConnection client = HttpConnection.open("http://" + server.localAddr());
        AtomicReference<String> got = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                got.set(new String(client.send(Http.requestHead("GET", "/", HeaderMap.empty())).body().collectWithLimit(100),
                        StandardCharsets.US_ASCII));
            } catch (IOException e) {
                got.set(e.toString());
            }
        });
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
        server.close();
        t.join(10_000);
        assertThat(got.get()).isEqualTo("finished");
        assertThat(client.isOpen()).isFalse(); // the response said connection: close
    }

    @Test
    void closeEndsIdleKeepAliveConnections() throws Exception {
        server = HttpServer.start("127.0.0.1:0", PONG);
        TcpStream raw = Net.connectTcp(server.localAddr().toString());
        raw.writeAll(ascii("GET /x HTTP/1.1\r\nHost: t\r\n\r\n"));
        raw.read(8192); // the 404 arrives; the connection now idles
        server.close();
        assertThat(readToEnd(raw)).isEmpty();
    }

    @Test
    void slowHeadersAreCutOffWhileOthersAreServed() throws Exception {
        server = HttpServer.start("127.0.0.1:0", PONG,
                HttpServerOptions.builder().headerReadTimeout(Duration.ofMillis(300)).build());
        TcpStream slow = Net.connectTcp(server.localAddr().toString());
        slow.writeAll(ascii("GET / HTTP/1.1\r\nHost: t\r\n")); // never finishes its head
        try (HttpConnection client = HttpConnection.open("http://" + server.localAddr())) {
            HttpResponse r = client.send(Http.requestHead("POST", "/m4/http1", HeaderMap.empty()), Http.bodyFromBytes(ascii("ping-http1")));
            assertThat(r.status().code()).isEqualTo(201);
        }
        // the slow connection is closed by the server after the header-read timeout
        assertThat(readToEnd(slow)).doesNotContain("200");
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        server = HttpServer.start("127.0.0.1:0", PONG,
                HttpServerOptions.builder().idleTimeout(Duration.ofMillis(300)).build());
        TcpStream raw = Net.connectTcp(server.localAddr().toString());
        raw.writeAll(ascii("GET /x HTTP/1.1\r\nHost: t\r\n\r\n"));
        // the 404 arrives, then the connection idles until the server closes it (end of stream)
        assertThat(readToEnd(raw)).startsWith("HTTP/1.1 404 ").endsWith("not found");
        assertThat(server.connectionCount()).isLessThanOrEqualTo(1);
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws Exception {
        server = HttpServer.start("127.0.0.1:0", PONG, HttpServerOptions.builder().maxConnections(1).build());
        try (HttpConnection first = HttpConnection.open("http://" + server.localAddr())) {
            first.send(Http.requestHead("GET", "/", HeaderMap.empty())).close();
            TcpStream second = Net.connectTcp(server.localAddr().toString());
            second.writeAll(ascii("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
            String answer;
            try {
                answer = readToEnd(second);
            } catch (IOException reset) {
                answer = ""; // closed with the request unread: the peer may see a reset instead of an end
            }
            assertThat(answer).isEmpty();
        }
    }

    @Test
    void smuggledRequestIsNotServedOverTcp() throws Exception {
        java.util.List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
        server = HttpServer.start("127.0.0.1:0", request -> {
            paths.add(request.path());
            request.body().collectWithLimit(1 << 16);
            return HttpResponse.of(200, HeaderMap.empty(), Http.bodyFromBytes(ascii("ok")));
        });
        TcpStream raw = Net.connectTcp(server.localAddr().toString());
        raw.writeAll(ascii("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                + "GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n"));
        String answer = readToEnd(raw);
        assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("connection: close");
        assertThat(paths).isEmpty();
    }

    @Test
    void clientRejectsUnknownSchemes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpConnection.open("ftp://127.0.0.1/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
    }
}
