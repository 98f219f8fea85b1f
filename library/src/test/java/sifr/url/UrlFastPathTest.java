package sifr.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import sifr.testing.SharedData;

/**
 * Differential test of {@link UrlFastPath}: whatever it accepts, the full WHATWG parser must accept
 * with exactly the same result, getter by getter. Inputs: the real-world corpus, the WPT inputs, and
 * seeded random mutations of both (bounded counts, reproducible by seed).
 */
class UrlFastPathTest {
    private static final String ALPHABET = "aZz09-._~:/?#[]@!$&'()*+,;=% \\\t\n\u0000\u007f|^`{}<>\"éß\u200d\ud83d\ude00."
            + "%2e%2E..xn--0x";

    private static List<String> corpus() throws IOException {
        return Files.readAllLines(SharedData.data("urls-kasztp.txt")).stream().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
    }

    private static List<String> wptInputs() {
        List<String> inputs = new ArrayList<>();
        for (JsonNode test : SharedData.json(SharedData.conformance("url/urltestdata.json"))) {
            if (test.isObject()) {
                inputs.add(test.get("input").asText());
            }
        }
        return inputs;
    }

    private static void assertSameAsFullParser(String input) {
        Url fast = UrlFastPath.tryParse(input);
        if (fast == null) {
            return;
        }
        assertThatCode(() -> Url.parseFully(input, null)).as(input).doesNotThrowAnyException();
        Url full = Url.parseFully(input, null);
        assertThat(fast.href()).as(input).isEqualTo(full.href());
        assertThat(fast.scheme()).as(input).isEqualTo(full.scheme());
        assertThat(fast.username()).as(input).isEqualTo(full.username());
        assertThat(fast.password()).as(input).isEqualTo(full.password());
        assertThat(fast.host()).as(input).isEqualTo(full.host());
        assertThat(fast.hasHost()).as(input).isEqualTo(full.hasHost());
        assertThat(fast.port()).as(input).isEqualTo(full.port());
        assertThat(fast.path()).as(input).isEqualTo(full.path());
        assertThat(fast.query()).as(input).isEqualTo(full.query());
        assertThat(fast.fragment()).as(input).isEqualTo(full.fragment());
        assertThat(fast.authority()).as(input).isEqualTo(full.authority());
        assertThat(fast.origin()).as(input).isEqualTo(full.origin());
        assertThat(fast.hasOpaquePath()).as(input).isEqualTo(full.hasOpaquePath());
    }

    @Test
    void acceptsCorpusUrlsExactlyAsTheFullParser() throws IOException {
        int fast = 0;
        List<String> urls = corpus();
        for (String url : urls) {
            assertSameAsFullParser(url);
            if (UrlFastPath.tryParse(url) != null) {
                fast++;
            }
        }
        // The point of the fast path: the common real-world URL takes it.
        assertThat(fast).isGreaterThan(urls.size() * 9 / 10);
    }

    @Test
    void acceptsWptInputsExactlyAsTheFullParser() {
        wptInputs().forEach(UrlFastPathTest::assertSameAsFullParser);
    }

    @Test
    void leavesUnusualInputsToTheFullParser() {
        for (String input : List.of("HTTP://a.example/", " http://a.example/", "http://a.example/\t", "http://A.example/",
                "http://u@a.example/", "http://a.example:80/", "http://a.example:080/", "http://a.example:/",
                "http://1.2.3.4/", "http://a.0x10/", "http://a.example/./b", "http://a.example/b/..",
                "http://a.example/%2e/", "http://a.example\\b", "http://a.example/ b", "http://a.example/?q=\"",
                "http://a.example/#\u00e9", "http://é.example/", "http://a%41.example/", "http://[::1]/", "file:///a",
                "foo://a/")) {
            assertThat(UrlFastPath.tryParse(input)).as(input).isNull();
        }
    }

    @Test
    void addsTheSlashOfAnEmptySpecialPath() {
        Url url = UrlFastPath.tryParse("https://a.example:8443?q=1#f");
        assertThat(url).isNotNull();
        assertThat(url.href()).isEqualTo("https://a.example:8443/?q=1#f");
        assertThat(url.path()).isEqualTo("/");
        assertThat(url.query()).contains("q=1");
        assertThat(url.fragment()).contains("f");
    }

    @TestFactory
    Stream<DynamicTest> acceptsMutatedInputsExactlyAsTheFullParser() throws IOException {
        List<String> seeds = new ArrayList<>(corpus().subList(0, 2000));
        seeds.addAll(wptInputs());
        List<DynamicTest> tests = new ArrayList<>();
        for (long seed = 1; seed <= 20; seed++) {
            long s = seed;
            tests.add(DynamicTest.dynamicTest("seed " + s, () -> {
                Random random = new Random(s);
                for (int i = 0; i < 2000; i++) {
                    StringBuilder b = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
                    int edits = 1 + random.nextInt(3);
                    for (int e = 0; e < edits; e++) {
                        int at = random.nextInt(b.length() + 1);
                        if (random.nextBoolean() || at == b.length()) {
                            b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                        } else {
                            b.deleteCharAt(at);
                        }
                    }
                    assertSameAsFullParser(b.toString());
                }
            }));
        }
        return tests.stream();
    }
}
