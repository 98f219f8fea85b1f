package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC.md "Headers and cookies": every header case, one named test each. */
class HeaderAcceptanceTest {

    @Test
    void headerNameIsLowercased() {
        assertThat(HeaderName.of("Content-Type").value()).isEqualTo("content-type");
    }

    @Test
    void standardHeaderNamesAreInterned() {
        assertThat(HeaderName.of("Content-Type")).isSameAs(HeaderName.CONTENT_TYPE);
        assertThat(HeaderName.of("HOST")).isSameAs(HeaderName.HOST);
    }

    @Test
    void headerValueIsTrimmedOfSpacesAndTabs() {
        assertThat(HeaderValue.of(" \t text/plain \t ").value()).isEqualTo("text/plain");
    }

    @Test
    void headerValueKeepsInnerSpacesAndTabs() {
        assertThat(HeaderValue.of("a \t b").value()).isEqualTo("a \t b");
    }

    @Test
    void headerNameMustBeAToken() {
        assertThatThrownBy(() -> HeaderName.of("bad name")).isInstanceOf(HeaderError.class)
                .hasMessageStartingWith("invalid header name: ");
        assertThatThrownBy(() -> HeaderName.of("x:y")).hasMessageStartingWith("invalid header name: ");
        assertThatThrownBy(() -> HeaderName.of("")).hasMessageStartingWith("invalid header name: ");
        assertThatThrownBy(() -> HeaderName.of("caf\u00e9")).hasMessageStartingWith("invalid header name: ");
    }

    @Test
    void headerNameOf1024BytesIsAccepted() {
        assertThat(HeaderName.of("x".repeat(1024)).length()).isEqualTo(1024);
    }

    @Test
    void headerNameOver1024BytesIsRejected() {
        assertThatThrownBy(() -> HeaderName.of("x".repeat(1025))).isInstanceOf(HeaderError.class)
                .hasMessageStartingWith("invalid header name: ");
    }

    @Test
    void headerValueOf64KiBIsAccepted() {
        assertThat(HeaderValue.of("v".repeat(65536)).length()).isEqualTo(65536);
    }

    @Test
    void headerValueOver64KiBIsRejected() {
        assertThatThrownBy(() -> HeaderValue.of("v".repeat(65537))).isInstanceOf(HeaderError.class)
                .hasMessage("header value is too large");
    }

    @Test
    void headerValueWithCarriageReturnIsRejected() {
        assertThatThrownBy(() -> HeaderValue.of("a\rb")).isInstanceOf(HeaderError.class)
                .hasMessage("header values must not contain obs-fold or line breaks");
    }

    @Test
    void headerValueWithLineFeedIsRejected() {
        assertThatThrownBy(() -> HeaderValue.of("a\nb"))
                .hasMessage("header values must not contain obs-fold or line breaks");
    }

    @Test
    void headerValueWithObsFoldIsRejected() {
        assertThatThrownBy(() -> HeaderValue.of("a\r\n b"))
                .hasMessage("header values must not contain obs-fold or line breaks");
    }

    @Test
    void headerValueWithOtherControlCharactersIsRejected() {
        assertThatThrownBy(() -> HeaderValue.of("a\u0000b")).isInstanceOf(HeaderError.class)
                .hasMessage("header values must not contain control characters");
        assertThatThrownBy(() -> HeaderValue.of("a\u007fb"))
                .hasMessage("header values must not contain control characters");
    }

    @Test
    void headerSectionOf1024PairsIsAccepted() {
        assertThat(Http.headersFromPairs(pairs(1024, 1)).size()).isEqualTo(1024);
    }

    @Test
    void headerSectionOver1024PairsIsRejected() {
        assertThatThrownBy(() -> Http.headersFromPairs(pairs(1025, 1))).isInstanceOf(HeaderError.class)
                .hasMessage("too many HTTP headers");
    }

    @Test
    void headerSectionOver1MiBIsRejected() {
        // 17 values of 64 KiB each: every one valid, together more than 1 MiB
        assertThatThrownBy(() -> Http.headersFromPairs(pairs(17, 65536))).isInstanceOf(HeaderError.class)
                .hasMessage("header section is too large");
    }

    @Test
    void duplicateHeadersKeepTheirOrder() {
        HeaderMap map = HeaderMap.of("Set-Cookie", "a=1", "x", "y", "set-cookie", "b=2", "SET-COOKIE", "c=3");
        assertThat(map.getAll("set-cookie")).containsExactly("a=1", "b=2", "c=3");
        assertThat(map.get("Set-Cookie")).contains("a=1");
        assertThat(map.toPairs()).containsExactly(Map.entry("set-cookie", "a=1"), Map.entry("x", "y"),
                Map.entry("set-cookie", "b=2"), Map.entry("set-cookie", "c=3"));
    }

    @Test
    void headersFromPairsMirrorsTheSeed() {
        HeaderMap headers = Http.headersFromPairs(List.of(
                Map.entry("content-type", "application/json"), Map.entry("x-request-id", "abc123")));
        assertThat(headers.size()).isEqualTo(2);
        assertThat(headers.get("Content-Type")).contains("application/json");
        assertThat(headers.get("missing")).isEmpty();
    }

    private static List<Map.Entry<String, String>> pairs(int count, int valueLength) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        String value = "v".repeat(valueLength);
        for (int i = 0; i < count; i++) {
            out.add(Map.entry("x-h" + i, value));
        }
        return out;
    }
}
