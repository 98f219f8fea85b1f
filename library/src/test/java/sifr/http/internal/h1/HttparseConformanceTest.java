package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import sifr.http.HeaderMap;
import sifr.testing.TestData;

/**
 * seanmonstar/httparse v1.10.1's request and response head tests, one test per case: the status
 * (complete with the whole input, partial, error) and the parsed method, path, version, fields,
 * code and reason. On a partial head this parser exposes no fields (httparse exposes those read so
 * far), so partial cases check the status only.
 */
class HttparseConformanceTest {

    /** Cases where we deliberately differ, by name, with the reason: we reject, httparse accepts. */
    static final Map<String, String> STRICTER = Map.of(
            "test_request_newlines", "a bare LF ends no line here: CRLF only (RFC 9112 §2.2 allows rejecting)",
            "test_request_empty_lines_prefix_lf_only", "a bare LF ends no line here: CRLF only",
            "test_request_path_backslash", "a bare LF ends no line here: CRLF only (the input uses LF line ends)",
            "test_response_newlines", "a bare LF ends no line here: CRLF only",
            "test_response_empty_lines_prefix_lf_only", "a bare LF ends no line here: CRLF only",
            "test_response_no_cr", "a bare LF ends no line here: CRLF only");

    static List<JsonNode> cases() {
        JsonNode root = TestData.json(TestData.conformance("http1/httparse-cases.json"));
        return StreamSupport.stream(root.get("cases").spliterator(), false).toList();
    }

    @TestFactory
    Stream<DynamicTest> httparseCases() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
    }

    private static void run(JsonNode c) throws Exception {
        byte[] input = c.get("input_latin1").asText().getBytes(StandardCharsets.ISO_8859_1);
        boolean request = c.get("kind").asText().equals("request");
        String name = c.get("name").asText();
        H1HeadParser parser = new H1HeadParser();
        if (STRICTER.containsKey(name)) {
            assertThatThrownBy(() -> parse(parser, request, input)).as(STRICTER.get(name)).isInstanceOf(H1ParseError.class);
            return;
        }
        String status = c.get("expected_status").asText();
        if (status.startsWith("Err")) {
            assertThatThrownBy(() -> parse(parser, request, input)).isInstanceOf(H1ParseError.class);
            return;
        }
        int n = parse(parser, request, input);
        if (status.contains("Partial")) {
            assertThat(n).isEqualTo(H1HeadParser.PARTIAL);
            return;
        }
        assertThat(n).as("consumed").isEqualTo(input.length);
        JsonNode f = c.get("expected_fields");
        HeaderMap fields = parser.fields();
        if (request) {
            if (f.has("method")) {
                assertThat(parser.requestHead().method().value()).isEqualTo(f.get("method").asText());
            }
            if (f.has("path")) {
                assertThat(parser.requestHead().path()).isEqualTo(f.get("path").asText());
            }
        } else {
            if (f.has("code")) {
                assertThat(parser.responseHead().status().code()).isEqualTo(f.get("code").asInt());
            }
            if (f.has("reason")) {
                assertThat(parser.reason()).isEqualTo(f.get("reason").asText());
            }
        }
        if (f.has("version")) {
            String version = request ? parser.requestHead().version().text() : parser.responseHead().version().text();
            assertThat(version).isEqualTo("HTTP/1." + f.get("version").asInt());
        }
        if (f.has("num_headers")) {
            assertThat(fields.size()).isEqualTo(f.get("num_headers").asInt());
        }
        if (f.has("headers")) {
            JsonNode headers = f.get("headers");
            for (int i = 0; i < headers.size(); i++) {
                assertThat(fields.nameAt(i).value()).isEqualToIgnoringCase(headers.get(i).get("name").asText());
                assertThat(fields.valueAt(i).bytes())
                        .isEqualTo(headers.get(i).get("value_latin1").asText().getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static int parse(H1HeadParser parser, boolean request, byte[] input) throws H1ParseError {
        return request ? parser.parseRequest(input, 0, input.length) : parser.parseResponse(input, 0, input.length);
    }
}
