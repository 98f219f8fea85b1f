package sifr.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sifr.testing.TestData;

/** web-platform-tests {@code urltestdata.json}: all 891 cases, failures included, one test each. No skips. */
class UrlTestDataTest {

    static List<Arguments> cases() {
        return Whatwg.cases(TestData.json(TestData.conformance("url/urltestdata.json")), "input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesAsTheUrlStandardSays(String name, JsonNode c) {
        String input = c.get("input").asText();
        Url base = c.hasNonNull("base") ? Url.parse(c.get("base").asText()) : null;
        if (c.path("failure").asBoolean(false)) {
            assertThatThrownBy(() -> Url.parse(input, base)).isInstanceOf(UrlError.class);
            return;
        }
        Url url = Url.parse(input, base);
        for (String attribute : Whatwg.ATTRIBUTES) {
            if (c.has(attribute)) {
                assertThat(Whatwg.attribute(url, attribute)).as(attribute).isEqualTo(c.get(attribute).asText());
            }
        }
        assertThat(Url.parse(url.href())).as("re-parsing href").isEqualTo(url);
    }
}
