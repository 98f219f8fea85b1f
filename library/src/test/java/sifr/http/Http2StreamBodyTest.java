package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.testing.TrickleInput;

/**
 * Stream bodies ({@code BodyStream.ofInputStream}) over HTTP/2: the sender reads them into one array per
 * body (16 KiB, growing to 64 KiB) instead of a fresh chunk per read, so these check that every byte
 * arrives in order for sizes around those reads, with and without a length, across short reads of the
 * stream, and that a stream shorter than its declared length fails its own stream only.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2StreamBodyTest {
    private static final int[] SIZES = {1, 16_383, 16_384, 16_385, 65_536, 65_537, 1_000_003};

    private static HttpConnection h2c(HttpServer server) throws IOException {
        return HttpConnection.open("http://" + server.localAddr(), HttpClientOptions.builder().h2cPriorKnowledge(true).build());
    }

    /** {@code /<size>[/unknown][/trickle]}: that many bytes, with or without their length, read whole or 1..9,000 at a time. */
    private static final HttpHandler HANDLER = request -> {
        String[] parts = request.path().substring(1).split("/");
        byte[] data = random(Integer.parseInt(parts[0]));
        boolean unknown = request.path().contains("/unknown");
        InputStream in = request.path().contains("/trickle") ? TrickleInput.of(data, new Random(data.length)) : new ByteArrayInputStream(data);
        return HttpResponse.of(200, HeaderMap.empty(), unknown ? BodyStream.ofInputStream(in) : BodyStream.ofInputStream(in, data.length));
    };

    @Test
    void everySizeArrivesWholeWithAndWithoutItsLengthAndAcrossShortReads() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", HANDLER); HttpConnection client = h2c(server)) {
            for (int size : SIZES) {
                for (String variant : new String[] {"", "/unknown", "/trickle", "/unknown/trickle"}) {
                    try (HttpResponse r = client.send(Http.requestHead("GET", "/" + size + variant, HeaderMap.empty()))) {
                        assertThat(r.version()).isEqualTo(Version.HTTP_2);
                        if (variant.contains("unknown")) {
                            assertThat(r.headers().get("content-length")).isEmpty();
                        } else {
                            assertThat(r.headers().get("content-length")).contains(Integer.toString(size));
                        }
                        assertThat(r.body().collectWithLimit(2_000_000)).as("%d%s", size, variant).isEqualTo(random(size));
                    }
                }
            }
        }
    }

    @Test
    void aStreamOfTheWrongLengthFailsOnlyItsOwnStream() throws Exception {
        byte[] data = random(100_000);
        try (HttpServer server = HttpServer.start("127.0.0.1:0", request -> switch (request.path()) {
                    case "/short" -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofInputStream(new ByteArrayInputStream(data), 150_000));
                    default -> HANDLER.handle(request);
                });
                HttpConnection client = h2c(server)) {
            for (String path : new String[] {"/short", "/short"}) { // twice: the connection stays usable
                assertThatThrownBy(() -> {
                    try (HttpResponse r = client.send(Http.requestHead("GET", path, HeaderMap.empty()))) {
                        byte[] got = r.body().collectWithLimit(1_000_000);
                        assertThat(got).as(path).isNotEqualTo(data); // not reached: the stream is reset
                    }
                }).as(path).isInstanceOf(IOException.class);
                try (HttpResponse again = client.send(Http.requestHead("GET", "/65537", HeaderMap.empty()))) {
                    assertThat(again.body().collectWithLimit(1_000_000)).isEqualTo(random(65_537));
                }
            }
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
