package sifr.http.internal.hpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HuffmanTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String decode(String hex) throws HpackError {
        byte[] in = HEX.parseHex(hex);
        byte[] out = new byte[Huffman.maxDecodedLength(in.length)];
        int n = Huffman.decode(in, 0, in.length, out, Integer.MAX_VALUE);
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static String encode(String s) {
        GrowableBytes out = new GrowableBytes();
        Huffman.encode(s, Huffman.encodedLength(s), out);
        assertThat(out.size()).isEqualTo(Huffman.encodedLength(s));
        return HEX.formatHex(out.toByteArray());
    }

    @Test
    void canonicalCodesMatchTheAppendix() {
        // A few rows of RFC 7541 Appendix B, as printed there (code right-aligned, length in bits).
        assertThat(Huffman.CODES[0]).isEqualTo(0x1ff8);
        assertThat(Huffman.codeLength(0)).isEqualTo(13);
        assertThat(Huffman.CODES['0']).isEqualTo(0x0);
        assertThat(Huffman.CODES['a']).isEqualTo(0x3);
        assertThat(Huffman.CODES[' ']).isEqualTo(0x14);
        assertThat(Huffman.CODES['\\']).isEqualTo(0x7fff0);
        assertThat(Huffman.CODES[255]).isEqualTo(0x3ffffee);
        assertThat(Huffman.CODES[Huffman.EOS]).isEqualTo(0x3fffffff);
        assertThat(Huffman.codeLength(Huffman.EOS)).isEqualTo(30);
    }

    @Test
    void encodesTheRfcExamples() {
        // RFC 7541 C.4 and C.6
        assertThat(encode("www.example.com")).isEqualTo("f1e3c2e5f23a6ba0ab90f4ff");
        assertThat(encode("no-cache")).isEqualTo("a8eb10649cbf");
        assertThat(encode("custom-key")).isEqualTo("25a849e95ba97d7f");
        assertThat(encode("custom-value")).isEqualTo("25a849e95bb8e8b4bf");
        assertThat(encode("302")).isEqualTo("6402");
        assertThat(encode("private")).isEqualTo("aec3771a4b");
    }

    @Test
    void decodesTheRfcExamples() throws HpackError {
        assertThat(decode("f1e3c2e5f23a6ba0ab90f4ff")).isEqualTo("www.example.com");
        assertThat(decode("25a849e95bb8e8b4bf")).isEqualTo("custom-value");
        assertThat(decode("")).isEmpty();
    }

    @Test
    void rejectsEos() {
        // 30 one-bits (EOS) followed by two padding ones.
        assertThatThrownBy(() -> decode("ffffffff")).isInstanceOf(HpackError.class).hasMessageContaining("EOS");
    }

    @Test
    void rejectsPaddingLongerThanSevenBits() {
        // 'a' = 00011, then 11 one-bits of padding: 00011111 11111111
        assertThatThrownBy(() -> decode("1fff")).isInstanceOf(HpackError.class).hasMessageContaining("padding");
        // a whole byte of padding alone
        assertThatThrownBy(() -> decode("ff")).isInstanceOf(HpackError.class).hasMessageContaining("padding");
    }

    @Test
    void rejectsPaddingThatIsNotAllOnes() {
        // 'a' = 00011 then padding 110 (must be 111)
        assertThatThrownBy(() -> decode("1e")).isInstanceOf(HpackError.class).hasMessageContaining("padding");
    }

    @Test
    void acceptsPaddingOfUpToSevenOnes() throws HpackError {
        assertThat(decode("1f")).isEqualTo("a"); // 00011 + 111
        // '0' '0' = 00000 00000 then 111111 (six bits) → 00000000 00111111
        assertThat(decode("003f")).isEqualTo("00");
    }

    @Test
    void stopsAtTheLengthLimit() {
        byte[] in = HEX.parseHex("f1e3c2e5f23a6ba0ab90f4ff");
        assertThatThrownBy(() -> Huffman.decode(in, 0, in.length, new byte[20], 14))
                .isInstanceOf(HpackError.class).hasMessageContaining("exceeds 14 octets");
    }

    @Test
    void roundTripsRandomOctetStrings() throws HpackError {
        Random random = new Random(7541);
        for (int i = 0; i < 2000; i++) {
            char[] chars = new char[random.nextInt(64)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) (i % 2 == 0 ? random.nextInt(256) : 32 + random.nextInt(95));
            }
            String s = new String(chars);
            assertThat(decode(encode(s))).isEqualTo(s);
        }
    }
}
