package sifr.url.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import sifr.testing.TestData;

class UnicodeTablesTest {
    private static final Path UNICODE = Path.of("/usr/share/unicode");

    @Test
    void committedTablesAreWhatTheGeneratorProduces() throws Exception {
        assertThat(Files.isRegularFile(UNICODE.resolve("extracted/DerivedBidiClass.txt")))
                .as("Unicode data missing: install the Debian package unicode-data").isTrue();
        byte[] generated = UnicodeTablesGenerator.generate(
                TestData.data("unicode/IdnaMappingTable-15.1.0.txt"), UNICODE);
        byte[] committed;
        try (InputStream in = UnicodeTables.class.getResourceAsStream("unicode-tables.bin")) {
            committed = in.readAllBytes();
        }
        assertThat(generated).as("regenerate with the command in UnicodeTablesGenerator's comment").isEqualTo(committed);
    }

    @Test
    void tablesAnswerKnownProperties() {
        assertThat(UnicodeTables.idnaStatus('a')).isEqualTo(UnicodeTables.VALID);
        assertThat(UnicodeTables.idnaStatus(0xAD)).isEqualTo(UnicodeTables.IGNORED);
        assertThat(UnicodeTables.idnaStatus(0x80)).isEqualTo(UnicodeTables.DISALLOWED);
        StringBuilder mapped = new StringBuilder();
        UnicodeTables.appendMapping(mapped, 'A');
        assertThat(mapped).hasToString("a");
        assertThat(UnicodeTables.isVirama(0x094D)).isTrue();
        assertThat(UnicodeTables.isMark(0x0301)).isTrue();
        assertThat(UnicodeTables.joiningType(0x0628)).isEqualTo(UnicodeTables.JOINING_D);
        assertThat(UnicodeTables.bidiClass(0x05D0)).isEqualTo(UnicodeTables.BIDI_R);
        assertThat(UnicodeTables.bidiClass(0x0627)).isEqualTo(UnicodeTables.BIDI_AL);
        assertThat(UnicodeTables.bidiClass('1')).isEqualTo(UnicodeTables.BIDI_EN);
    }

    @Test
    void punycodeRoundTrips() {
        assertThat(Punycode.encode("bücher")).isEqualTo("bcher-kva");
        assertThat(Punycode.decode("bcher-kva")).isEqualTo("bücher");
        assertThat(Punycode.encode("é")).isEqualTo("9ca");
        assertThat(Punycode.decode("zz!")).isNull();
    }
}
