package sifr.http.internal.hpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HpackDecoderTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Decodes a hex block and renders the fields as "name: value" lines ("!" marks never-indexed). */
    private static List<String> decode(HpackDecoder decoder, String hex) throws Exception {
        byte[] block = HEX.parseHex(hex.replace(" ", ""));
        List<String> out = new ArrayList<>();
        decoder.decode(block, 0, block.length, (n, v, sensitive) -> out.add((sensitive ? "!" : "") + n + ": " + v));
        return out;
    }

    private static HpackDecoder decoder() {
        return new HpackDecoder(64 * 1024, 16 * 1024);
    }

    @Test
    void decodesRequestsWithoutHuffmanSharingTheTable() throws Exception {
        HpackDecoder d = decoder();
        // RFC 7541 C.3.1: 82 :method GET, 86 :scheme http, 84 :path /,
        // 41 0f "www.example.com" literal :authority (name index 1) with incremental indexing
        assertThat(decode(d, "828684410f7777772e6578616d706c652e636f6d"))
                .containsExactly(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com");
        assertThat(d.tableSize()).isEqualTo(57);
        // C.3.2: be = index 62 (the :authority just added), 58 08 "no-cache" cache-control (name index 24)
        assertThat(decode(d, "828684be58086e6f2d6361636865"))
                .containsExactly(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com",
                        "cache-control: no-cache");
        assertThat(d.tableSize()).isEqualTo(110);
        // C.3.3: 87 https, 85 /index.html, bf = index 63, 40 new name "custom-key" value "custom-value"
        assertThat(decode(d, "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565"))
                .containsExactly(":method: GET", ":scheme: https", ":path: /index.html",
                        ":authority: www.example.com", "custom-key: custom-value");
        assertThat(d.tableSize()).isEqualTo(164);
    }

    @Test
    void decodesRequestsWithHuffman() throws Exception {
        HpackDecoder d = decoder();
        // RFC 7541 C.4: the same requests with Huffman-coded literals (length byte has the H bit, 0x80)
        assertThat(decode(d, "828684418cf1e3c2e5f23a6ba0ab90f4ff")).contains(":authority: www.example.com");
        assertThat(decode(d, "828684be5886a8eb10649cbf")).contains("cache-control: no-cache");
        assertThat(decode(d, "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf")).contains("custom-key: custom-value");
        assertThat(d.tableSize()).isEqualTo(164);
    }

    @Test
    void evictsOldestEntriesWhenTheTableIsFull() throws Exception {
        // RFC 7541 C.5: responses with a 256-octet table
        HpackDecoder d = new HpackDecoder(256, 64 * 1024, 16 * 1024);
        assertThat(decode(d, "4803333032580770726976617465611d4d6f6e2c203231204f637420323031332032303a31333a323120474d"
                + "546e1768747470733a2f2f7777772e6578616d706c652e636f6d"))
                .containsExactly(":status: 302", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT",
                        "location: https://www.example.com");
        assertThat(d.tableSize()).isEqualTo(222);
        // C.5.2: 48 03 "307" evicts ":status: 302"; c1 c0 bf index the rest
        assertThat(decode(d, "4803333037c1c0bf")).containsExactly(":status: 307", "cache-control: private",
                "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com");
        assertThat(d.tableSize()).isEqualTo(222);
    }

    @Test
    void reportsNeverIndexedFieldsAsSensitive() throws Exception {
        // RFC 7541 C.2.3: 10 = never indexed, new name; 08 "password"; 06 "secret"
        assertThat(decode(decoder(), "100870617373776f726406736563726574")).containsExactly("!password: secret");
        // 0x1f 0x08 = never indexed, name index 15 + 8 = 23 (authorization); value "x"
        assertThat(decode(decoder(), "1f080178")).containsExactly("!authorization: x");
    }

    @Test
    void literalWithoutIndexingLeavesTheTableAlone() throws Exception {
        HpackDecoder d = decoder();
        // RFC 7541 C.2.2: 04 = without indexing, name index 4 (:path); 0c "/sample/path"
        assertThat(decode(d, "040c2f73616d706c652f70617468")).containsExactly(":path: /sample/path");
        assertThat(d.tableSize()).isZero();
    }

    @Test
    void rejectsIndexZero() {
        assertThatThrownBy(() -> decode(decoder(), "80")).isInstanceOf(HpackError.class).hasMessageContaining("index 0");
    }

    @Test
    void rejectsIndexBeyondTheTable() {
        // be = 62, but the dynamic table is empty
        assertThatThrownBy(() -> decode(decoder(), "be")).isInstanceOf(HpackError.class).hasMessageContaining("62");
        // literal with an indexed name beyond the table: 7f 00 = name index 63
        assertThatThrownBy(() -> decode(decoder(), "7f000161")).isInstanceOf(HpackError.class);
    }

    @Test
    void rejectsSizeUpdateAfterAField() {
        // 82 :method GET, then 3f e1 1f = size update to 4096
        assertThatThrownBy(() -> decode(decoder(), "823fe11f")).isInstanceOf(HpackError.class)
                .hasMessageContaining("after a header field");
    }

    @Test
    void acceptsSizeUpdatesAtTheStartOfABlock() throws Exception {
        HpackDecoder d = decoder();
        // 20 = size 0 (empties the table), 3f e1 1f = size 4096, then 82
        assertThat(decode(d, "203fe11f82")).containsExactly(":method: GET");
        assertThat(d.tableMaxSize()).isEqualTo(4096);
    }

    @Test
    void rejectsSizeUpdateAboveTheSettingsLimit() {
        // 3f e2 1f = 4097 > 4096
        assertThatThrownBy(() -> decode(decoder(), "3fe21f")).isInstanceOf(HpackError.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void requiresSizeUpdateAfterTheLimitShrinks() throws Exception {
        HpackDecoder d = decoder();
        d.setTableSizeLimit(100);
        assertThatThrownBy(() -> decode(d, "82")).isInstanceOf(HpackError.class).hasMessageContaining("missing");
        HpackDecoder d2 = decoder();
        d2.setTableSizeLimit(100);
        // 3f 45 = 31 + 69 = 100
        assertThat(decode(d2, "3f4582")).containsExactly(":method: GET");
        assertThat(decode(d2, "82")).containsExactly(":method: GET");
    }

    @Test
    void rejectsTruncatedIntegersAndStrings() {
        assertThatThrownBy(() -> decode(decoder(), "ff")).isInstanceOf(HpackError.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> decode(decoder(), "4005")).isInstanceOf(HpackError.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> decode(decoder(), "40")).isInstanceOf(HpackError.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsIntegersBeyondThirtyOneBits() {
        assertThatThrownBy(() -> decode(decoder(), "ffffffffff0f")).isInstanceOf(HpackError.class)
                .hasMessageContaining("overflows");
        // endless zero continuations (ff 80 80 80 80 80 00) are refused too
        assertThatThrownBy(() -> decode(decoder(), "ff808080808000")).isInstanceOf(HpackError.class)
                .hasMessageContaining("overflows");
    }

    @Test
    void rejectsStringsLongerThanTheBound() {
        HpackDecoder d = new HpackDecoder(64 * 1024, 4);
        // 40 05 "abcde" name literal of 5 octets
        assertThatThrownBy(() -> decode(d, "400561626364650161")).isInstanceOf(HpackError.class)
                .hasMessageContaining("exceeds 4 octets");
        // Huffman "www.example.com" (15 octets) as a value
        assertThatThrownBy(() -> decode(new HpackDecoder(64 * 1024, 4), "418cf1e3c2e5f23a6ba0ab90f4ff"))
                .isInstanceOf(HpackError.class).hasMessageContaining("exceeds 4 octets");
    }

    @Test
    void boundsTheDecodedListButKeepsTheTableInStep() throws Exception {
        HpackDecoder d = new HpackDecoder(200, 16 * 1024);
        // One 100-octet entry (x: 'a' * 67 → 1 + 67 + 32), indexed
        String value = "a".repeat(67);
        String add = "40" + "0178" + String.format("%02x", 67) + HEX.formatHex(value.getBytes());
        assertThat(decode(d, add)).hasSize(1);
        // A bomb: the same entry referenced 1000 times from 1000 bytes of wire
        String bomb = "be".repeat(1000);
        List<String> seen = new ArrayList<>();
        byte[] block = HEX.parseHex(bomb + "400179017a"); // ... and a new entry y: z after it
        assertThatThrownBy(() -> d.decode(block, 0, block.length, (n, v, s) -> seen.add(n)))
                .isInstanceOf(HeaderListSizeError.class).hasMessage("header section is too large");
        assertThat(seen).hasSize(2);
        // the block was decoded to its end: "y: z" is in the table at index 62
        assertThat(decode(d, "be")).containsExactly("y: z");
    }
}
