package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * URL-span cases of llhttp and http-parser, mapped onto what the HTTP/1.1 codec does with a request
 * target: it keeps it byte for byte when every byte is visible ASCII and rejects it otherwise. Taking
 * a URL apart (scheme, userinfo, host, port) is not the codec's job ({@code sifr.url} does that, the
 * WHATWG way), so the structural errors of these URL parsers are not reproduced: those cases are
 * listed here by name and assert that the codec passes the target through unchanged.
 */
final class UrlSpanCases {

    /** URL parsers reject these for their structure; the codec accepts any visible-ASCII target. */
    static final Set<String> STRUCTURE_NOT_CHECKED_BY_CODEC = Set.of(
            // llhttp url.md
            "Failing on broken schema", "Double `@`",
            // http-parser url_tests
            "CONNECT request but not connect", "double @", "proxy empty host", "proxy empty port",
            "CONNECT with basic auth", "CONNECT empty host", "CONNECT empty port", "CONNECT with extra bits",
            "proxy double : in URL", "proxy % in hostname", "proxy ; in hostname", "proxy only empty basic auth",
            "proxy only basic auth", "proxy emtpy hostname", "proxy = in URL", "ipv6 address ending with '%'",
            "ipv6 address with Zone ID including bad character", "just ipv6 Zone ID");

    /** http-parser accepts these; the codec rejects control characters in a request target. */
    static final Set<String> STRICTER = Set.of("tab in URL", "form feed in URL");

    private UrlSpanCases() {
    }

    static void check(String name, String url, boolean connect, boolean expectError) throws Exception {
        byte[] target = url.getBytes(StandardCharsets.UTF_8);
        boolean visible = target.length > 0;
        for (byte b : target) {
            visible &= b > 0x20 && b < 0x7F;
        }
        byte[] line = ((connect ? "CONNECT " : "GET ") + url + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        H1HeadParser parser = new H1HeadParser();
        if (!visible) {
            assertThat(expectError || STRICTER.contains(name)).as("listed as stricter: " + name).isTrue();
            assertThatThrownBy(() -> parser.parseRequest(line, 0, line.length)).isInstanceOf(H1ParseError.class);
            return;
        }
        if (expectError) {
            assertThat(STRUCTURE_NOT_CHECKED_BY_CODEC).as("listed: " + name).contains(name);
        }
        assertThat(parser.parseRequest(line, 0, line.length)).isEqualTo(line.length);
        assertThat(parser.requestHead().path()).isEqualTo(url);
    }

    static void check(String id, com.fasterxml.jackson.databind.JsonNode llhttpCase) throws Exception {
        check(llhttpCase.get("name").asText(), llhttpCase.get("input").asText(), false, !llhttpCase.get("error").isNull());
    }
}
