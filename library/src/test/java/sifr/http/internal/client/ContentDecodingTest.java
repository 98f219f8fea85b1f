package sifr.http.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sifr.http.internal.client.DecodedBodyTest.TEXT;
import static sifr.http.internal.client.DecodedBodyTest.gzip;
import static sifr.http.internal.client.DecodedBodyTest.rawDeflate;
import static sifr.http.internal.client.DecodedBodyTest.zlib;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import sifr.http.BodyError;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Method;

/** The request and response rules of transparent decompression (RFC 9110 §8.4, §12.5.3). */
class ContentDecodingTest {
    private static final long LIMIT = 1 << 30;

    @Test
    void acceptEncodingIsOfferedUnlessTheCallerSetItOrARange() {
        assertThat(ContentDecoding.offer(HeaderMap.of("x", "1")).get("accept-encoding")).contains("gzip, deflate");
        HeaderMap own = HeaderMap.of("Accept-Encoding", "identity");
        assertThat(ContentDecoding.shouldOffer(own)).isFalse();
        assertThat(ContentDecoding.offer(own)).isEqualTo(own);
        HeaderMap range = HeaderMap.of("range", "bytes=0-99");
        assertThat(ContentDecoding.shouldOffer(range)).isFalse();
        assertThat(ContentDecoding.offer(range).contains("accept-encoding")).isFalse();
    }

    @Test
    void decodingRemovesContentEncodingAndContentLength() throws IOException {
        byte[] gz = gzip(TEXT);
        ContentDecoding.Decoded d = ContentDecoding.decode(Method.GET, 200,
                HeaderMap.of("content-encoding", "gzip", "content-length", "" + gz.length, "content-type", "text/plain"),
                BodyStream.ofBytes(gz), LIMIT);
        assertThat(d.decoded()).isTrue();
        assertThat(d.headers()).isEqualTo(HeaderMap.of("content-type", "text/plain"));
        assertThat(d.body().collectWithLimit(LIMIT)).isEqualTo(TEXT);
    }

    @Test
    void rfc9110StackedCodingsAreRemovedInReverseOrder() throws IOException {
        // Content-Encoding: gzip, deflate = gzip applied first, then deflate
        byte[] both = zlib(gzip(TEXT));
        ContentDecoding.Decoded d = ContentDecoding.decode(Method.GET, 200, HeaderMap.of("content-encoding", "gzip, deflate"),
                BodyStream.ofBytes(both), LIMIT);
        assertThat(d.body().collectWithLimit(LIMIT)).isEqualTo(TEXT);
        // the same list over two field lines, with identity and an empty element, and x-gzip
        byte[] three = gzip(rawDeflate(gzip(TEXT)));
        ContentDecoding.Decoded d3 = ContentDecoding.decode(Method.GET, 200,
                HeaderMap.of("content-encoding", "x-gzip, identity,", "content-encoding", "DEFLATE , gzip"),
                BodyStream.ofBytes(three), LIMIT);
        assertThat(d3.body().collectWithLimit(LIMIT)).isEqualTo(TEXT);
    }

    @Test
    void moreThanFiveCodingsAreRefused() {
        assertThatThrownBy(() -> ContentDecoding.decode(Method.GET, 200,
                HeaderMap.of("content-encoding", "gzip, gzip, gzip, gzip, gzip, gzip"), BodyStream.empty(), LIMIT))
                .isInstanceOf(BodyError.class).hasMessage("response lists more than 5 content codings");
    }

    @Test
    void responsesWithoutADecodableBodyAreLeftAlone() throws IOException {
        HeaderMap gz = HeaderMap.of("content-encoding", "gzip", "content-length", "20");
        record Case(Method method, int status) {
        }
        for (Case c : new Case[] {new Case(Method.HEAD, 200), new Case(Method.GET, 204), new Case(Method.GET, 304),
                new Case(Method.GET, 206), new Case(Method.GET, 103)}) {
            BodyStream body = BodyStream.empty();
            ContentDecoding.Decoded d = ContentDecoding.decode(c.method(), c.status(), gz, body, LIMIT);
            assertThat(d.decoded()).as("%s", c).isFalse();
            assertThat(d.headers()).as("%s", c).isSameAs(gz);
            assertThat(d.body()).as("%s", c).isSameAs(body);
        }
    }

    @Test
    void unknownCodingsAndIdentityArePassedThrough() throws IOException {
        for (String encoding : new String[] {"br", "gzip, br", "zstd", "compress"}) {
            HeaderMap h = HeaderMap.of("content-encoding", encoding);
            assertThat(ContentDecoding.decode(Method.GET, 200, h, BodyStream.empty(), LIMIT).decoded()).as(encoding).isFalse();
        }
        HeaderMap identity = HeaderMap.of("content-encoding", "identity");
        ContentDecoding.Decoded d = ContentDecoding.decode(Method.GET, 200, identity, BodyStream.ofBytes(TEXT), LIMIT);
        assertThat(d.decoded()).isFalse();
        assertThat(d.body().collectWithLimit(LIMIT)).isEqualTo(TEXT);
        assertThat(ContentDecoding.decode(Method.GET, 200, HeaderMap.empty(), BodyStream.empty(), LIMIT).decoded()).isFalse();
    }

    @Test
    void eachLayerHasTheDecodedLimit() throws IOException {
        byte[] bomb = gzip(gzip(new byte[8 << 20]));
        assertThatThrownBy(() -> ContentDecoding.decode(Method.GET, 200, HeaderMap.of("content-encoding", "gzip, gzip"),
                BodyStream.ofBytes(bomb), 1 << 20).body().collectWithLimit(LIMIT))
                .isInstanceOf(BodyError.class).hasMessage("decoded body exceeds limit of 1048576 bytes");
    }
}
