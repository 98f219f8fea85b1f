package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property tests over seeded random generators (bounded: {@value #SEEDS} seeds x {@value #SAMPLES}
 * samples per property). A failure names its seed; rerun that seed to reproduce.
 */
class HeaderPropertiesTest {
    static final int SEEDS = 50;
    static final int SAMPLES = 40;
    static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** Characters that are not tchar: separators, space, controls, DEL, non-ASCII. */
    static final String NOT_TCHARS = "\"(),/:;<=>?@[\\]{} \t\r\n\u0000\u0001\u001f\u007f\u00e9\u20ac";
    static final String VALUE_CHARS = TCHARS + "\"(),/:;<=>?@[\\]{} \t\u00e9\u20ac\u65e5";
    static final String COOKIE_OCTETS = "!#$%&'()*+-./0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    private static Stream<DynamicTest> forSeeds(String property, Consumer<Random> sample) {
        return IntStream.range(0, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest(property + " (seed " + seed + ")", () -> {
            Random random = new Random(seed * 7919L + property.hashCode());
            for (int i = 0; i < SAMPLES; i++) {
                sample.accept(random);
            }
        }));
    }

    static String randomFrom(Random r, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String validName(Random r) {
        int length = r.nextInt(20) == 0 ? 1 + r.nextInt(1024) : 1 + r.nextInt(40);
        return randomFrom(r, TCHARS, length);
    }

    static String validValue(Random r) {
        // String.strip removes the spaces and tabs at both ends (the only whitespace in the alphabet)
        String inner = randomFrom(r, VALUE_CHARS, r.nextInt(60)).strip();
        return inner;
    }

    static String insertAt(Random r, String s, char c) {
        int at = r.nextInt(s.length() + 1);
        return s.substring(0, at) + c + s.substring(at);
    }

    @TestFactory
    Stream<DynamicTest> everyValidNameRoundTripsLowercased() {
        return forSeeds("valid name round-trips", r -> {
            String name = validName(r);
            String lower = name.toLowerCase(Locale.ROOT);
            assertThat(HeaderName.of(name).value()).isEqualTo(lower);
            byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
            assertThat(HeaderName.of(ascii, 0, ascii.length)).isEqualTo(HeaderName.of(name));
            assertThat(HeaderName.of(lower).equalsIgnoreCase(name)).isTrue();
        });
    }

    @TestFactory
    Stream<DynamicTest> everyNameWithANonTokenCharacterIsRejected() {
        return forSeeds("invalid name rejected", r -> {
            String bad = insertAt(r, validName(r), NOT_TCHARS.charAt(r.nextInt(NOT_TCHARS.length())));
            assertThatThrownBy(() -> HeaderName.of(bad)).isInstanceOf(HeaderError.class)
                    .hasMessageStartingWith("invalid header name: ");
        });
    }

    @TestFactory
    Stream<DynamicTest> everyValidValueRoundTrips() {
        return forSeeds("valid value round-trips", r -> {
            String value = validValue(r);
            String padded = randomFrom(r, " \t", r.nextInt(3)) + value + randomFrom(r, " \t", r.nextInt(3));
            HeaderValue v = HeaderValue.of(padded);
            assertThat(v.value()).isEqualTo(value);
            byte[] utf8 = padded.getBytes(StandardCharsets.UTF_8);
            assertThat(HeaderValue.of(utf8, 0, utf8.length).value()).isEqualTo(value);
            assertThat(HeaderValue.of(utf8, 0, utf8.length)).isEqualTo(v);
        });
    }

    @TestFactory
    Stream<DynamicTest> everyValueWithALineBreakIsRejectedAsLineBreak() {
        return forSeeds("line break rejected", r -> {
            String bad = insertAt(r, validValue(r), r.nextBoolean() ? '\r' : '\n');
            assertThatThrownBy(() -> HeaderValue.of(bad)).isInstanceOf(HeaderError.class)
                    .hasMessage("header values must not contain obs-fold or line breaks");
            byte[] utf8 = bad.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> HeaderValue.of(utf8, 0, utf8.length))
                    .hasMessage("header values must not contain obs-fold or line breaks");
        });
    }

    @TestFactory
    Stream<DynamicTest> everyValueWithAnotherControlIsRejectedAsControl() {
        return forSeeds("control rejected", r -> {
            int c = r.nextInt(33);
            char control = c == 32 ? '\u007f' : (char) c;
            if (control == '\t' || control == '\r' || control == '\n') {
                control = '\u0000';
            }
            String bad = "a" + insertAt(r, validValue(r), control) + "z";
            assertThatThrownBy(() -> HeaderValue.of(bad)).isInstanceOf(HeaderError.class)
                    .hasMessage("header values must not contain control characters");
        });
    }

    @TestFactory
    Stream<DynamicTest> headerMapBehavesLikeAnOrderedListOfPairs() {
        return forSeeds("HeaderMap matches a list model", r -> {
            // a few names in random case so that duplicates and case-insensitivity both happen
            String[] pool = {"accept", "X-Trace", "content-type", "set-cookie", "x-a", "x-b", "Host"};
            List<Map.Entry<String, String>> model = new ArrayList<>();
            HeaderMap map = HeaderMap.empty();
            HeaderMap.Builder builder = HeaderMap.builder();
            for (int op = 0; op < 12; op++) {
                String name = pool[r.nextInt(pool.length)];
                String query = r.nextBoolean() ? name.toUpperCase(Locale.ROOT) : name;
                String value = "v" + op;
                String lower = name.toLowerCase(Locale.ROOT);
                switch (r.nextInt(3)) {
                    case 0 -> {
                        map = map.add(query, value);
                        builder.add(query, value);
                        model.add(Map.entry(lower, value));
                    }
                    case 1 -> {
                        map = map.set(query, value);
                        builder.set(query, value);
                        int first = indexOf(model, lower);
                        if (first < 0) {
                            model.add(Map.entry(lower, value));
                        } else {
                            model.set(first, Map.entry(lower, value));
                            for (int i = model.size() - 1; i > first; i--) {
                                if (model.get(i).getKey().equals(lower)) {
                                    model.remove(i);
                                }
                            }
                        }
                    }
                    default -> {
                        map = map.remove(query);
                        builder.remove(query);
                        model.removeIf(e -> e.getKey().equals(lower));
                    }
                }
                assertThat(map.toPairs()).containsExactlyElementsOf(model);
                assertThat(builder.build()).isEqualTo(map);
                for (String n : pool) {
                    String ln = n.toLowerCase(Locale.ROOT);
                    List<String> expected = model.stream().filter(e -> e.getKey().equals(ln)).map(Map.Entry::getValue).toList();
                    assertThat(map.getAll(n.toUpperCase(Locale.ROOT))).containsExactlyElementsOf(expected);
                    assertThat(map.get(n)).isEqualTo(expected.stream().findFirst());
                    assertThat(map.contains(n)).isEqualTo(!expected.isEmpty());
                }
            }
        });
    }

    private static int indexOf(List<Map.Entry<String, String>> model, String name) {
        for (int i = 0; i < model.size(); i++) {
            if (model.get(i).getKey().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @TestFactory
    Stream<DynamicTest> everyValidCookiePairRoundTrips() {
        return forSeeds("cookie pairs round-trip", r -> {
            List<Map.Entry<String, String>> pairs = new ArrayList<>();
            int n = 1 + r.nextInt(5);
            for (int i = 0; i < n; i++) {
                pairs.add(Map.entry(randomFrom(r, TCHARS, 1 + r.nextInt(12)), randomFrom(r, COOKIE_OCTETS, r.nextInt(20))));
            }
            assertThat(Http.parseCookieHeader(Http.buildCookieHeader(pairs))).containsExactlyElementsOf(pairs);
        });
    }

    @TestFactory
    Stream<DynamicTest> everyCookieValueWithANonCookieOctetIsRejected() {
        return forSeeds("invalid cookie value rejected", r -> {
            String value = insertAt(r, randomFrom(r, COOKIE_OCTETS, r.nextInt(10)), " ,\\\u00e9\u0001\u007f".charAt(r.nextInt(6)));
            assertThatThrownBy(() -> Http.parseCookieHeader("a=" + value + "x")).hasMessage("invalid cookie value");
        });
    }
}
