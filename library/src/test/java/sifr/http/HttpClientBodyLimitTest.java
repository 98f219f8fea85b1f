package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.net.OptionError;

/**
 * The response-body limit of {@link HttpClient} per call ({@link RequestOptions#maxResponseBodyBytes()},
 * issue 17): it replaces the client's limit both ways, counts streamed and decoded bytes, fails a
 * declared length up front, and on HTTP/2 costs only the stream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientBodyLimitTest {
    private static final byte[] TEN_K = new byte[10_000];

    /** {@code /fixed}: 10,000 bytes with Content-Length; {@code /chunked}: the same, length unknown; {@code /gzip}: 100,000 zeros gzipped. */
    private static HttpServer server(HttpServerOptions options) throws IOException {
        byte[] packed = gzip(new byte[100_000]);
        return HttpServer.start("127.0.0.1:0", r -> switch (r.path()) {
            case "/fixed" -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(TEN_K));
            case "/chunked" -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(new ByteArrayInputStream(TEN_K)));
            case "/gzip" -> HttpResponse.of(200, HeaderMap.of("content-encoding", "gzip"), BodyStream.ofBytes(packed));
            default -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes("ok".getBytes()));
        }, options);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static RequestOptions limit(long max) {
        return RequestOptions.builder().maxResponseBodyBytes(max).build();
    }

    private static byte[] body(HttpClient client, String url, RequestOptions options) throws IOException {
        try (HttpResponse r = client.send("GET", url, HeaderMap.empty(), BodyStream.empty(), options)) {
            return r.body().collectWithLimit(Long.MAX_VALUE);
        }
    }

    @Test
    void aCallsOwnLimitAboveTheClientsLetsALargerBodyThrough() throws Exception {
        try (HttpServer s = server(HttpServerOptions.defaults());
             HttpClient client = HttpClient.builder().maxResponseBodyBytes(4096).build()) {
            String base = "http://" + s.localAddr();
            assertThat(body(client, base + "/fixed", limit(20_000))).hasSize(10_000);
            assertThat(body(client, base + "/chunked", limit(20_000))).hasSize(10_000);
            assertThatThrownBy(() -> body(client, base + "/chunked", RequestOptions.defaults())) // the client's 4096
                    .isInstanceOfSatisfying(BodyError.class, e -> assertThat(e.isLimitExceeded()).isTrue())
                    .hasMessage("response body exceeds limit of 4096 bytes");
        }
    }

    @Test
    void aCallsOwnLimitBelowTheClientsStopsAStreamedBodyAtTheReadThatCrossesIt() throws Exception {
        try (HttpServer s = server(HttpServerOptions.defaults()); HttpClient client = HttpClient.create()) {
            assertThatThrownBy(() -> body(client, "http://" + s.localAddr() + "/chunked", limit(5000)))
                    .isInstanceOfSatisfying(BodyError.class, e -> assertThat(e.isLimitExceeded()).isTrue())
                    .hasMessage("response body exceeds limit of 5000 bytes");
            assertThat(body(client, "http://" + s.localAddr() + "/", RequestOptions.defaults())).hasSize(2); // the pool serves on
        }
    }

    @Test
    void aContentLengthAboveTheCallsLimitFailsTheFirstReadBeforeAnyByte() throws Exception {
        try (HttpServer s = server(HttpServerOptions.defaults()); HttpClient client = HttpClient.create()) {
            try (HttpResponse r = client.send("GET", "http://" + s.localAddr() + "/fixed", HeaderMap.empty(),
                    BodyStream.empty(), limit(5000))) {
                assertThat(r.status().code()).isEqualTo(200); // the head arrives; the body read fails
                assertThatThrownBy(() -> r.body().readChunk())
                        .isInstanceOfSatisfying(BodyError.class, e -> assertThat(e.isLimitExceeded()).isTrue())
                        .hasMessage("response body exceeds limit of 5000 bytes (Content-Length: 10000)");
            }
        }
    }

    @Test
    void aCallsOwnLimitBoundsTheDecodedSizeOfACompressedBody() throws Exception {
        try (HttpServer s = server(HttpServerOptions.defaults()); HttpClient client = HttpClient.create()) {
            String url = "http://" + s.localAddr() + "/gzip";
            assertThatThrownBy(() -> body(client, url, limit(50_000)))
                    .isInstanceOfSatisfying(BodyError.class, e -> assertThat(e.isLimitExceeded()).isTrue())
                    .hasMessageContaining("decoded body exceeds limit of 50000 bytes");
            assertThat(body(client, url, limit(200_000))).hasSize(100_000);
        }
    }

    @Test
    void onHttp2ABodyOverTheCallsLimitCostsOnlyItsStream() throws Exception {
        try (HttpServer s = server(HttpServerOptions.defaults());
             HttpClient client = HttpClient.builder().http2PriorKnowledge(true).build()) {
            String base = "http://" + s.localAddr();
            assertThat(body(client, base + "/", RequestOptions.defaults())).hasSize(2);
            assertThatThrownBy(() -> body(client, base + "/chunked", limit(5000)))
                    .isInstanceOfSatisfying(BodyError.class, e -> assertThat(e.isLimitExceeded()).isTrue());
            try (HttpResponse r = client.get(base + "/")) {
                assertThat(r.version()).isEqualTo(Version.HTTP_2);
                assertThat(r.body().collectWithLimit(100)).hasSize(2);
            }
        }
    }

    @Test
    void aLimitBelowOneIsRefusedNamingTheField() {
        assertThatThrownBy(() -> RequestOptions.builder().maxResponseBodyBytes(0).build())
                .isInstanceOfSatisfying(OptionError.class,
                        e -> assertThat(e.option()).isEqualTo("RequestOptions.maxResponseBodyBytes"))
                .hasMessage("HTTP body limit must be positive");
        assertThat(RequestOptions.defaults().toBuilder().build()).isEqualTo(RequestOptions.defaults());
        assertThat(RequestOptions.defaults().maxResponseBodyBytes()).isEmpty();
    }
}
