package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.net.SocketAddr;
import sifr.url.Url;

/**
 * The client's events in order (issue 17: dns, connect, TLS, connection acquired/released, request
 * and response heads and bodies, failure), streamed request bodies without buffering, and the
 * response body limit per response.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientEventsTest {
    private final List<String> events = new CopyOnWriteArrayList<>();

    private final HttpClient.Listener recorder = new HttpClient.Listener() {
        @Override
        public void callStart(HttpClient.Call call) {
            events.add("callStart " + call.method() + " " + call.url().path());
        }

        @Override
        public void dnsStart(HttpClient.Call call, String host) {
            events.add("dnsStart " + host);
        }

        @Override
        public void dnsEnd(HttpClient.Call call, String host, List<SocketAddr> addresses) {
            events.add("dnsEnd " + addresses.size());
        }

        @Override
        public void connectStart(HttpClient.Call call, String origin) {
            events.add("connectStart");
        }

        @Override
        public void connectEnd(HttpClient.Call call, String origin, SocketAddr remote, Version version) {
            events.add("connectEnd " + version);
        }

        @Override
        public void connectFailed(HttpClient.Call call, String origin, IOException failure) {
            events.add("connectFailed");
        }

        @Override
        public void connectionAcquired(HttpClient.Call call, SocketAddr remote, Version version, boolean reused) {
            events.add("acquired reused=" + reused);
        }

        @Override
        public void connectionReleased(HttpClient.Call call, SocketAddr remote, Version version) {
            events.add("released");
        }

        @Override
        public void requestHeaders(HttpClient.Call call, RequestHead head) {
            events.add("requestHeaders " + head.method() + " " + head.path() + " host=" + head.headers().contains("host"));
        }

        @Override
        public void requestBodyEnd(HttpClient.Call call, long bytes) {
            events.add("requestBodyEnd " + bytes);
        }

        @Override
        public void responseHeaders(HttpClient.Call call, ResponseHead head) {
            events.add("responseHeaders " + head.status().code());
        }

        @Override
        public void responseBodyEnd(HttpClient.Call call, long bytes) {
            events.add("responseBodyEnd " + bytes);
        }

        @Override
        public void redirect(HttpClient.Call call, int status, Url from, Url to) {
            events.add("redirect " + status);
        }

        @Override
        public void callEnd(HttpClient.Call call, ResponseHead head) {
            events.add("callEnd " + head.status().code());
        }

        @Override
        public void callFailed(HttpClient.Call call, IOException failure) {
            events.add("callFailed");
        }
    };

    private static HttpServer server() throws IOException {
        return HttpServer.start("127.0.0.1:0", r -> {
            long n = 0;
            for (byte[] c = r.body().readChunk(); c.length > 0; c = r.body().readChunk()) {
                n += c.length;
            }
            if (r.path().equals("/moved")) {
                return HttpResponse.of(302, HeaderMap.of("location", "/here"));
            }
            if (r.path().equals("/big")) {
                return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(new byte[5000]));
            }
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(("got " + n).getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void aCallReportsItsEventsInOrder() throws Exception {
        try (HttpServer s = server(); HttpClient client = HttpClient.builder().listener(recorder).build()) {
            HttpResponse r = client.send("POST", "http://localhost:" + s.localAddr().port() + "/moved",
                    HeaderMap.empty(), BodyStream.ofBytes("abc".getBytes(StandardCharsets.UTF_8)));
            assertThat(r.body().collectWithLimit(100)).asString().isEqualTo("got 0");
            assertThat(events).containsExactly(
                    "callStart POST /moved", "dnsStart localhost", events.get(2), "connectStart", "connectEnd HTTP/1.1",
                    "acquired reused=false", "requestHeaders POST /moved host=true", "requestBodyEnd 3",
                    "responseHeaders 302", "responseBodyEnd 0", "released", "redirect 302",
                    "acquired reused=true", "requestHeaders GET /here host=true", "responseHeaders 200", "callEnd 200",
                    "responseBodyEnd 5", "released");
            assertThat(events.get(2)).startsWith("dnsEnd ");
        }
    }

    @Test
    void aFailedConnectIsReported() throws Exception {
        int closedPort;
        try (var l = sifr.net.Net.listenTcp("127.0.0.1:0")) {
            closedPort = l.localAddr().port();
        }
        try (HttpClient client = HttpClient.builder().listener(recorder).build()) {
            assertThatThrownBy(() -> client.get("http://127.0.0.1:" + closedPort + "/")).isInstanceOf(IOException.class);
            assertThat(events).containsExactly("callStart GET /", "connectStart", "connectFailed", "callFailed");
        }
    }

    @Test
    void aRequestBodyOfUnknownLengthStreamsWithoutBuffering() throws Exception {
        long size = 8L << 20;
        InputStream generated = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        try (HttpServer s = HttpServer.start("127.0.0.1:0", r -> {
                long n = 0;
                for (byte[] c = r.body().readChunk(); c.length > 0; c = r.body().readChunk()) {
                    n += c.length;
                }
                return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(("got " + n).getBytes(StandardCharsets.UTF_8)));
            }, HttpServerOptions.builder().maxRequestBodyBytes(size).build());
             HttpClient client = HttpClient.builder().listener(recorder).build()) {
            HttpResponse r = client.send("PUT", "http://" + s.localAddr() + "/up", HeaderMap.empty(),
                    BodyStream.ofInputStream(generated));
            assertThat(r.body().collectWithLimit(100)).asString().isEqualTo("got " + size);
            assertThat(events).contains("requestBodyEnd " + size);
        }
    }

    @Test
    void theResponseBodyLimitAppliesToEachResponse() throws Exception {
        try (HttpServer s = server(); HttpClient client = HttpClient.builder().maxResponseBodyBytes(4096).build()) {
            HttpResponse big = client.get("http://" + s.localAddr() + "/big");
            assertThatThrownBy(() -> big.body().collectWithLimit(1 << 20))
                    .isInstanceOf(BodyError.class).hasMessageContaining("exceeds limit of 4096 bytes");
            assertThat(client.get("http://" + s.localAddr() + "/small").body().collectWithLimit(100)).asString()
                    .isEqualTo("got 0");
        }
    }
}
