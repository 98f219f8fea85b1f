package sifr.http.internal.hpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;
import sifr.testing.TestData;

/** Decoding into typed fields ({@link HeaderFieldSink}): validation, caching in the table, conformance. */
class HpackTypedDecodeTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Records fields as "name: value" (octets), pseudo-fields alike, malformed ones marked. */
    static final class Recorder implements HeaderFieldSink {
        final List<String> fields = new ArrayList<>();
        final List<HeaderName> names = new ArrayList<>();
        final List<HeaderValue> values = new ArrayList<>();

        @Override
        public void pseudoHeader(String name, String value) {
            fields.add(name + ": " + value);
        }

        @Override
        public void header(HeaderName name, HeaderValue value) {
            names.add(name);
            values.add(value);
            fields.add(name.value() + ": " + new String(value.bytes(), StandardCharsets.ISO_8859_1)
                    + (value.isSensitive() ? " (sensitive)" : ""));
        }

        @Override
        public void malformed(String name, String reason) {
            fields.add("MALFORMED " + name + ": " + reason);
        }
    }

    private static Recorder decode(HpackDecoder d, String hex) throws Exception {
        byte[] block = HEX.parseHex(hex);
        Recorder r = new Recorder();
        d.decode(block, 0, block.length, r);
        return r;
    }

    @Test
    void indexedFieldsReuseTheValidatedNameAndValue() throws Exception {
        HpackDecoder d = new HpackDecoder(1 << 16, 1 << 16);
        // 40 = literal with incremental indexing, new name "x-id" value "abc"; then be = index 62 twice
        Recorder r = decode(d, "4004782d6964036162 63bebe".replace(" ", ""));
        assertThat(r.fields).containsExactly("x-id: abc", "x-id: abc", "x-id: abc");
        assertThat(r.names.get(1)).isSameAs(r.names.get(0));
        assertThat(r.values.get(2)).isSameAs(r.values.get(0));
        // static entries are typed once for all decoders: 0x90 = index 16, accept-encoding: gzip, deflate
        Recorder s = decode(d, "90");
        assertThat(s.names.get(0)).isSameAs(HeaderName.ACCEPT_ENCODING);
    }

    @Test
    void reportsInvalidFieldsAndKeepsDecoding() throws Exception {
        HpackDecoder d = new HpackDecoder(1 << 16, 1 << 16);
        // 40 "X-A" "1": uppercase name (RFC 9113 §8.2.1); 40 "x-b" " 2": leading space; then 82
        Recorder r = decode(d, "4003582d4101314003782d62022032" + "82");
        assertThat(r.fields).containsExactly("MALFORMED X-A: uppercase in HTTP/2 field name",
                "MALFORMED x-b: HTTP/2 field value starts or ends with whitespace", ":method: GET");
        // the entries are in the table all the same, and stay invalid when indexed: bf = 63 (X-A), be = 62 (x-b)
        Recorder again = decode(d, "bfbe");
        assertThat(again.fields).hasSize(2).allMatch(f -> f.startsWith("MALFORMED"));
        // a NUL in a value
        Recorder nul = decode(new HpackDecoder(1 << 16, 1 << 16), "0003782d630261" + "00");
        assertThat(nul.fields).singleElement().asString().startsWith("MALFORMED x-c");
    }

    @Test
    void neverIndexedValuesArriveSensitive() throws Exception {
        // 1f 08 = never indexed, name index 23 (authorization); 01 "x"
        assertThat(decode(new HpackDecoder(1 << 16, 1 << 16), "1f080178").fields)
                .containsExactly("authorization: x (sensitive)");
    }

    /**
     * Every encoder story of hpack-test-case through the typed path: the same fields as the string
     * path, except values with leading or trailing whitespace, which HTTP/2 forbids (RFC 9113
     * §8.2.1) and which are therefore reported malformed (5 fields of the recorded traffic, in each
     * encoder's copy of the stories).
     */
    @TestFactory
    Stream<DynamicNode> everyStoryDecodesToTypedFields() throws Exception {
        List<Path> stories = HpackConformanceTest.folders().stream()
                .filter(p -> !p.getFileName().toString().equals("raw-data"))
                .flatMap(f -> HpackConformanceTest.stories(f).stream()).toList();
        return stories.stream().map(story -> DynamicTest.dynamicTest(
                story.getParent().getFileName() + "/" + story.getFileName(), () -> decodeStory(story)));
    }

    private static void decodeStory(Path story) throws Exception {
        HpackDecoder decoder = new HpackDecoder(1 << 20, 1 << 16);
        for (JsonNode c : TestData.json(story).get("cases")) {
            JsonNode size = c.get("header_table_size");
            if (size != null && !size.isNull()) {
                decoder.setTableSizeLimit(size.asInt());
            }
            byte[] wire = HEX.parseHex(c.get("wire").asText());
            Recorder r = new Recorder();
            decoder.decode(wire, 0, wire.length, r);
            List<String> expected = new ArrayList<>();
            for (Map.Entry<String, String> h : HpackConformanceTest.headers(c)) {
                String v = h.getValue();
                boolean spaced = !v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' '
                        || v.charAt(0) == '\t' || v.charAt(v.length() - 1) == '\t');
                expected.add(spaced ? "MALFORMED " + h.getKey() + ": HTTP/2 field value starts or ends with whitespace"
                        : h.getKey() + ": " + v);
            }
            assertThat(r.fields).as("%s seqno %s", story, c.get("seqno")).isEqualTo(expected);
        }
    }
}
