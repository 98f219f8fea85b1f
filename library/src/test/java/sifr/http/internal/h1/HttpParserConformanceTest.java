package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import sifr.http.HeaderField;
import sifr.testing.TestData;

/**
 * nodejs/http-parser's test.c corpus: the 77 whole messages (fields, body, chunk lengths,
 * keep-alive, end-of-stream and upgrade behaviour), the 71 raw inputs with their expected outcome,
 * and the 46 URL cases (mapped as {@link UrlSpanCases} describes), one test each.
 */
class HttpParserConformanceTest {

    /** Messages http-parser accepts and we reject, by type and index (names repeat), with the reason. */
    static final Map<String, String> STRICTER_MESSAGES = Map.ofEntries(
            Map.entry("request 19", "request with no http version: HTTP/0.9 simple requests are rejected"),
            Map.entry("request 21", "line folding in header value: obs-fold is rejected (RFC 9112 §5.2)"),
            Map.entry("request 27", "utf-8 path request: a request target must be visible ASCII (RFC 9112 §3.2)"),
            Map.entry("request 34", "line folding in header value: obs-fold and bare LF are rejected (RFC 9112 §5.2, §2.2)"),
            Map.entry("request 35", "multiple connection header values with folding: obs-fold is rejected"),
            Map.entry("request 37", "multiple connection header values with folding and lws: obs-fold is rejected"),
            Map.entry("request 43", "source request over ICE/1.0: only HTTP start lines are accepted"),
            Map.entry("request 45", "multi line coding transfer-encoding: obs-fold is rejected"),
            Map.entry("request 46", "chunked with content-length set: Content-Length with Transfer-Encoding is rejected "
                    + "(smuggling), whatever flag a parser offers"),
            Map.entry("response 4", "200 trailing space on chunked body: whitespace after a chunk size that no ';' follows "
                    + "is not chunk-size grammar (llhttp rejects it too)"),
            Map.entry("response 5", "no carriage ret: a bare LF is rejected, CRLF only"),
            Map.entry("response 11", "http version 0.9: only HTTP/1.0 and HTTP/1.1 are accepted"),
            Map.entry("response 19", "field space: whitespace inside a field name is rejected"));

    /** Messages we accept but read differently, by type and index, with the reason. */
    static final Map<String, String> DIFFERENT = Map.of(
            "response 6", "proxy connection: Proxy-Connection is not a standard field (RFC 9112 §9.6); only Connection "
                    + "decides keep-alive, so the connection persists",
            "response 24", "HTTP 101 with Content-Length: a 1xx response has no content (RFC 9112 §6.3); what follows "
                    + "the head is the new protocol",
            "response 25", "HTTP 101 with Transfer-Encoding: a 1xx response has no content (RFC 9112 §6.3); what follows "
                    + "the head is the new protocol");

    /** Raw inputs where we decide differently, by their index in the file, with the reason. */
    static final Map<Integer, String> DIFFERENT_SIMPLE = Map.ofEntries(
            Map.entry(5, "a line that starts with a space is obs-fold: rejected (http-parser accepts)"),
            Map.entry(68, "obs-fold (a folded certificate) is rejected (http-parser accepts)"),
            Map.entry(55, "ASDF: any token is a method (SPEC.md: extension methods accepted); http-parser keeps a list"),
            Map.entry(56, "C******: any token is a method ('*' is a tchar); http-parser keeps a list"),
            Map.entry(57, "COLA: any token is a method; http-parser keeps a list"),
            Map.entry(58, "GEM: any token is a method; http-parser keeps a list"),
            Map.entry(59, "GETA: any token is a method; http-parser keeps a list"),
            Map.entry(60, "M****: any token is a method; http-parser keeps a list"),
            Map.entry(61, "MKCOLA: any token is a method; http-parser keeps a list"),
            Map.entry(62, "PROPPATCHA: any token is a method; http-parser keeps a list"),
            Map.entry(63, "PUN: any token is a method; http-parser keeps a list"),
            Map.entry(64, "PX: any token is a method; http-parser keeps a list"),
            Map.entry(65, "SA: any token is a method; http-parser keeps a list"));

    static JsonNode root() {
        return TestData.json(TestData.conformance("http1/http-parser-messages.json"));
    }

    @TestFactory
    Stream<DynamicTest> messages() {
        JsonNode root = root();
        List<JsonNode> all = new ArrayList<>();
        root.get("requests").forEach(all::add);
        root.get("responses").forEach(all::add);
        return all.stream().map(c -> DynamicTest.dynamicTest(
                c.get("type").asText() + " " + c.get("index").asInt() + " " + c.get("name").asText(), () -> message(c)));
    }

