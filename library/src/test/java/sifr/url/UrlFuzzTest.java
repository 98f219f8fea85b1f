package sifr.url;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test of {@link Url#parse}, and of its fast path against the full parser. Without
 * {@code JAZZER_FUZZ=1} it replays the saved inputs under {@code src/test/resources/sifr/url/UrlFuzzTestInputs/} as regression tests; with it, it
 * fuzzes (e.g. {@code JAZZER_FUZZ=1 ./sifr test -pl library -Dtest=UrlFuzzTest}).
 */
class UrlFuzzTest {
    private static final Url BASE = Url.parse("https://user:pw@base.example:8080/a/b/c?q=1#f");

    @FuzzTest(maxDuration = "60s")
    void parseThrowsOnlyUrlErrorAndHrefIsStable(byte[] data) {
        String input = new String(data, StandardCharsets.UTF_8);
        check(input, null);
        check(input, BASE);
        fastPathAgreesWithFullParser(input);
    }

    /** Whatever the fast path accepts, the full WHATWG parser accepts with the same serialization. */
    private static void fastPathAgreesWithFullParser(String input) {
        Url fast = UrlFastPath.tryParse(input);
        if (fast != null) {
            Url full = Url.parseFully(input, null);
            assertThat(fast.href()).isEqualTo(full.href());
            assertThat(fast.host()).isEqualTo(full.host());
            assertThat(fast.path()).isEqualTo(full.path());
            assertThat(fast.port()).isEqualTo(full.port());
        }
    }

    private static void check(String input, Url base) {
        Url url;
        try {
            url = Url.parse(input, base);
        } catch (UrlError expected) {
            return; // the only exception allowed
        }
        Url again = Url.parse(url.href());
        assertThat(again).isEqualTo(url);
        assertThat(again.href()).isEqualTo(url.href());
    }
}
