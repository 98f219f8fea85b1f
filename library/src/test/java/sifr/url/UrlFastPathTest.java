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
import sifr.testing.TestData;

/**
 * Differential test of {@link UrlFastPath}: whatever it accepts, the full WHATWG parser must accept
 * with exactly the same result, getter by getter. Inputs: the real-world corpus, the WPT inputs, and
 * seeded random mutations of both (bounded counts, reproducible by seed).
 */
class UrlFastPathTest {
    private static final String ALPHABET = "aZz09-._~:/?#[]@!$&'()*+,;=% \\\t\n\u0000\u007f|^`{}<>\"éß\u200d\ud83d\ude00."
            + "%2e%2E..xn--0x";

    private static List<String> corpus() throws IOException {
        return Files.readAllLines(TestData.data("urls-kasztp/urls-kasztp.txt")).stream().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
    }

    private static List<String> wptInputs() {
        List<String> inputs = new ArrayList<>();
        for (JsonNode test : TestData.json(TestData.conformance("url/urltestdata.json"))) {
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
        for (String input : List.of(" http://a.example/", "http://a.example/\t", "HTTPS://u@a.example/",
                "http://u@a.example/", "http://a.example:080/", "http://a.example:/", "http://a.example:65536/",
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

    @Test
    void lowercasesSchemeAndHostAndDropsTheDefaultPort() {
        Url url = UrlFastPath.tryParse("HTTPS://WWW.Example.COM:443/A/B?Q=X#F");
        assertThat(url).isNotNull();
        assertThat(url.href()).isEqualTo("https://www.example.com/A/B?Q=X#F");
        assertThat(url.scheme()).isEqualTo("https");
        assertThat(url.host()).isEqualTo("www.example.com");
        assertThat(url.port()).isEmpty();
        assertThat(url.path()).isEqualTo("/A/B");
        assertThat(url.query()).contains("Q=X");
        Url ws = UrlFastPath.tryParse("Ws://h:80#f");
        assertThat(ws).isNotNull();
        assertThat(ws.href()).isEqualTo("ws://h/#f");
        assertThat(ws.fragment()).contains("f");
    }

    @Test
    void fullParserGivesTheSameResultsFromManyThreadsAtOnce() throws Exception {
        List<String> inputs = new ArrayList<>();
        for (String url : corpus().subList(0, 500)) { // with credentials and a tab: always the full parser
            int authority = url.indexOf("://");
            inputs.add(authority < 0 ? url : url.substring(0, authority + 3) + "u\t@" + url.substring(authority + 3));
        }
        List<String> expected = new ArrayList<>();
        for (String input : inputs) {
            expected.add(parseOrMessage(input));
        }
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 16; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int round = 0; round < 4; round++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            assertThat(parseOrMessage(inputs.get(i))).isEqualTo(expected.get(i));
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            assertThat(thread.join(java.time.Duration.ofSeconds(60))).isTrue();
        }
        assertThat(failures).isEmpty();
    }

    private static String parseOrMessage(String input) {
        try {
            return Url.parse(input).href();
        } catch (UrlError e) {
            return "error: " + e.getMessage();
        }
    }

    @TestFactory
    Stream<DynamicTest> acceptsMutatedInputsExactlyAsTheFullParser() throws IOException {
        List<String> seeds = new ArrayList<>(corpus().subList(0, 2000));
        seeds.addAll(wptInputs());
        seeds.addAll(List.of("http://a.example:80/x", "wss://h.example:443?q#f", "FTP://F.example:21", "Ws://W:80",
                "HTTPS://Www.Example.Com/P?Q#F", "http://a.example:8080"));
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
                        int kind = random.nextInt(3);
                        if (kind == 0 || at == b.length()) {
                            b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                        } else if (kind == 1) {
                            b.deleteCharAt(at);
                        } else { // flip the case of a letter
                            b.setCharAt(at, Character.isUpperCase(b.charAt(at)) ? Character.toLowerCase(b.charAt(at))
                                    : Character.toUpperCase(b.charAt(at)));
                        }
                    }
                    assertSameAsFullParser(b.toString());
                }
            }));
        }
        return tests.stream();
    }
}
