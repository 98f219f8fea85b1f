package sifr.http.internal.hpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HpackEncoderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String block(HpackEncoder e, String... namesAndValues) {
        GrowableBytes out = new GrowableBytes();
        e.startBlock(out);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            e.field(namesAndValues[i], namesAndValues[i + 1], false, out);
        }
        return HEX.formatHex(out.toByteArray());
    }

    @Test
    void encodesTheRfcRequestsWithoutHuffman() {
        HpackEncoder e = new HpackEncoder().huffman(HpackEncoder.HuffmanPolicy.NEVER);
        // RFC 7541 C.3.1-C.3.3, byte for byte
        assertThat(block(e, ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com"))
                .isEqualTo("828684410f7777772e6578616d706c652e636f6d");
        assertThat(block(e, ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com",
                "cache-control", "no-cache")).isEqualTo("828684be58086e6f2d6361636865");
        assertThat(block(e, ":method", "GET", ":scheme", "https", ":path", "/index.html",
                ":authority", "www.example.com", "custom-key", "custom-value"))
                .isEqualTo("828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565");
    }

    @Test
    void encodesTheRfcRequestsWithHuffman() {
        HpackEncoder e = new HpackEncoder();
        // RFC 7541 C.4.1-C.4.3
        assertThat(block(e, ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com"))
                .isEqualTo("828684418cf1e3c2e5f23a6ba0ab90f4ff");
        assertThat(block(e, ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com",
                "cache-control", "no-cache")).isEqualTo("828684be5886a8eb10649cbf");
        assertThat(block(e, ":method", "GET", ":scheme", "https", ":path", "/index.html",
                ":authority", "www.example.com", "custom-key", "custom-value"))
                .isEqualTo("828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf");
    }

    @Test
    void writesSensitiveFieldsAsNeverIndexedAndLeavesThemOutOfTheTable() throws Exception {
        HpackEncoder e = new HpackEncoder().huffman(HpackEncoder.HuffmanPolicy.NEVER);
        GrowableBytes out = new GrowableBytes();
        e.startBlock(out);
        e.field("x-token", "secret", true, out);
        e.field("x-token", "secret", true, out);
        // 10 = never indexed, literal name; same again (not indexed, so no shorter form)
        assertThat(HEX.formatHex(out.toByteArray())).isEqualTo("1007782d746f6b656e06736563726574".repeat(2));
        HpackDecoder d = new HpackDecoder(1 << 16, 1 << 16);
        List<String> got = new ArrayList<>();
        d.decode(out.array(), 0, out.size(), (n, v, s) -> got.add(n + "=" + v + (s ? " sensitive" : "")));
        assertThat(got).containsExactly("x-token=secret sensitive", "x-token=secret sensitive");
        assertThat(d.tableSize()).isZero();
    }

    @Test
    void treatsCredentialsAndShortCookiesAsSensitive() {
        HpackEncoder e = new HpackEncoder().huffman(HpackEncoder.HuffmanPolicy.NEVER);
        // 1f 08 = never indexed with name index 23 (authorization), 0x17 = 15 + 8
        assertThat(block(e, "authorization", "x")).isEqualTo("1f080178");
        // cookie (index 32 = 15 + 17) with a short value: never indexed
        assertThat(block(e, "cookie", "a=b")).isEqualTo("1f1103613d62");
    }

    @Test
    void announcesTheSmallestAndFinalTableSize() {
        HpackEncoder e = new HpackEncoder();
        e.setPeerTableSizeLimit(0);
        e.setPeerTableSizeLimit(2048);
        // 20 = size 0, 3f e1 0f = 31 + 0x61 + 0x0f * 128 = 2048; then 82
        assertThat(block(e, ":method", "GET")).isEqualTo("203fe10f82");
        assertThat(e.tableMaxSize()).isEqualTo(2048);
        assertThat(block(e, ":method", "GET")).isEqualTo("82");
    }

    @Test
    void neverUsesMoreTableThanItsOwnLimit() {
        HpackEncoder e = new HpackEncoder(1024);
        e.setPeerTableSizeLimit(65536);
        // the first block announces 1024 (3f e1 07 = 31 + 97 + 7 * 128)
        assertThat(block(e, ":method", "GET")).isEqualTo("3fe10782");
    }

    @Test
    void skipsIndexingFieldsLargerThanTheTable() {
        HpackEncoder e = new HpackEncoder(64).huffman(HpackEncoder.HuffmanPolicy.NEVER);
        String big = "v".repeat(40);
        // 3f 21 = size 64; 00 = without indexing, literal name; 01 "x"; 28 = 40 octets of "v"
        assertThat(block(e, "x", big)).isEqualTo("3f2100017828" + "76".repeat(40));
    }

    @Test
    void rejectsCharsBeyondLatin1() {
        HpackEncoder e = new HpackEncoder();
        assertThatThrownBy(() -> block(e, "x", "\u20ac")).isInstanceOf(IllegalArgumentException.class);
    }
}
