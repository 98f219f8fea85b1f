package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One {@code maxHeaderSectionBytes} bounds both protocols (RFC 9110 §5.4, RFC 9113 §6.5.2
 * SETTINGS_MAX_HEADER_LIST_SIZE): a header section over the limit is refused over HTTP/1.1 and HTTP/2
 * alike, by the server (431) and by the client (HttpError).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HeaderSectionLimitTest {
    private static final String BIG = "x".repeat(3000);
    private static final HttpHandler OK = request -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.empty());

    private static HttpClientOptions over(boolean http2) {
        return HttpClientOptions.builder().h2cPriorKnowledge(http2).build();
    }

    @Test
    void rfc9110_5_4_serverRefusesAnOversizedRequestHeaderSectionWith431OnHttp1AndHttp2() throws Exception {
        HttpServerOptions options = HttpServerOptions.builder().maxHeaderSectionBytes(2048).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", OK, options)) {
            for (boolean http2 : new boolean[] {false, true}) {
                try (HttpConnection c = HttpConnection.open("http://" + server.localAddr(), over(http2))) {
                    HttpResponse small = c.send(Http.requestHead("GET", "/", HeaderMap.of("x-small", "y".repeat(1500))));
                    assertThat(small.status().code()).as("http2=%s", http2).isEqualTo(200);
                    small.close();
                }
                try (HttpConnection c = HttpConnection.open("http://" + server.localAddr(), over(http2));
                     HttpResponse big = c.send(Http.requestHead("GET", "/", HeaderMap.of("x-big", BIG)))) {
                    assertThat(big.status().code()).as("http2=%s", http2).isEqualTo(431);
                    assertThat(big.version()).isEqualTo(http2 ? Version.HTTP_2 : Version.HTTP_1_1);
                }
            }
        }
    }

    @Test
    void rfc9113_6_5_2_clientRefusesAnOversizedResponseHeaderSectionOnHttp1AndHttp2() throws Exception {
        HttpHandler bigHeader = request -> HttpResponse.of(200, HeaderMap.of("x-big", BIG), BodyStream.empty());
        try (HttpServer server = HttpServer.start("127.0.0.1:0", bigHeader)) {
            for (boolean http2 : new boolean[] {false, true}) {
                HttpClientOptions limited = over(http2).toBuilder().maxHeaderSectionBytes(2048).build();
                try (HttpConnection c = HttpConnection.open("http://" + server.localAddr(), limited)) {
                    assertThatThrownBy(() -> c.send(Http.requestHead("GET", "/", HeaderMap.empty())))
                            .as("http2=%s", http2).isInstanceOf(HttpError.class);
                }
                try (HttpConnection c = HttpConnection.open("http://" + server.localAddr(), over(http2));
                     HttpResponse fits = c.send(Http.requestHead("GET", "/", HeaderMap.empty()))) {
                    assertThat(fits.head().headers().get("x-big")).as("http2=%s", http2).hasValue(BIG);
                }
            }
        }
    }
}
