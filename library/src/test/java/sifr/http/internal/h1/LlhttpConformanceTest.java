package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import sifr.testing.TestData;

/**
 * nodejs/llhttp v9.4.2's test corpus, one test per case. Each case's input is parsed as a stream of
 * messages; the number of complete messages, whether the stream is rejected, and every complete
 * message's method, target, version, status, reason, fields and body must match llhttp's log.
 * Cases where this project is deliberately stricter or decides differently are listed in
 * {@link LlhttpDeviations} by name with the reason, and assert our behaviour instead.
 */
class LlhttpConformanceTest {

    static List<JsonNode> cases() {
        JsonNode root = TestData.json(TestData.conformance("http1/llhttp-cases.json"));
        return StreamSupport.stream(root.get("cases").spliterator(), false).toList();
    }

    static String id(JsonNode c) {
        return c.get("file").asText() + ":" + c.get("line").asInt() + " " + c.get("name").asText();
    }

    @TestFactory
    Stream<DynamicTest> llhttpCases() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(id(c) + " [" + c.get("type").asText() + "]", () -> run(c)));
    }

    private static void run(JsonNode c) throws Exception {
        String id = id(c);
        if (c.get("kind").asText().equals("url")) {
            UrlSpanCases.check(id, c);
            return;
        }
        byte[] input = Base64.getDecoder().decode(c.get("input_utf8_base64").asText());
        boolean requests = c.get("type").asText().startsWith("request");
        boolean skipBody = c.get("meta").path("skipBody").asBoolean(false);
        H1TestStream.Outcome ours = H1TestStream.parse(input, requests, sifr.http.Method.GET, skipBody);
        LlhttpDeviations.Deviation deviation = LlhttpDeviations.ALL.get(id);
        if (deviation != null) {
            deviation.check(ours, input, requests);
            return;
        }
        JsonNode error = c.get("error");
        boolean pauseOnly = !error.isNull() && error.get("code").asInt() >= 21 && error.get("code").asInt() <= 23;
        boolean llhttpRejects = !error.isNull() && !pauseOnly;
        List<LlhttpLog.Expected> expected = new ArrayList<>();
        for (LlhttpLog.Expected e : LlhttpLog.read(list(c.get("expected_log")))) {
            if (e.complete) {
                expected.add(e);
            }
        }
        assertThat(ours.rejected()).as("rejected (ours: %s %s)", ours.stop(), ours.error()).isEqualTo(llhttpRejects);
        assertThat(ours.completeCount()).as("complete messages").isEqualTo(c.get("messages_complete").asInt());
        for (int i = 0; i < expected.size(); i++) {
            compare(expected.get(i), ours.messages().get(i));
        }
    }

    static void compare(LlhttpLog.Expected e, H1TestStream.Message m) {
        if (m.request() != null) {
            assertThat(m.request().method().value()).isEqualTo(e.text(e.method));
            assertThat(m.request().path()).isEqualTo(e.text(e.url));
            assertThat(m.request().version().text()).isEqualTo("HTTP/" + e.text(e.version));
        } else {
            assertThat(m.response().status().code()).isEqualTo(e.statusCode);
            assertThat(m.reason().getBytes(StandardCharsets.UTF_8)).isEqualTo(e.status.toByteArray());
            assertThat(m.response().version().text()).isEqualTo("HTTP/" + e.text(e.version));
        }
        // llhttp reports trailer fields like header fields, after them
        List<sifr.http.HeaderField> ours = new ArrayList<>();
        for (sifr.http.HeaderField f : m.headers()) {
            ours.add(f);
        }
        for (sifr.http.HeaderField f : m.trailers()) {
            ours.add(f);
        }
        assertThat(ours).as("fields").hasSize(e.headers.size());
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i).name().value()).isEqualToIgnoringCase(e.headers.get(i).getKey());
            assertThat(ours.get(i).value().bytes()).isEqualTo(trimOws(e.headers.get(i).getValue()));
        }
        assertThat(m.body()).as("body").isEqualTo(e.body.toByteArray());
    }

    static byte[] trimOws(byte[] v) {
        int a = 0;
        int b = v.length;
        while (a < b && (v[a] == ' ' || v[a] == '\t')) {
            a++;
        }
        while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t')) {
            b--;
        }
        return java.util.Arrays.copyOfRange(v, a, b);
    }

    static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
