package sifr.http.internal.hpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jazzer: arbitrary header blocks, several per decoder so the dynamic table carries over. Nothing
 * but {@link HpackError} and {@link HeaderListSizeError} may escape; what comes out stays within the
 * decoder's bounds; and whatever decodes re-encodes and decodes back to the same fields. Without
 * {@code JAZZER_FUZZ=1} the saved inputs in {@code HpackDecoderFuzzTestInputs/} run as regression tests.
 */
class HpackDecoderFuzzTest {
    private static final int MAX_LIST = 8 * 1024;
    private static final int MAX_STRING = 1024;

    @FuzzTest(maxDuration = "30s")
    void decodesOrFailsWithACompressionError(FuzzedDataProvider data) throws Exception {
        int tableSize = data.consumeInt(0, 8192);
        HpackDecoder decoder = new HpackDecoder(tableSize, MAX_LIST, MAX_STRING);
        HpackEncoder encoder = new HpackEncoder(tableSize);
        HpackDecoder check = new HpackDecoder(tableSize, Long.MAX_VALUE, Integer.MAX_VALUE);
        HpackDecoder typed = new HpackDecoder(tableSize, MAX_LIST, MAX_STRING); // the typed path, in step
        for (int blocks = 0; blocks < 8 && data.remainingBytes() > 0; blocks++) {
            if (data.consumeBoolean()) {
                int limit = data.consumeInt(0, 8192);
                decoder.setTableSizeLimit(limit);
                typed.setTableSizeLimit(limit);
            }
            byte[] block = data.consumeBytes(data.consumeInt(0, 4096));
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            long[] listSize = {0};
            try {
                decoder.decode(block, 0, block.length, (n, v, s) -> {
                    assertThat(n.length()).isLessThanOrEqualTo(MAX_STRING);
                    assertThat(v.length()).isLessThanOrEqualTo(MAX_STRING);
                    listSize[0] += n.length() + v.length() + 32;
                    fields.add(Map.entry(n, v));
                });
            } catch (HpackError e) {
                assertThatThrownBy(() -> typed.decode(block, 0, block.length, new Counter()))
                        .isInstanceOf(HpackError.class);
                return; // the connection would end here
            } catch (HeaderListSizeError e) {
                assertThat(listSize[0]).isLessThanOrEqualTo(MAX_LIST);
                assertThatThrownBy(() -> typed.decode(block, 0, block.length, new Counter()))
                        .isInstanceOf(HeaderListSizeError.class);
                continue; // the connection survives; only the stream fails
            }
            Counter counter = new Counter();
            typed.decode(block, 0, block.length, counter);
            assertThat(counter.fields).isEqualTo(fields.size());
            assertThat(listSize[0]).isLessThanOrEqualTo(MAX_LIST);
            assertThat(decoder.tableSize()).isLessThanOrEqualTo(decoder.tableMaxSize());
            roundTrip(encoder, check, fields);
        }
    }

    /** Counts what the typed path delivers, malformed fields included. */
    private static final class Counter implements HeaderFieldSink {
        int fields;

        @Override
        public void pseudoHeader(String name, String value) {
            fields++;
        }

        @Override
        public void header(sifr.http.HeaderName name, sifr.http.HeaderValue value) {
            fields++;
        }

        @Override
        public void malformed(String name, String reason) {
            fields++;
        }
    }

    private static void roundTrip(HpackEncoder encoder, HpackDecoder check, List<Map.Entry<String, String>> fields)
            throws Exception {
        GrowableBytes out = new GrowableBytes();
        encoder.startBlock(out);
        for (Map.Entry<String, String> f : fields) {
            encoder.field(f.getKey(), f.getValue(), false, out);
        }
        List<Map.Entry<String, String>> back = new ArrayList<>();
        check.decode(out.array(), 0, out.size(), (n, v, s) -> back.add(Map.entry(n, v)));
        assertThat(back).isEqualTo(fields);
    }
}
