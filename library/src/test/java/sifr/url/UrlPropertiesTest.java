package sifr.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Properties over seeded random inputs (bounded counts, reproducible by seed). */
class UrlPropertiesTest {
    private static final String ALPHABET = "aZ09-._~:/?#[]@!$&'()*+,;=% \\\t\u0000\u007f|^`{}<>\"éß†\u200d\u0663\ud83d\ude00.";

    private static String randomText(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static final String[] PREFIXES = {"http://", "https://user:pw@", "file:///", "foo://", "mailto:", "ws://[::1]",
        "", "//", "http:/", "https://é.", "data:"};

    @TestFactory
    Stream<DynamicTest> serializationIsIdempotent() {
        List<DynamicTest> tests = new ArrayList<>();
        for (long seed = 1; seed <= 40; seed++) {
            long s = seed;
            tests.add(DynamicTest.dynamicTest("seed " + s, () -> {
                Random random = new Random(s);
                Url base = Url.parse("http://base.example/dir/file?q#f");
                for (int i = 0; i < 250; i++) {
                    String input = PREFIXES[random.nextInt(PREFIXES.length)] + randomText(random, 24);
                    Url url;
                    try {
                        url = Url.parse(input, random.nextBoolean() ? base : null);
                    } catch (UrlError e) {
                        continue;
                    }
                    assertThat(Url.parse(url.href())).as(input).isEqualTo(url);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> percentEncodingRoundTrips() {
        List<DynamicTest> tests = new ArrayList<>();
        for (long seed = 1; seed <= 20; seed++) {
            long s = seed;
            tests.add(DynamicTest.dynamicTest("seed " + s, () -> {
                Random random = new Random(s);
                for (int i = 0; i < 200; i++) {
                    String text = randomText(random, 30).replace("\ud83d", "").replace("\ude00", "");
                    String encoded = Url.percentEncode(text);
                    assertThat(encoded).matches("[A-Za-z0-9%]*");
                    assertThat(Url.percentDecode(encoded)).isEqualTo(text);
                    byte[] bytes = new byte[random.nextInt(20)];
                    random.nextBytes(bytes);
                    assertThat(Url.percentDecodeBytes(Url.percentEncodeBytes(bytes))).isEqualTo(bytes);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> settersNeverThrowAndStayIdempotent() {
        List<DynamicTest> tests = new ArrayList<>();
        for (long seed = 1; seed <= 20; seed++) {
            long s = seed;
            tests.add(DynamicTest.dynamicTest("seed " + s, () -> {
                Random random = new Random(s);
                Url[] urls = {Url.parse("https://u:p@example.com:8080/a/b?q#f"), Url.parse("file:///C:/x"),
                    Url.parse("foo://h/p"), Url.parse("mailto:a@b"), Url.parse("sc:/p")};
                for (int i = 0; i < 100; i++) {
                    Url url = urls[random.nextInt(urls.length)];
                    String value = randomText(random, 12);
                    Url changed = switch (random.nextInt(9)) {
                        case 0 -> url.withScheme(value);
                        case 1 -> url.withUsername(value);
                        case 2 -> url.withPassword(value);
                        case 3 -> url.withHost(value);
                        case 4 -> url.withHostname(value);
                        case 5 -> url.withPort(value);
                        case 6 -> url.withPath(value);
                        case 7 -> url.withQuery(value);
                        default -> url.withFragment(value);
                    };
                    assertThat(Url.parse(changed.href())).as(value).isEqualTo(changed);
                }
            }));
        }
        return tests.stream();
    }
}
