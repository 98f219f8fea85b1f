package sifr.http.internal.hpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import sifr.testing.TestData;

/**
 * http2jp/hpack-test-case (testdata/hpack): every story of every encoder folder decodes
 * to its expected headers. One test per story, since a story's cases share one decoder context and
 * must run in order; a failure names the case. No case is skipped.
 */
class HpackConformanceTest {
    static final Path ROOT = TestData.conformance("hpack");

    static List<Path> folders() throws IOException {
        try (Stream<Path> s = Files.list(ROOT)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    static List<Path> stories(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().matches("story_\\d+\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expected fields of a case, in order. */
    static List<Map.Entry<String, String>> headers(JsonNode c) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (JsonNode h : c.get("headers")) {
            h.fields().forEachRemaining(f -> out.add(Map.entry(f.getKey(), f.getValue().asText())));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicNode> everyStoryDecodesToItsHeaders() throws IOException {
        List<Path> encoders = folders().stream().filter(p -> !p.getFileName().toString().equals("raw-data")).toList();
        assertThat(encoders).hasSize(14);
        return encoders.stream().map(folder -> DynamicContainer.dynamicContainer(folder.getFileName().toString(),
                stories(folder).stream().map(story -> DynamicTest.dynamicTest(story.getFileName().toString(),
                        () -> decodeStory(story)))));
    }

    static void decodeStory(Path story) throws Exception {
        JsonNode cases = TestData.json(story).get("cases");
        assertThat(cases.size()).isPositive();
        HpackDecoder decoder = new HpackDecoder(1 << 20, 1 << 16);
        for (JsonNode c : cases) {
            String label = story.getParent().getFileName() + "/" + story.getFileName() + " seqno " + c.get("seqno").asInt();
            JsonNode size = c.get("header_table_size");
            if (size != null && !size.isNull()) {
                decoder.setTableSizeLimit(size.asInt());
            }
            byte[] wire = HexFormat.of().parseHex(c.get("wire").asText());
            List<Map.Entry<String, String>> got = new ArrayList<>();
            decoder.decode(wire, 0, wire.length, (n, v, sensitive) -> got.add(Map.entry(n, v)));
            assertThat(got).as(label).isEqualTo(headers(c));
        }
    }
}
