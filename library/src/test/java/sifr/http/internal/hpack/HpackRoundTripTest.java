package sifr.http.internal.hpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Our encoder's output for every story of hpack/raw-data decodes back to the same headers with our
 * decoder, under several encoder settings: Huffman when shorter, always, never; no indexing; and a
 * table size that changes between blocks as SETTINGS would change it (both sides see each change,
 * the encoder announces it in the next block).
 */
class HpackRoundTripTest {
    private static final int[] TABLE_SIZES = {4096, 0, 256, 1365, 64, 16384, 100, 4096, 2730};

    enum Mode { HUFFMAN_WHEN_SHORTER, HUFFMAN_ALWAYS, HUFFMAN_NEVER, NO_INDEXING, CHANGING_TABLE_SIZE }

    @TestFactory
    Stream<DynamicNode> rawDataStoriesRoundTrip() {
        List<Path> stories = HpackConformanceTest.stories(HpackConformanceTest.ROOT.resolve("raw-data"));
        assertThat(stories).hasSize(32);
        return Stream.of(Mode.values()).map(mode -> DynamicContainer.dynamicContainer(mode.name(),
                stories.stream().map(story -> DynamicTest.dynamicTest(story.getFileName().toString(),
                        () -> roundTrip(story, mode)))));
    }

    static void roundTrip(Path story, Mode mode) throws Exception {
        JsonNode cases = casesOf(story);
        HpackEncoder encoder = new HpackEncoder(16384);
        HpackDecoder decoder = new HpackDecoder(1 << 20, 1 << 16);
        switch (mode) {
            case HUFFMAN_ALWAYS -> encoder.huffman(HpackEncoder.HuffmanPolicy.ALWAYS);
            case HUFFMAN_NEVER -> encoder.huffman(HpackEncoder.HuffmanPolicy.NEVER);
            case NO_INDEXING -> encoder.indexing(false);
            default -> { }
        }
        Random random = new Random(story.getFileName().toString().hashCode());
        GrowableBytes out = new GrowableBytes();
        long wireBytes = 0;
        int seqno = 0;
        for (JsonNode c : cases) {
            if (mode == Mode.CHANGING_TABLE_SIZE && seqno % 3 == 0) {
                int size = TABLE_SIZES[random.nextInt(TABLE_SIZES.length)];
                // SETTINGS_HEADER_TABLE_SIZE sent by the decoder's side and acknowledged by the encoder's.
                decoder.setTableSizeLimit(size);
                encoder.setPeerTableSizeLimit(size);
            }
            List<Map.Entry<String, String>> expected = HpackConformanceTest.headers(c);
            out.reset();
            encoder.startBlock(out);
            for (Map.Entry<String, String> h : expected) {
                encoder.field(h.getKey(), h.getValue(), false, out);
            }
            wireBytes += out.size();
            List<Map.Entry<String, String>> got = new ArrayList<>();
            decoder.decode(out.array(), 0, out.size(), (n, v, s) -> got.add(Map.entry(n, v)));
            assertThat(got).as("%s %s case %d", story.getFileName(), mode, seqno).isEqualTo(expected);
            assertThat(decoder.tableSize()).as("tables in step").isLessThanOrEqualTo(decoder.tableMaxSize());
            seqno++;
        }
        assertThat(wireBytes).isPositive();
    }

    private static JsonNode casesOf(Path story) {
        return sifr.testing.TestData.json(story).get("cases");
    }
}
