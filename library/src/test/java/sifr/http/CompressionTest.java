package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import sifr.http.internal.compress.AcceptEncoding;

/** {@link Compression}: the coding choice (RFC 9110 §12.5.3), what is eligible, and the streamed body. */
class CompressionTest {
    private static final byte[] TEXT = "hello compression, ".repeat(200).getBytes(StandardCharsets.UTF_8);

    private static HttpResponse compress(HttpResponse response, String... requestHeaders) throws Exception {
        HttpHandler h = Compression.middleware().wrap(request -> response);
        return h.handle(HttpRequest.of(Http.requestHead("GET", "/", HeaderMap.of(requestHeaders)), BodyStream.empty()));
    }

    private static HttpResponse text(String type) {
        return Responses.bytes(200, type, TEXT);
    }

    @Test
    void rfc9110Section12_5_3WeightsPickTheCoding() {
        assertThat(AcceptEncoding.choose(List.of("gzip, deflate, br"))).isEqualTo("gzip");
        assertThat(AcceptEncoding.choose(List.of("deflate;q=1, gzip;q=0.5"))).isEqualTo("deflate");
        assertThat(AcceptEncoding.choose(List.of("deflate, gzip"))).as("tie: gzip").isEqualTo("gzip");
        assertThat(AcceptEncoding.choose(List.of("x-gzip"))).isEqualTo("gzip");
        assertThat(AcceptEncoding.choose(List.of("GZIP;Q=0.8"))).isEqualTo("gzip");
        assertThat(AcceptEncoding.choose(List.of("br"))).isNull();
        assertThat(AcceptEncoding.choose(List.of())).as("no field: identity").isNull();
        assertThat(AcceptEncoding.choose(List.of(""))).isNull();
    }

    @Test
    void rfc9110Section12_5_3QZeroRefusesACodingAndStarCoversTheUnlisted() {
        assertThat(AcceptEncoding.choose(List.of("gzip;q=0, deflate"))).isEqualTo("deflate");
        assertThat(AcceptEncoding.choose(List.of("gzip;q=0, deflate;q=0"))).isNull();
        assertThat(AcceptEncoding.choose(List.of("*"))).isEqualTo("gzip");
        assertThat(AcceptEncoding.choose(List.of("*;q=0.5, gzip;q=0"))).isEqualTo("deflate");
        assertThat(AcceptEncoding.choose(List.of("*;q=0"))).isNull();
        assertThat(AcceptEncoding.choose(List.of("identity;q=1, gzip;q=0.5"))).as("identity preferred").isNull();
        assertThat(AcceptEncoding.choose(List.of("gzip;q=2"))).as("malformed weight ignored").isNull();
        assertThat(AcceptEncoding.choose(List.of("gzip;q=0.", "deflate;q=0.001"))).as("q=0. is zero").isEqualTo("deflate");
    }

