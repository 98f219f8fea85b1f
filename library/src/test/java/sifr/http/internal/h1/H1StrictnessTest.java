package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The request-smuggling vectors of issue 6 and DESIGN.md "Security defaults", each rejected by the codec. */
class H1StrictnessTest {

    private static H1TestStream.Outcome requests(String wire) {
        return H1TestStream.parse(wire.getBytes(StandardCharsets.ISO_8859_1), true);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejects(String wire) {
        H1TestStream.Outcome o = requests(wire);
        assertThat(o.error()).as("rejected: %s", wire).isNotNull();
        // the first message, if any, never completes: nothing is smuggled behind a bad one
        assertThat(o.completeCount()).isZero();
        return assertThat(o.error());
    }

    @Test
    void rejectsContentLengthWithTransferEncoding() {
        rejects("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                .hasMessage("Content-Length together with Transfer-Encoding");
    }

    @Test
    void rejectsDifferingContentLengths() {
        rejects("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!")
                .hasMessage("differing Content-Length values");
    }

    @Test
    void acceptsIdenticalRepeatedContentLength() {
        H1TestStream.Outcome o = requests("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(o.error()).isNull();
        assertThat(o.messages().get(0).body()).hasSize(5);
    }

    @Test
    void rejectsMalformedContentLength() {
        for (String bad : new String[] {"+5", "0x5", "-1", "5 5", "5,5", "", "1e3", "99999999999999999999"}) {
            rejects("POST / HTTP/1.1\r\nContent-Length: " + bad + "\r\n\r\nhello");
        }
    }

    @Test
    void rejectsTransferEncodingOtherThanAFinalChunked() {
        rejects("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nhello").hasMessage("Transfer-Encoding other than a final chunked");
        rejects("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n");
        rejects("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n");
        rejects("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n");
        rejects("POST / HTTP/1.1\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n");
        rejects("POST / HTTP/1.1\r\nTransfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n");
        rejects("POST / HTTP/1.1\r\nTransfer-Encoding: ,chunked\r\n\r\n0\r\n\r\n");
    }

    @Test
    void acceptsAFinalChunkedAfterAnotherCoding() {
        assertThat(requests("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n0\r\n\r\n").error()).isNull();
    }

    @Test
    void rejectsTransferEncodingInHttp10() {
        rejects("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    }

    @Test
    void rejectsBareLf() {
        rejects("GET / HTTP/1.1\nHost: a\r\n\r\n").hasMessage("bare LF in HTTP/1.1 message");
        rejects("GET / HTTP/1.1\r\nHost: a\n\r\n").hasMessage("bare LF in HTTP/1.1 message");
        rejects("GET / HTTP/1.1\r\nHost: a\r\n\n");
    }

    @Test
    void rejectsBareCr() {
        rejects("GET / HTTP/1.1\rHost: a\r\n\r\n").hasMessage("bare CR in HTTP/1.1 message");
        rejects("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n");
        rejects("GET / HTTP/1.1\r\nHost: a\r\n\rX");
    }

    @Test
    void rejectsObsFold() {
        rejects("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n").hasMessage("obs-fold or whitespace at the start of a header line");
        rejects("GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n");
    }

    @Test
    void rejectsWhitespaceBeforeTheColon() {
        rejects("GET / HTTP/1.1\r\nHost : a\r\n\r\n").hasMessage("whitespace before the colon of a header field");
        rejects("POST / HTTP/1.1\r\nTransfer-Encoding\t: chunked\r\n\r\n0\r\n\r\n");
    }

    @Test
    void rejectsControlCharacters() {
        rejects("GET / HTTP/1.1\r\nX: a\u0000b\r\n\r\n").hasMessage("invalid character in header value");
        rejects("GET / HTTP/1.1\r\nX: a\u007fb\r\n\r\n");
        rejects("GET / HTTP/1.1\r\nX\u0001: a\r\n\r\n").hasMessage("invalid character in header field name");
        rejects("GET /a\u0001b HTTP/1.1\r\n\r\n").hasMessage("invalid request target");
        rejects("GET /a\tb HTTP/1.1\r\n\r\n");
    }

    @Test
    void rejectsBadChunkSizes() {
        for (String size : new String[] {"-5", "+5", "0x5", "5 ", " 5", "g", "", "ffffffffffffffffff"}) {
            H1TestStream.Outcome o = requests("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\nhello\r\n0\r\n\r\n");
            assertThat(o.error()).as("chunk size '%s'", size).isNotNull();
        }
    }

    @Test
    void rejectsBadChunkExtensions() {
        for (String ext : new String[] {";", ";=x", ";a=", ";a=\"x", ";a b", ";a=\"\u0001\"", ";a=x y", ";a\u0000"}) {
            H1TestStream.Outcome o = requests("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5" + ext + "\r\nhello\r\n0\r\n\r\n");
            assertThat(o.error()).as("extension '%s'", ext).isNotNull();
        }
    }

    @Test
    void acceptsChunkExtensionsWithBadWhitespaceWhereTheGrammarAllowsIt() {
        H1TestStream.Outcome o = requests("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5 ; a = b ; c=\"q\\\"d\"\r\nhello\r\n0\r\n\r\n");
        assertThat(o.error()).isNull();
        assertThat(o.messages().get(0).body()).containsExactly("hello".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void rejectsChunkDataWithoutCrlf() {
        assertThat(requests("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloX\r\n0\r\n\r\n").error()).isNotNull();
    }

    @Test
    void rejectsOversizedRequestLine() {
        String target = "/" + "a".repeat(8 * 1024);
        H1TestStream.Outcome o = requests("GET " + target + " HTTP/1.1\r\n\r\n");
        assertThat(o.error()).isNotNull();
        assertThat(o.error().status()).isEqualTo(414);
    }

    @Test
    void rejectsOversizedRequestLineBeforeItEnds() throws Exception {
        byte[] partial = ("GET /" + "a".repeat(9000)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new H1HeadParser().parseRequest(partial, 0, partial.length))
                .isInstanceOf(H1ParseError.class).hasMessage("request line is too long");
    }

    @Test
    void rejectsMoreThanOneHundredFieldsByDefault() {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 101; i++) {
            sb.append("x-").append(i).append(": v\r\n");
        }
        H1TestStream.Outcome o = requests(sb.append("\r\n").toString());
        assertThat(o.error()).hasMessage("too many HTTP headers");
        assertThat(o.error().status()).isEqualTo(431);
    }

    @Test
    void rejectsAHeaderSectionOver64KiBByDefault() {
        String big = "v".repeat(40_000);
        H1TestStream.Outcome o = requests("GET / HTTP/1.1\r\na: " + big + "\r\nb: " + big + "\r\n\r\n");
        assertThat(o.error()).hasMessage("header section is too large");
        assertThat(o.error().status()).isEqualTo(431);
    }

    @Test
    void limitsAreConfigurable() throws Exception {
        H1Limits limits = H1Limits.of(sifr.http.Http1Limits.builder().maxHeaderFields(2).maxStartLineBytes(20).build(),
                H1Limits.DEFAULT.maxHeaderSectionBytes());
        H1HeadParser parser = new H1HeadParser(limits);
        byte[] ok = "GET / HTTP/1.1\r\na: 1\r\nb: 2\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(parser.parseRequest(ok, 0, ok.length)).isEqualTo(ok.length);
        byte[] three = "GET / HTTP/1.1\r\na: 1\r\nb: 2\r\nc: 3\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parser.parseRequest(three, 0, three.length)).hasMessage("too many HTTP headers");
        byte[] longLine = "GET /0123456789012345 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new H1HeadParser(limits).parseRequest(longLine, 0, longLine.length))
                .hasMessage("request line is too long");
        assertThat(H1Limits.DEFAULT.maxStartLineBytes()).isEqualTo(8192);
        assertThat(H1Limits.DEFAULT.maxHeaderSectionBytes()).isEqualTo(65536);
        assertThat(H1Limits.DEFAULT.maxHeaderFields()).isEqualTo(100);
    }

    @Test
    void rejectsUnsupportedVersionsWith505() {
        H1TestStream.Outcome o = requests("GET / HTTP/2.0\r\n\r\n");
        assertThat(o.error().status()).isEqualTo(505);
    }

    @Test
    void noSecondRequestIsSmuggledBehindAChunkedBody() {
        // the classic CL.TE attack only works if one side honours Content-Length; here the message is rejected
        rejects("POST / HTTP/1.1\r\nContent-Length: 13\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nSMUGGLED");
        // with chunked only, the bytes after the terminating chunk are the next request, parsed as such
        H1TestStream.Outcome o = requests("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /next HTTP/1.1\r\n\r\n");
        assertThat(o.completeCount()).isEqualTo(2);
        assertThat(o.messages().get(1).request().path()).isEqualTo("/next");
    }
}
