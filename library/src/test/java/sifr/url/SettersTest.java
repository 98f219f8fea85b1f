package sifr.url;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sifr.testing.TestData;

/**
 * web-platform-tests {@code setters_tests.json}: all 278 cases through the withers (the WHATWG
 * setter of each attribute maps to one wither; {@code href} is {@link Url#parse}). No skips.
 */
class SettersTest {

    static List<Arguments> cases() {
        JsonNode root = TestData.json(TestData.conformance("url/setters_tests.json"));
        List<Arguments> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("comment")) {
                continue;
            }
            int index = 0;
            for (JsonNode c : entry.getValue()) {
                index++;
                out.add(Arguments.of(entry.getKey() + " " + index + ": " + Whatwg.printable(c.get("href").asText())
                        + " <- " + Whatwg.printable(c.get("new_value").asText()), entry.getKey(), c));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void setsAsTheUrlStandardSays(String name, String attribute, JsonNode c) {
        Url url = Url.parse(c.get("href").asText());
        String value = c.get("new_value").asText();
        Url changed = switch (attribute) {
            case "href" -> Url.parse(value);
            case "protocol" -> url.withScheme(value);
            case "username" -> url.withUsername(value);
            case "password" -> url.withPassword(value);
            case "host" -> url.withHost(value);
            case "hostname" -> url.withHostname(value);
            case "port" -> url.withPort(value);
            case "pathname" -> url.withPath(value);
            case "search" -> url.withQuery(value);
            case "hash" -> url.withFragment(value);
            default -> throw new IllegalArgumentException(attribute);
        };
        for (Iterator<Map.Entry<String, JsonNode>> it = c.get("expected").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> expected = it.next();
            assertThat(Whatwg.attribute(changed, expected.getKey())).as(expected.getKey())
                    .isEqualTo(expected.getValue().asText());
        }
        assertThat(Url.parse(changed.href())).as("re-parsing href").isEqualTo(changed);
        assertThat(url).as("the original is unchanged").isEqualTo(Url.parse(c.get("href").asText()));
    }
}
