package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's "Full HTTP Substrate Demo" (seed/networking.md), statement by statement, in Java. */
class HttpSubstrateDemoTest {

    @Test
    void fullHttpSubstrateDemoRunsAsInTheSeed() throws Exception {
        // headers: HeaderMap = headers_from_pairs([("content-type", ...), ("cookie", ...)])
        HeaderMap headers = Http.headersFromPairs(List.of(
                Map.entry("content-type", "application/octet-stream"),
                Map.entry("cookie", "session=demo; mode=substrate")));
        // request: RequestHead = request_head("POST", "/demo/network-http", headers)
        RequestHead request = Http.requestHead("POST", "/demo/network-http", headers);
        // assert request.method.value == "POST"
        assertThat(request.method().value()).isEqualTo("POST");
        // assert request.path == "/demo/network-http"
        assertThat(request.path()).isEqualTo("/demo/network-http");

        // cookies = parse_cookie_header("session=demo; mode=substrate"); assert len(cookies) == 2
        List<Map.Entry<String, String>> cookies = Http.parseCookieHeader("session=demo; mode=substrate");
        assertThat(cookies).hasSize(2);

        // body = body_from_chunks([b"ping", b"-http"]); collected = body.collect_with_limit(32)
        BodyStream body = Http.bodyFromChunks(List.of(bytes("ping"), bytes("-http")));
        byte[] collected = body.collectWithLimit(32);
        // assert collected == b"ping-http"
        assertThat(collected).isEqualTo(bytes("ping-http"));

        // response_headers = headers_from_pairs([("x-sifr-demo", "network-http")])
        HeaderMap responseHeaders = Http.headersFromPairs(List.of(Map.entry("x-sifr-demo", "network-http")));
        // response = response_head(201, response_headers, "HTTP/1.1"); assert response.status.code == 201
        ResponseHead response = Http.responseHead(201, responseHeaders, "HTTP/1.1");
        assertThat(response.status().code()).isEqualTo(201);

        // too_large = False; try: body_from_chunks([b"abcd"]).collect_with_limit(2)
        // except BodyError as e: too_large = "exceeds" in e.message
        boolean tooLarge = false;
        try {
            BodyStream limitedBody = Http.bodyFromChunks(List.of(bytes("abcd")));
            limitedBody.collectWithLimit(2);
        } catch (BodyError e) {
            tooLarge = e.getMessage().contains("exceeds");
        }
        // assert too_large
        assertThat(tooLarge).isTrue();
    }

    @Test
    void seedSnippetsForHeadsBodiesAndCookiesBehaveAsPrinted() throws Exception {
        HeaderMap headers = Http.headersFromPairs(List.of(
                Map.entry("content-type", "application/json"), Map.entry("x-request-id", "abc123")));
        assertThat(headers.get("x-request-id")).contains("abc123");

        RequestHead request = Http.requestHead("POST", "/api/upload",
                Http.headersFromPairs(List.of(Map.entry("content-type", "application/octet-stream"))));
        assertThat(request.method().value()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/upload");
        assertThat(Http.responseHead(200, HeaderMap.of("x-sifr", "ok"), "HTTP/1.1").status().code()).isEqualTo(200);

        BodyStream body = Http.bodyFromChunks(List.of(bytes("hello"), bytes(" "), bytes("world")));
        assertThat(new String(body.collectWithLimit(1024), StandardCharsets.UTF_8)).isEqualTo("hello world");

        BodyStream limited = Http.bodyFromChunks(List.of(bytes("very long payload...")));
        try {
            limited.collectWithLimit(8);
            throw new AssertionError("expected a BodyError");
        } catch (BodyError e) {
            assertThat(e.getMessage()).contains("exceeds limit");
        }

        assertThat(Http.parseCookieHeader("session=demo; mode=substrate"))
                .containsExactly(Map.entry("session", "demo"), Map.entry("mode", "substrate"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
