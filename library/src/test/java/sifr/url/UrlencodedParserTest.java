package sifr.url;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sifr.testing.TestData;

/** web-platform-tests {@code urlencoded-parser-data.json}: all 35 cases through {@link UrlQuery#parse}. No skips. */
class UrlencodedParserTest {

    static List<Arguments> cases() {
        return Whatwg.cases(TestData.json(TestData.conformance("url/urlencoded-parser-data.json")), "input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesFormUrlencodedAsTheUrlStandardSays(String name, JsonNode c) {
        List<Map.Entry<String, String>> expected = new ArrayList<>();
        for (JsonNode pair : c.get("output")) {
            expected.add(Map.entry(pair.get(0).asText(), pair.get(1).asText()));
        }
        UrlQuery query = UrlQuery.parse(c.get("input").asText());
        assertThat(query.pairs()).containsExactlyElementsOf(expected);
        assertThat(UrlQuery.parse(query.toString())).as("serialization round-trips").isEqualTo(query);
    }
}
