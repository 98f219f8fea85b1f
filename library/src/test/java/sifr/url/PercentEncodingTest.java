package sifr.url;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sifr.testing.TestData;

/**
 * web-platform-tests {@code percent-encoding.json}: all 7 cases with their {@code utf-8} output, as
 * the WPT harness runs them (query and fragment of a special URL). The other encodings of the file
 * concern legacy-encoded documents, which a URL library without a document encoding does not have.
 */
class PercentEncodingTest {

    static List<Arguments> cases() {
        return Whatwg.cases(TestData.json(TestData.conformance("url/percent-encoding.json")), "input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodesUtf8AsTheUrlStandardSays(String name, JsonNode c) {
        String input = c.get("input").asText();
        String expected = c.get("output").get("utf-8").asText();
        Url url = Url.parse("https://doesnotmatter.invalid/?" + input + "#" + input);
        assertThat(url.query()).contains(expected);
        assertThat(url.fragment()).contains(expected);
    }
}