    @Test
    void rfc1952GzipBodyDecodesToTheOriginalWithVaryAndNoContentLength() throws Exception {
        HttpResponse r = compress(Responses.withHeader(text("text/plain; charset=utf-8"), "etag", "\"v1\""),
                "accept-encoding", "gzip");
        assertThat(r.headers().get("content-encoding")).contains("gzip");
        assertThat(r.headers().get("vary")).contains("accept-encoding");
        assertThat(r.headers().contains("content-length")).isFalse();
        assertThat(r.body().length()).isEmpty();
        assertThat(r.headers().get("etag")).as("strong ETag made weak").contains("W/\"v1\"");
        byte[] gz = r.body().collectWithLimit(1 << 20);
        assertThat(gz.length).isLessThan(TEXT.length / 4);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes()).isEqualTo(TEXT);
    }

    @Test
    void rfc9110Section8_4_1_2DeflateIsTheZlibFormat() throws Exception {
        HttpResponse r = compress(text("application/json"), "accept-encoding", "deflate");
        assertThat(r.headers().get("content-encoding")).contains("deflate");
        byte[] z = r.body().collectWithLimit(1 << 20);
        assertThat(new InflaterInputStream(new ByteArrayInputStream(z)).readAllBytes()).isEqualTo(TEXT);
    }

    @Test
    void rfc9110Section15_3_7RangesAndEncodedBodiesAreNeverCompressed() throws Exception {
        HttpResponse partial = HttpResponse.of(206, HeaderMap.of("content-type", "text/plain", "content-range",
                "bytes 0-99/4000"), BodyStream.ofBytes(TEXT));
        assertThat(compress(partial, "accept-encoding", "gzip").headers().contains("content-encoding")).isFalse();
        HttpResponse range200 = HttpResponse.of(200, HeaderMap.of("content-type", "text/plain", "content-range",
                "bytes 0-99/4000"), BodyStream.ofBytes(TEXT));
        assertThat(compress(range200, "accept-encoding", "gzip").headers().contains("content-encoding")).isFalse();
        HttpResponse precompressed = HttpResponse.of(200, HeaderMap.of("content-type", "text/css", "content-encoding",
                "br"), BodyStream.ofBytes(TEXT));
        HttpResponse out = compress(precompressed, "accept-encoding", "gzip");
        assertThat(out.headers().getAll("content-encoding")).containsExactly("br");
        assertThat(out.body().collectWithLimit(1 << 20)).isEqualTo(TEXT);
    }

    @Test
    void onlyCompressibleTypesSuccessStatusesAndBodiesOverTheThreshold() throws Exception {
        assertThat(compress(text("image/png"), "accept-encoding", "gzip").headers().contains("vary")).isFalse();
        assertThat(compress(text("text/event-stream"), "accept-encoding", "gzip").headers().contains("content-encoding")).isFalse();
        assertThat(compress(text("application/problem+json"), "accept-encoding", "gzip").headers().get("content-encoding"))
                .contains("gzip");
        assertThat(compress(text("image/svg+xml"), "accept-encoding", "gzip").headers().get("content-encoding")).contains("gzip");
        HttpResponse small = compress(Responses.text(200, "tiny"), "accept-encoding", "gzip");
        assertThat(small.headers().contains("content-encoding")).isFalse();
        assertThat(small.headers().get("vary")).as("eligible type: Vary even when not compressed").contains("accept-encoding");
        HttpResponse notFound = compress(Responses.bytes(404, "text/plain", TEXT), "accept-encoding", "gzip");
        assertThat(notFound.headers().contains("content-encoding")).isFalse();
        HttpResponse noTransform = compress(Responses.withHeader(text("text/plain"), "cache-control", "no-transform"),
                "accept-encoding", "gzip");
        assertThat(noTransform.headers().contains("content-encoding")).isFalse();
        HttpResponse identity = compress(text("text/plain"));
        assertThat(identity.headers().contains("content-encoding")).isFalse();
        assertThat(identity.headers().get("vary")).contains("accept-encoding");
    }

    @Test
    void unknownLengthBodiesAreReadAheadOnlyUpToTheThresholdToDecide() throws Exception {
        HttpResponse shortStream = HttpResponse.of(200, HeaderMap.of("content-type", "text/plain"),
                BodyStream.ofInputStream(new ByteArrayInputStream("short".getBytes(StandardCharsets.UTF_8))));
        HttpResponse out = compress(shortStream, "accept-encoding", "gzip");
        assertThat(out.headers().contains("content-encoding")).isFalse();
        assertThat(out.body().collectWithLimit(100)).isEqualTo("short".getBytes(StandardCharsets.UTF_8));
    }

    /** A source of 50 chunks of 4 KiB that counts how far it was read. */
    private static final class CountingSource implements BodyStream {
        int served;

        @Override
        public byte[] readChunk() {
            if (served == 50) {
                return new byte[0];
            }
            served++;
            return ("chunk " + served + " ").repeat(512).substring(0, 4096).getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Test
    void streamingEachChunkIsFlushedSoOutputFlowsBeforeTheSourceEnds() throws Exception {
        CountingSource source = new CountingSource();
        HttpResponse out = compress(HttpResponse.of(200, HeaderMap.of("content-type", "text/plain"), source),
                "accept-encoding", "deflate");
        assertThat(source.served).as("read ahead: the threshold only").isEqualTo(1);
        byte[] first = out.body().readChunk();
        assertThat(source.served).isEqualTo(1);
        Inflater inflater = new Inflater();
        inflater.setInput(first);
        byte[] plain = new byte[8192];
        int n = inflater.inflate(plain);
        assertThat(n).as("a sync-flushed chunk decodes on its own").isEqualTo(4096);
        assertThat(new String(plain, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("chunk 1 ");
        out.body().close();
        inflater.end();
    }

    @Test
    void compressedOverTheServerBothProtocols() throws Exception {
        HttpHandler h = Compression.middleware().wrap(request -> text("text/html"));
        for (HttpClientOptions options : List.of(HttpClientOptions.defaults(),
                HttpClientOptions.builder().h2cPriorKnowledge(true).build())) {
            try (HttpServer server = HttpServer.start("127.0.0.1:0", h);
                    HttpConnection c = HttpConnection.open("http://" + server.localAddr(), options)) {
                HttpResponse r = c.send(Http.requestHead("GET", "/", HeaderMap.of("accept-encoding", "gzip")));
                assertThat(r.headers().get("content-encoding")).contains("gzip");
                byte[] gz = r.body().collectWithLimit(1 << 20);
                assertThat(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes()).isEqualTo(TEXT);
            } catch (IOException e) {
                throw new AssertionError(String.valueOf(options), e);
            }
        }
    }
}