    private static void message(JsonNode c) {
        String key = c.get("type").asText() + " " + c.get("index").asInt();
        boolean request = c.get("type").asText().equals("request");
        byte[] raw = c.get("raw").asText().getBytes(StandardCharsets.ISO_8859_1);
        H1TestStream.Outcome ours = H1TestStream.parse(raw, request);
        if (STRICTER_MESSAGES.containsKey(key)) {
            assertThat(ours.error()).as(STRICTER_MESSAGES.get(key)).isNotNull();
            return;
        }
        assertThat(ours.error()).as("error").isNull();
        H1TestStream.Message m = ours.messages().get(0);
        if (request) {
            assertThat(m.request().method().value()).isEqualTo(c.get("method").asText());
            assertThat(m.request().path()).isEqualTo(c.get("request_url").asText());
        } else {
            assertThat(m.response().status().code()).isEqualTo(c.get("status_code").asInt());
            assertThat(m.reason().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(c.get("response_status").asText().getBytes(StandardCharsets.ISO_8859_1));
        }
        String version = request ? m.request().version().text() : m.response().version().text();
        assertThat(version).isEqualTo("HTTP/" + c.get("http_major").asInt() + "." + c.get("http_minor").asInt());
        List<HeaderField> fields = new ArrayList<>();
        for (HeaderField f : m.headers()) {
            fields.add(f);
        }
        for (HeaderField f : m.trailers()) {
            fields.add(f);
        }
        JsonNode headers = c.get("headers");
        assertThat(fields).hasSize(headers.size());
        for (int i = 0; i < fields.size(); i++) {
            assertThat(fields.get(i).name().value()).isEqualToIgnoringCase(headers.get(i).get(0).asText());
            assertThat(fields.get(i).value().bytes()).isEqualTo(LlhttpConformanceTest.trimOws(
                    headers.get(i).get(1).asText().getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (key.equals("response 6")) {
            assertThat(m.keepAlive()).as(DIFFERENT.get(key)).isTrue();
            return;
        }
        if (DIFFERENT.containsKey(key)) {
            assertThat(m.body()).as(DIFFERENT.get(key)).isEmpty();
            assertThat(ours.stop()).isEqualTo(H1TestStream.Stop.UPGRADE);
            return;
        }
        assertThat(m.body()).as("body").isEqualTo(c.get("body").asText().getBytes(StandardCharsets.ISO_8859_1));
        List<Integer> chunks = new ArrayList<>();
        c.get("chunk_lengths").forEach(n -> chunks.add(n.asInt()));
        assertThat(m.chunkLengths()).as("chunk lengths").isEqualTo(chunks);
        assertThat(m.complete()).as("complete before end of stream").isEqualTo(!c.get("message_complete_on_eof").asBoolean());
        assertThat(m.keepAlive()).as("keep-alive").isEqualTo(c.get("should_keep_alive").asBoolean());
        if (!c.get("upgrade").isNull()) {
            assertThat(ours.stop()).isIn(H1TestStream.Stop.UPGRADE, H1TestStream.Stop.END);
        }
    }

    @TestFactory
    Stream<DynamicTest> simpleInputs() {
        JsonNode all = TestData.json(TestData.conformance("http1/http-parser-simple.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            JsonNode c = all.get(i);
            int index = i;
            tests.add(DynamicTest.dynamicTest("simple " + i + " " + c.get("expected_errno").asText(), () -> simple(index, c)));
        }
        return tests.stream();
    }

    private static void simple(int index, JsonNode c) {
        byte[] raw = c.get("raw").asText().getBytes(StandardCharsets.ISO_8859_1);
        boolean request = c.get("type").asText().equals("request");
        H1TestStream.Outcome ours = H1TestStream.parse(raw, request);
        boolean ok = c.get("expected_errno").asText().equals("HPE_OK");
        if (DIFFERENT_SIMPLE.containsKey(index)) {
            // each listed case is decided the other way round from http-parser
            assertThat(ours.error() != null).as(DIFFERENT_SIMPLE.get(index)).isEqualTo(ok);
            return;
        }
        assertThat(ours.error() != null).as("rejected (ours: %s)", ours.error()).isEqualTo(!ok);
    }

    @TestFactory
    Stream<DynamicTest> urls() {
        return StreamSupport.stream(root().get("url_tests").spliterator(), false).map(u -> DynamicTest.dynamicTest(
                "url " + u.get("name").asText(), () -> UrlSpanCases.check(u.get("name").asText(), u.get("url").asText(),
                        u.get("is_connect").asBoolean(), u.get("expect_error").asBoolean())));
    }
}
