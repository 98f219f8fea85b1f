package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sifr.http.HeaderMap;
import sifr.http.HeaderValue;
import sifr.http.Http;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;

/** Parser results, incremental feeding and encoder round-trips. */
class H1CodecTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void parsesARequestHeadIntoTypedParts() throws Exception {
        byte[] wire = ascii("POST /m4/http1?x=1 HTTP/1.1\r\nHost: example.com\r\nContent-Length: 10\r\nX-A: 1\r\nx-a: 2\r\n\r\nping-http1");
        H1HeadParser p = new H1HeadParser();
        int n = p.parseRequest(wire, 0, wire.length);
        assertThat(n).isEqualTo(wire.length - 10);
        RequestHead head = p.requestHead();
        assertThat(head.method()).isSameAs(Method.POST);
        assertThat(head.path()).isEqualTo("/m4/http1?x=1");
        assertThat(head.headers().get("HOST")).contains("example.com");
        assertThat(head.headers().getAll("x-a")).containsExactly("1", "2");
        assertThat(H1Framing.ofRequest(head)).isEqualTo(new H1Framing(H1Framing.Kind.FIXED, 10));
    }

    @Test
    void everyPrefixOfAHeadIsPartialAndTheWholeIsComplete() throws Exception {
        byte[] wire = ascii("GET /a HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n");
        H1HeadParser p = new H1HeadParser();
        for (int len = 0; len < wire.length; len++) {
            assertThat(p.parseRequest(wire, 0, len)).as("prefix %d", len).isEqualTo(H1HeadParser.PARTIAL);
        }
        assertThat(p.parseRequest(wire, 0, wire.length)).isEqualTo(wire.length);
    }

    @Test
    void parsesAtAnOffsetInsideALargerBuffer() throws Exception {
        byte[] wire = ascii("xxxxHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\nyyyy");
        H1HeadParser p = new H1HeadParser();
        int n = p.parseResponse(wire, 4, wire.length - 8);
        assertThat(n).isEqualTo(wire.length - 8);
        assertThat(p.responseHead().status().code()).isEqualTo(404);
        assertThat(p.reason()).isEqualTo("Not Found");
    }

    @Test
    void chunkedBodyDecodesWhenFedOneByteAtATime() throws Exception {
        byte[] wire = ascii("5;a=b\r\nhello\r\n6\r\n world\r\n0\r\nChecksum: abc\r\n\r\nNEXT");
        ChunkedDecoder d = new ChunkedDecoder();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        // present a growing window as a connection would: unconsumed bytes stay, one new byte arrives
        int start = 0;
        int end = 0;
        while (!d.isDone()) {
            end++;
            int used = d.decode(wire, start, end - start);
            if (d.dataLength() > 0) {
                body.write(wire, d.dataOffset(), d.dataLength());
            }
            start += used;
        }
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("hello world");
        assertThat(d.trailers().get("checksum")).contains("abc");
        assertThat(new String(wire, start, wire.length - start, StandardCharsets.US_ASCII)).isEqualTo("NEXT");
    }

    @Test
    void chunkDataReadPastTheDecoderIsAccountedForAndTheCrlfStillChecked() throws Exception {
        ChunkedDecoder d = new ChunkedDecoder();
        assertThat(d.dataRemaining()).as("before any size line").isZero();
        byte[] head = ascii("a\r\nhel");
        assertThat(d.decode(head, 0, head.length)).isEqualTo(head.length);
        assertThat(d.dataLength()).isEqualTo(3);
        assertThat(d.dataRemaining()).isEqualTo(7);
        assertThatThrownBy(() -> d.dataReadDirectly(8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.dataReadDirectly(0)).isInstanceOf(IllegalArgumentException.class);
        d.dataReadDirectly(4); // "lo w", read by the caller from its stream
        d.dataReadDirectly(3); // "orl"
        assertThat(d.dataRemaining()).as("after the chunk's data: its CRLF").isZero();
        byte[] rest = ascii("\r\n0\r\n\r\n");
        d.decode(rest, 0, rest.length);
        assertThat(d.isDone()).isTrue();

        ChunkedDecoder e = new ChunkedDecoder();
        byte[] size = ascii("2\r\n");
        e.decode(size, 0, size.length);
        e.dataReadDirectly(2);
        byte[] noCrlf = ascii("XY");
        assertThatThrownBy(() -> e.decode(noCrlf, 0, 2)).isInstanceOf(H1ParseError.class)
                .hasMessageContaining("chunk data not followed by CRLF");
    }

    @Test
    void encodedResponseHeadParsesBack() throws Exception {
        ResponseHead head = Http.responseHead(201, HeaderMap.of("x-sifr-demo", "network-http", "set-cookie", "a=1", "set-cookie", "b=2"));
        H1Buffer out = new H1Buffer();
        H1Encoder.responseHead(out, head);
        H1Encoder.contentLength(out, 10);
        H1Encoder.endOfHead(out);
        assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 201 Created\r\n");
        H1HeadParser p = new H1HeadParser();
        assertThat(p.parseResponse(out.array(), 0, out.size())).isEqualTo(out.size());
        assertThat(p.responseHead().status().code()).isEqualTo(201);
        assertThat(p.fields().getAll("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(p.fields().get("content-length")).contains("10");
    }

    @Test
    void encodedRequestWithChunkedBodyAndTrailersParsesBack() {
        RequestHead head = Http.requestHead("QUERY", "/search?q=1", HeaderMap.of("host", "example.com"));
        H1Buffer out = new H1Buffer(16);
        H1Encoder.requestHead(out, head);
        H1Encoder.transferEncodingChunked(out);
        H1Encoder.endOfHead(out);
        byte[] data = new byte[70_000];
        new Random(1).nextBytes(data);
        H1Encoder.chunk(out, data, 0, 65_536);
        H1Encoder.chunk(out, data, 65_536, 0);
        H1Encoder.chunk(out, data, 65_536, data.length - 65_536);
        H1Encoder.lastChunk(out, HeaderMap.of("checksum", "xyz"));
        H1TestStream.Outcome o = H1TestStream.parse(out.toByteArray(), true);
        assertThat(o.error()).isNull();
        H1TestStream.Message m = o.messages().get(0);
        assertThat(m.request().method().value()).isEqualTo("QUERY");
        assertThat(m.body()).isEqualTo(data);
        assertThat(m.trailers().get("Checksum")).contains("xyz");
        assertThat(m.chunkLengths()).containsExactly(65_536, data.length - 65_536);
    }

    @Test
    void nonAsciiFieldValuesRoundTripByteForByte() throws Exception {
        HeaderMap headers = HeaderMap.builder().add("x-name", "caf\u00e9 \u20ac").build();
        H1Buffer out = new H1Buffer();
        H1Encoder.requestHead(out, Http.requestHead("GET", "/", headers));
        H1Encoder.endOfHead(out);
        H1HeadParser p = new H1HeadParser();
        p.parseRequest(out.array(), 0, out.size());
        assertThat(p.fields().get("x-name")).contains("caf\u00e9 \u20ac");
        assertThat(p.fields().valueAt(0)).isEqualTo(HeaderValue.of("caf\u00e9 \u20ac"));
    }

    @Test
    void keepAliveFollowsVersionAndConnection() {
        assertThat(H1Framing.keepAlive(sifr.http.Version.HTTP_1_1, HeaderMap.empty())).isTrue();
        assertThat(H1Framing.keepAlive(sifr.http.Version.HTTP_1_1, HeaderMap.of("connection", "Keep-Alive, CLOSE"))).isFalse();
        assertThat(H1Framing.keepAlive(sifr.http.Version.HTTP_1_0, HeaderMap.empty())).isFalse();
        assertThat(H1Framing.keepAlive(sifr.http.Version.HTTP_1_0, HeaderMap.of("connection", "keep-alive"))).isTrue();
    }

    @Test
    void responsesWithoutContentHaveNoBody() throws Exception {
        ResponseHead withLength = Http.responseHead(200, HeaderMap.of("content-length", "5"));
        assertThat(H1Framing.ofResponse(withLength, Method.HEAD)).isEqualTo(H1Framing.NONE);
        assertThat(H1Framing.ofResponse(Http.responseHead(304, HeaderMap.of("content-length", "5")), Method.GET)).isEqualTo(H1Framing.NONE);
        assertThat(H1Framing.ofResponse(Http.responseHead(204, HeaderMap.empty()), Method.GET)).isEqualTo(H1Framing.NONE);
        assertThat(H1Framing.ofResponse(Http.responseHead(200, HeaderMap.empty()), Method.GET)).isEqualTo(H1Framing.UNTIL_CLOSE);
    }
}
