package sifr.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sifr.testing.TestData;

/**
 * web-platform-tests {@code toascii.json}: all 87 cases through the host parser, as the WPT
 * harness runs them ({@code https://{input}/x}, then the host setter). No skips.
 */
class ToAsciiTest {

    static List<Arguments> cases() {
        return Whatwg.cases(TestData.json(TestData.conformance("url/toascii.json")), "input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsTheHostAsTheUrlStandardSays(String name, JsonNode c) {
        String input = c.get("input").asText();
        if (c.get("output").isNull()) {
            assertThatThrownBy(() -> Url.parse("https://" + input + "/x")).isInstanceOf(UrlError.class);
            Url url = Url.parse("https://x/x");
            assertThat(url.withHost(input).host()).as("host setter ignores the value").isEqualTo("x");
            assertThat(url.withHostname(input).host()).as("hostname setter ignores the value").isEqualTo("x");
            return;
        }
        String expected = c.get("output").asText();
        Url url = Url.parse("https://" + input + "/x");
        assertThat(url.host()).isEqualTo(expected);
        assertThat(url.path()).isEqualTo("/x");
        assertThat(Url.parse("https://x/x").withHost(input).host()).as("host setter").isEqualTo(expected);
        assertThat(Url.parse("https://x/x").withHostname(input).host()).as("hostname setter").isEqualTo(expected);
    }
}
