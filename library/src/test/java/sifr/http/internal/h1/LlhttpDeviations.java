package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;

/**
 * llhttp cases where this project deliberately decides differently, by case name, with the reason.
 * Most are llhttp's opt-in lenient modes (the case type names the flag): this codec has no lenient
 * mode, so it rejects what only a lenient llhttp accepts.
 */
final class LlhttpDeviations {

    enum Expect {
        /** We reject the stream after {@code completeMessages} complete messages. */
        REJECT,
        /** We accept where llhttp rejects. */
        ACCEPT,
        /** llhttp rejects a head before it ends; we judge a head when it is complete: with the end added, we reject. */
        REJECT_WHEN_HEAD_COMPLETE
    }

    record Deviation(String reason, Expect expect, long completeMessages) {
        void check(H1TestStream.Outcome ours, byte[] input, boolean requests) {
            switch (expect) {
                case REJECT -> assertThat(ours.rejected()).as("rejected: " + reason).isTrue();
                case ACCEPT -> assertThat(ours.rejected()).as("accepted: " + reason).isFalse();
                case REJECT_WHEN_HEAD_COMPLETE -> {
                    assertThat(ours.stop()).isEqualTo(H1TestStream.Stop.INCOMPLETE);
                    byte[] completed = Arrays.copyOf(input, input.length + 2);
                    completed[input.length] = '\r';
                    completed[input.length + 1] = '\n';
                    assertThat(H1TestStream.parse(completed, requests).rejected()).as("rejected: " + reason).isTrue();
                }
            }
            assertThat(ours.completeCount()).as("complete messages").isEqualTo(completeMessages);
        }
    }

    private static final String LENIENT_KEEP_ALIVE = "lenient keep-alive: after a message that closes the connection, "
            + "further bytes are not parsed (the server closes; nothing is smuggled)";
    private static final String OBS_FOLD = "obs-fold is rejected (RFC 9112 §5.2 lets a server reject it; a smuggling vector)";
    private static final String SPACE_BEFORE_COLON = "whitespace before the colon is rejected (RFC 9112 §5.1 requires a server to)";
    private static final String BARE_CR = "a bare CR is rejected (RFC 9112 §2.2)";
    private static final String BARE_LF = "a bare LF is rejected: CRLF only (RFC 9112 §2.2 allows rejecting; a smuggling vector)";
    private static final String CONTROL = "control characters in field values are rejected";
    private static final String CL_AND_TE = "Content-Length with Transfer-Encoding is rejected (RFC 9112 §6.1; smuggling)";
    private static final String TE_NOT_FINAL = "a request Transfer-Encoding other than a final chunked is rejected (RFC 9112 §6.3)";
    private static final String VERSION = "only HTTP/1.0 and HTTP/1.1 are accepted (505 otherwise)";
    private static final String PROTOCOL = "only HTTP: RTSP and ICE start lines are rejected";

    static Deviation stricter(String reason, long completeBeforeRejection) {
        return new Deviation(reason, Expect.REJECT, completeBeforeRejection);
    }

