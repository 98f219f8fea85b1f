package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC.md "Headers and cookies": every cookie case, one named test each. */
class CookieAcceptanceTest {

    @Test
    void cookieHeaderSplitsOnSemicolonsAndTrims() {
        assertThat(Http.parseCookieHeader("session=demo; mode=substrate"))
                .containsExactly(Map.entry("session", "demo"), Map.entry("mode", "substrate"));
        assertThat(Http.parseCookieHeader("  a=1 ;\tb=2\t"))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void cookieHeaderSkipsEmptyParts() {
        assertThat(Http.parseCookieHeader("a=1;; ;b=2;"))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(Http.parseCookieHeader("")).isEmpty();
    }

    @Test
    void cookieSplitsAtTheFirstEquals() {
        assertThat(Http.parseCookieHeader("token=abc=def")).containsExactly(Map.entry("token", "abc=def"));
    }

    @Test
    void cookieValueMayBeEmpty() {
        assertThat(Http.parseCookieHeader("a=")).containsExactly(Map.entry("a", ""));
    }

    @Test
    void cookiePartWithoutEqualsIsRejected() {
        assertThatThrownBy(() -> Http.parseCookieHeader("a=1; flag")).isInstanceOf(HeaderError.class)
                .hasMessage("invalid cookie header");
    }

    @Test
    void cookieNameMustBeAToken() {
        assertThatThrownBy(() -> Http.parseCookieHeader("bad name=1")).isInstanceOf(HeaderError.class)
                .hasMessage("invalid cookie name");
        assertThatThrownBy(() -> Http.parseCookieHeader("=1")).hasMessage("invalid cookie name");
        assertThatThrownBy(() -> Http.parseCookieHeader("a(b)=1")).hasMessage("invalid cookie name");
    }

    @Test
    void cookieValueMustBeCookieOctets() {
        assertThatThrownBy(() -> Http.parseCookieHeader("a=b c")).isInstanceOf(HeaderError.class)
                .hasMessage("invalid cookie value");
        assertThatThrownBy(() -> Http.parseCookieHeader("a=x,y")).hasMessage("invalid cookie value");
        assertThatThrownBy(() -> Http.parseCookieHeader("a=x\\y")).hasMessage("invalid cookie value");
        assertThatThrownBy(() -> Http.parseCookieHeader("a=\"x")).hasMessage("invalid cookie value");
    }

    @Test
    void quotedCookieValueIsAcceptedWithItsQuotes() {
        assertThat(Http.parseCookieHeader("a=\"xyz\"")).containsExactly(Map.entry("a", "\"xyz\""));
    }

    @Test
    void cookieHeaderWithCarriageReturnLineFeedOrNulIsRejected() {
        for (String bad : List.of("a=1\r", "a=1\nb=2", "a=\u00001")) {
            assertThatThrownBy(() -> Http.parseCookieHeader(bad)).isInstanceOf(HeaderError.class)
                    .hasMessage("cookie headers must not contain line breaks or NUL");
        }
    }

    @Test
    void buildCookieHeaderJoinsPairs() {
        assertThat(Http.buildCookieHeader(List.of(Map.entry("session", "demo"), Map.entry("mode", "substrate"))))
                .isEqualTo("session=demo; mode=substrate");
        assertThat(Http.buildCookieHeader(List.of())).isEmpty();
    }

    @Test
    void buildCookieHeaderValidatesLikeParsing() {
        assertThatThrownBy(() -> Http.buildCookieHeader(List.of(Map.entry("a b", "1"))))
                .hasMessage("invalid cookie name");
        assertThatThrownBy(() -> Http.buildCookieHeader(List.of(Map.entry("a", "1;b=2"))))
                .hasMessage("invalid cookie value");
    }

    @Test
    void buildCookieHeaderChecksValueOctetsBeforeLineBreaks() {
        // Sifr checks cookie-octets first: a header-injection attempt is an invalid cookie value
        assertThatThrownBy(() -> Http.buildCookieHeader(List.of(Map.entry("foo", "bar\r\nInjected: x"))))
                .isInstanceOf(HeaderError.class).hasMessage("invalid cookie value");
        assertThatThrownBy(() -> Http.buildCookieHeader(List.of(Map.entry("a", "1\r\n"))))
                .isInstanceOf(HeaderError.class).hasMessage("invalid cookie value");
        assertThatThrownBy(() -> Http.buildCookieHeader(List.of(Map.entry("a", "1\u0000"))))
                .isInstanceOf(HeaderError.class).hasMessage("invalid cookie value");
    }

    @Test
    void buildCookieHeaderRejectsQuotedValues() {
        assertThatThrownBy(() -> Http.buildCookieHeader(List.of(Map.entry("a", "\"quoted\""))))
                .isInstanceOf(HeaderError.class).hasMessage("invalid cookie value");
        // parsing still accepts and keeps the quotes a peer sent
        assertThat(Http.parseCookieHeader("a=\"quoted\"")).containsExactly(Map.entry("a", "\"quoted\""));
    }

    @Test
    void buildCookieHeaderIsCappedAt64KiB() {
        String half = "v".repeat(32 * 1024);
        assertThat(Http.buildCookieHeader(List.of(Map.entry("a", "v".repeat(64 * 1024 - 2))))).hasSize(64 * 1024);
        assertThatThrownBy(() -> Http.buildCookieHeader(List.of(Map.entry("a", half), Map.entry("b", half))))
                .isInstanceOf(HeaderError.class).hasMessage("cookie header exceeds 65536 bytes");
    }

    @Test
    void builtCookieHeaderParsesBack() {
        List<Map.Entry<String, String>> pairs = List.of(Map.entry("a", "1"), Map.entry("token", "abc=def"));
        assertThat(Http.parseCookieHeader(Http.buildCookieHeader(pairs))).containsExactlyElementsOf(pairs);
    }
}
