package sifr.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 3629 validation, incremental, fail-fast (RFC 6455 §8.1). Vectors after Markus Kuhn's UTF-8 test file. */
class Utf8ValidatorTest {
    private static boolean valid(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        Utf8Validator v = new Utf8Validator();
        return v.feed(b, 0, b.length) && v.isComplete();
    }

    @Test
    void acceptsEveryUnicodeScalarValue() {
        Utf8Validator v = new Utf8Validator();
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            v.reset();
            assertThat(v.feed(b, 0, b.length) && v.isComplete()).as("U+%X", cp).isTrue();
        }
    }

    @Test
    void rejectsSurrogatesOverlongsAndOutOfRange() {
        assertThat(valid("eda080")).isFalse(); // U+D800
        assertThat(valid("edbfbf")).isFalse(); // U+DFFF
        assertThat(valid("c0af")).isFalse(); // overlong '/'
        assertThat(valid("e080af")).isFalse();
        assertThat(valid("f08080af")).isFalse();
        assertThat(valid("c1bf")).isFalse();
        assertThat(valid("f4908080")).isFalse(); // U+110000
        assertThat(valid("f5")).isFalse();
        assertThat(valid("fe")).isFalse();
        assertThat(valid("80")).isFalse();
        assertThat(valid("f88880808080")).isFalse(); // 5-byte form
    }

    @Test
    void acceptsNoncharactersAndBoundaries() {
        assertThat(valid("efbfbe")).isTrue(); // U+FFFE
        assertThat(valid("f48fbfbf")).isTrue(); // U+10FFFF
        assertThat(valid("ed9fbf")).isTrue(); // U+D7FF
        assertThat(valid("ee8080")).isTrue(); // U+E000
    }

    @Test
    void failsAtTheFirstBadByteAcrossPieces() {
        Utf8Validator v = new Utf8Validator();
        byte[] a = HexFormat.of().parseHex("6564697465 64ed".replace(" ", ""));
        assertThat(v.feed(a, 0, a.length)).isTrue();
        assertThat(v.isComplete()).isFalse();
        assertThat(v.partialLength()).isEqualTo(1);
        byte[] b = HexFormat.of().parseHex("a080");
        assertThat(v.feed(b, 0, 1)).isFalse(); // A0 after ED: a surrogate, known at this byte
    }

    @Test
    void partialLengthCountsTheIncompleteCharacter() {
        Utf8Validator v = new Utf8Validator();
        byte[] euro = HexFormat.of().parseHex("e282ac");
        v.feed(euro, 0, 2);
        assertThat(v.partialLength()).isEqualTo(2);
        v.feed(euro, 2, 1);
        assertThat(v.partialLength()).isZero();
        assertThat(v.isComplete()).isTrue();
    }
}