    static final Map<String, Deviation> ALL = Map.ofEntries(
            Map.entry("request/connection.md:107 Resetting flags when keep-alive is off (1.0, lenient)", stricter(LENIENT_KEEP_ALIVE, 1)),
            Map.entry("request/connection.md:392 CRLF between requests, explicit `close` (lenient)", stricter(LENIENT_KEEP_ALIVE, 1)),
            Map.entry("response/connection.md:191 HTTP/1.1 with keep-alive disabled, content-length (lenient)", stricter(LENIENT_KEEP_ALIVE, 1)),
            Map.entry("response/connection.md:260 HTTP/1.1 with keep-alive disabled and 204 status (lenient)", stricter(LENIENT_KEEP_ALIVE, 1)),
            Map.entry("request/connection.md:481 Multiple tokens with folding", stricter(OBS_FOLD, 0)),
            Map.entry("request/connection.md:576 Multiple tokens with folding, LWS, and CRLF", stricter(OBS_FOLD, 0)),
            Map.entry("request/invalid.md:686 Spaces before headers (lenient)", stricter(OBS_FOLD, 0)),
            Map.entry("request/sample.md:333 Line folding in header value with CRLF", stricter(OBS_FOLD, 0)),
            Map.entry("request/sample.md:571 X-SSL-Nonsense", stricter(OBS_FOLD, 0)),
            Map.entry("response/transfer-encoding.md:389 Invalid OBS fold after chunked value", stricter(OBS_FOLD, 0)),
            Map.entry("request/connection.md:637 Invalid whitespace token with `Connection` header field (lenient)", stricter(SPACE_BEFORE_COLON, 0)),
            Map.entry("request/content-length.md:189 Invalid whitespace token with `Content-Length` header field (lenient)", stricter(SPACE_BEFORE_COLON, 0)),
            Map.entry("request/content-length.md:519 Missing CRLF-CRLF before body (lenient)", stricter(BARE_CR, 0)),
            Map.entry("request/invalid.md:181 Headers separated by dummy characters (lenient)", stricter(BARE_CR, 0)),
            Map.entry("request/lenient-headers.md:109 Empty headers separated by CR (lenient)", stricter(BARE_CR, 0)),
            Map.entry("request/sample.md:454 No LF after CR (lenient)", stricter(BARE_CR, 0)),
            Map.entry("request/transfer-encoding.md:1025 Chunk header not terminated by CRLF (lenient)", stricter(BARE_CR, 0)),
            Map.entry("response/invalid.md:151 Bare CR after response line (lenient)", stricter(BARE_CR, 0)),
            Map.entry("request/invalid.md:568 Only LFs present (lenient)", stricter(BARE_LF, 0)),
            Map.entry("response/invalid.md:304 Only LFs present and no body (lenient)", stricter(BARE_LF, 0)),
            Map.entry("response/invalid.md:348 Only LFs present (lenient)", stricter(BARE_LF, 0)),
            Map.entry("response/sample.md:351 No carriage ret (lenient)", stricter(BARE_LF, 0)),
            Map.entry("request/lenient-header-value-relaxed.md:8 Control char in header value (relaxed)", stricter(CONTROL, 0)),
            Map.entry("request/lenient-headers.md:6 Header value (lenient)", stricter(CONTROL, 0)),
            Map.entry("request/lenient-headers.md:34 Second request header value (lenient)", stricter(CONTROL, 1)),
            Map.entry("request/content-length.md:229 No error on simultaneous `Content-Length` and `Transfer-Encoding: identity` (lenient)", stricter(CL_AND_TE, 0)),
            Map.entry("request/transfer-encoding.md:530 POST with `Transfer-Encoding` and `Content-Length` (lenient)", stricter(CL_AND_TE, 0)),
            Map.entry("request/transfer-encoding.md:680 POST with `chunked` before other transfer-coding (lenient)", stricter(TE_NOT_FINAL, 0)),
            Map.entry("request/transfer-encoding.md:713 POST with `chunked` and duplicate transfer-encoding (lenient)", stricter(TE_NOT_FINAL, 0)),
            Map.entry("request/transfer-encoding.md:1140 Chunk data not terminated by CRLF (lenient)",
                    stricter("chunk data must be followed by CRLF (RFC 9112 §7.1)", 0)),
            Map.entry("request/transfer-encoding.md:1215 Space after chunk header (lenient)",
                    stricter("no whitespace after a chunk size (strict chunk-size grammar)", 0)),
            Map.entry("request/lenient-version.md:4 Invalid HTTP version (lenient)", stricter(VERSION, 0)),
            Map.entry("response/lenient-version.md:4 Invalid HTTP version (lenient)", stricter(VERSION, 0)),
            Map.entry("response/sample.md:645 HTTP version 0.9", stricter(VERSION, 0)),
            Map.entry("request/sample.md:314 No HTTP version", stricter("HTTP/0.9 simple requests (no version) are rejected", 0)),
            Map.entry("request/method.md:372 SOURCE request with ICE", stricter(PROTOCOL, 0)),
            Map.entry("request/method.md:400 OPTIONS request with RTSP", stricter(PROTOCOL, 0)),
            Map.entry("request/method.md:430 ANNOUNCE request with RTSP", stricter(PROTOCOL, 0)),
            Map.entry("response/sample.md:40 RTSP response", stricter(PROTOCOL, 0)),
            Map.entry("response/sample.md:60 ICE response", stricter(PROTOCOL, 0)),
            Map.entry("request/invalid.md:66 HTTP protocol and ANNOUNCE method", new Deviation(
                    "any token is a method (SPEC.md: extension methods are accepted); llhttp keeps a fixed list", Expect.ACCEPT, 1)),
            Map.entry("request/invalid.md:356 Invalid method", new Deviation(
                    "any token is a method (SPEC.md: extension methods are accepted); llhttp keeps a fixed list", Expect.ACCEPT, 1)),
            Map.entry("request/method.md:458 PRI request HTTP2", new Deviation(
                    "PRI * HTTP/1.1 parses as a request and ends HTTP/1.1 (the HTTP/2 preface); llhttp pauses before completing it",
                    Expect.ACCEPT, 1)),
            Map.entry("request/content-length.md:75 Error on `Content-Length` overflow", new Deviation(
                    "Content-Length is judged once the head is complete; the input stops before that", Expect.REJECT_WHEN_HEAD_COMPLETE, 0)),
            Map.entry("request/content-length.md:100 Error on duplicate `Content-Length`", new Deviation(
                    "Content-Length is judged once the head is complete; the input stops before that", Expect.REJECT_WHEN_HEAD_COMPLETE, 0))
    );

    private LlhttpDeviations() {
    }
}
