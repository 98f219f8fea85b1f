package sifr.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The URL acceptance cases of SPEC.md ("Behaviour to keep from Sifr"), plus the seed's example. */
class UrlAcceptanceTest {

    @Test
    void decomposesAFullUrlAndResolvesDotSegments() {
        Url url = Url.parse("https://user:pass@example.com:8443/a/../b?x=1&x=2#frag");
        assertThat(url.scheme()).isEqualTo("https");
        assertThat(url.username()).isEqualTo("user");
        assertThat(url.password()).isEqualTo("pass");
        assertThat(url.host()).isEqualTo("example.com");
        assertThat(url.port()).isEqualTo(OptionalInt.of(8443));
        assertThat(url.path()).isEqualTo("/b");
        assertThat(url.query()).contains("x=1&x=2");
        assertThat(url.fragment()).contains("frag");
        assertThat(url.authority()).isEqualTo("user:pass@example.com:8443");
        assertThat(url.origin()).isEqualTo("https://example.com:8443");
    }

    @Test
    void seedExampleParses() {
        Url url = Url.parse("https://example.com/search?q=sifr&page=2");
        assertThat(url.scheme()).isEqualTo("https");
        assertThat(url.host()).isEqualTo("example.com");
        assertThat(url.path()).isEqualTo("/search");
        assertThat(url.query()).contains("q=sifr&page=2");
        assertThat(url.queryParams().get("page")).contains("2");
    }

    @Test
    void explicitPortIsKept() {
        assertThat(Url.parse("http://127.0.0.1:8080/health").port()).isEqualTo(OptionalInt.of(8080));
    }

    @Test
    void defaultPortIsEmpty() {
        assertThat(Url.parse("https://example.com:443/").port()).isEmpty();
        assertThat(Url.parse("https://example.com/").portOrDefault()).isEqualTo(OptionalInt.of(443));
    }

    @Test
    void percentEncodedHostIsDecoded() {
        assertThat(Url.parse("https://%61.example/ok").host()).isEqualTo("a.example");
    }

    @Test
    void encodedSlashInPathIsKept() {
        assertThat(Url.parse("http://h/a/%2F/b").path()).isEqualTo("/a/%2F/b");
    }

    @Test
    void nonAsciiHostBecomesPunycode() {
        assertThat(Url.parse("https://é.example/").host()).isEqualTo("xn--9ca.example");
    }

    @Test
    void buildBracketsAnIpv6Host() {
        Url url = Url.build("http", "::1", "/ready", null, 8080);
        assertThat(url.host()).isEqualTo("[::1]");
        assertThat(url.href()).isEqualTo("http://[::1]:8080/ready");
    }

    @Test
    void buildAssemblesComponents() {
        assertThat(Url.build("https", "example.com", "/a b", "q=1 2", null).href())
                .isEqualTo("https://example.com/a%20b?q=1%202");
        assertThat(Url.build("http", "example.com", null, null, null).href()).isEqualTo("http://example.com/");
    }

    @Test
    void percentEncodeKeepsOnlyAsciiLettersAndDigits() {
        assertThat(Url.percentEncode("a b/ç")).isEqualTo("a%20b%2F%C3%A7");
        assertThat(Url.percentDecode(Url.percentEncode("a b/ç"))).isEqualTo("a b/ç");
        assertThat(Url.percentEncode("-._~")).isEqualTo("%2D%2E%5F%7E");
    }

    @Test
    void percentEncodeBytesEncodesEveryOtherByte() {
        assertThat(Url.percentEncodeBytes(new byte[] {(byte) 0xFF, ' ', '/'})).isEqualTo("%FF%20%2F");
        assertThat(Url.percentDecodeBytes("%FF%20%2F")).containsExactly(0xFF, ' ', '/');
    }

    @Test
    void normalizePathRemovesDotSegments() {
        assertThat(Url.normalizePath("/a/b/../c/./")).isEqualTo("/a/c/");
        assertThat(Url.normalizePath("/../a")).isEqualTo("/a");
        assertThat(Url.normalizePath("a/./b/..")).isEqualTo("a/");
        assertThat(Url.normalizePath("/a/b/..")).isEqualTo("/a/");
    }

    @Test
    void parseQueryDecodesFormEncoding() {
        UrlQuery query = Url.parseQuery("a=1&b=two+words&a=3");
        assertThat(query.get("a")).contains("1");
        assertThat(query.get("b")).contains("two words");
        assertThat(query.get("missing")).isEmpty();
        assertThat(query.getAll("a")).containsExactly("1", "3");
        assertThat(query.pairs()).containsExactly(Map.entry("a", "1"), Map.entry("b", "two words"), Map.entry("a", "3"));
    }

    @Test
    void buildQuerySerializesFormEncoding() {
        assertThat(Url.buildQuery(List.of(Map.entry("a", "1"), Map.entry("b", "two words&more"))))
                .isEqualTo("a=1&b=two+words%26more");
    }

    @Test
    void invalidPercentEscapeIsRejected() {
        assertThatThrownBy(() -> Url.percentDecode("%zz")).isInstanceOf(UrlError.class).hasMessage("invalid percent escape");
        assertThatThrownBy(() -> Url.percentDecode("%4")).isInstanceOf(UrlError.class).hasMessage("invalid percent escape");
        assertThatThrownBy(() -> Url.percentDecodeBytes("abc%")).isInstanceOf(UrlError.class).hasMessage("invalid percent escape");
    }

    @Test
    void portOutOfRangeIsRejected() {
        assertThatThrownBy(() -> Url.parse("http://example.com:70000/")).isInstanceOf(UrlError.class)
                .hasMessage("URL port must be in 0..65535");
        assertThatThrownBy(() -> Url.build("http", "example.com", "/", null, 70000)).isInstanceOf(UrlError.class)
                .hasMessage("URL port must be in 0..65535");
        assertThatThrownBy(() -> Url.parse("http://x/").withPort(-1)).isInstanceOf(UrlError.class)
                .hasMessage("URL port must be in 0..65535");
    }

    @Test
    void schemeWithUrlSyntaxIsRejected() {
        assertThatThrownBy(() -> Url.build("https://attacker.example/?", "example.com", "/", null, null))
                .isInstanceOf(UrlError.class).hasMessage("invalid URL scheme");
    }

    @Test
    void hostsThatAreNotOneHostAreRejectedByBuild() {
        for (String host : List.of("evil.example#frag", "user@example.com", "example.com/path", "example.com:80", "a b")) {
            assertThatThrownBy(() -> Url.build("https", host, "/", null, null)).as(host)
                    .isInstanceOf(UrlError.class).hasMessage("invalid URL host");
        }
    }

    @Test
    void buildWithoutAHostSaysTheHostIsRequired() {
        for (String host : java.util.Arrays.asList("", null)) {
            assertThatThrownBy(() -> Url.build("https", host, "/", null, null)).as(String.valueOf(host))
                    .isInstanceOf(UrlError.class).hasMessage("URL host is required");
        }
    }

    @Test
    void invalidHostInParseIsNamed() {
        assertThatThrownBy(() -> Url.parse("http://exa mple.com/")).isInstanceOf(UrlError.class).hasMessage("invalid URL host");
        assertThatThrownBy(() -> Url.parse("http://[::1/")).isInstanceOf(UrlError.class).hasMessage("invalid URL host");
    }

    @Test
    void nonUtf8QueryIsRejected() {
        assertThatThrownBy(() -> Url.parseQuery("a=%FF")).isInstanceOf(UrlError.class).hasMessage("query component is not UTF-8");
        assertThat(UrlQuery.parse("a=%FF").get("a")).as("the WHATWG parser replaces instead").contains("\uFFFD");
    }

    @Test
    void inputOver64KiBIsRejected() {
        String big = "https://example.com/" + "a".repeat(64 * 1024);
        assertThatThrownBy(() -> Url.parse(big)).isInstanceOf(UrlError.class).hasMessage("URL is too large");
        String bigInUtf8 = "https://example.com/" + "é".repeat(33 * 1024);
        assertThat(bigInUtf8.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(64 * 1024);
        assertThatThrownBy(() -> Url.parse(bigInUtf8)).isInstanceOf(UrlError.class).hasMessage("URL is too large");
        assertThat(Url.parse("https://example.com/" + "a".repeat(60 * 1024)).path()).hasSize(60 * 1024 + 1);
    }

    @Test
    void relativeWithoutBaseIsNamed() {
        assertThatThrownBy(() -> Url.parse("/just/a/path")).isInstanceOf(UrlError.class)
                .hasMessage("relative URL without a base");
    }

    @Test
    void resolveUsesThisUrlAsBase() {
        Url base = Url.parse("https://example.com/a/b?q#f");
        assertThat(base.resolve("../c").href()).isEqualTo("https://example.com/c");
        assertThat(base.resolve("?x").href()).isEqualTo("https://example.com/a/b?x");
        assertThat(base.resolve("//other.example/").href()).isEqualTo("https://other.example/");
        assertThat(Url.parse("d", base)).isEqualTo(base.resolve("d"));
    }

    @Test
    void withersReturnNewUrlsAndLeaveTheOriginal() {
        Url url = Url.parse("http://example.com/a");
        Url changed = url.withScheme("https:").withHost("example.org:8443").withPath("/b c").withQuery("x=1").withFragment("top");
        assertThat(changed.href()).isEqualTo("https://example.org:8443/b%20c?x=1#top");
        assertThat(url.href()).isEqualTo("http://example.com/a");
        assertThat(url.withPort("abc")).isSameAs(url);
        assertThat(url.withPort(8080).port()).isEqualTo(OptionalInt.of(8080));
        assertThat(Url.parse("mailto:x@y").withHost("z")).as("opaque path: the host setter is ignored")
                .isEqualTo(Url.parse("mailto:x@y"));
    }

    @Test
    void urlQueryEditsAreImmutable() {
        UrlQuery query = UrlQuery.parse("b=2&a=1&b=3");
        assertThat(query.append("c", "4").toString()).isEqualTo("b=2&a=1&b=3&c=4");
        assertThat(query.set("b", "x").toString()).isEqualTo("b=x&a=1");
        assertThat(query.delete("b").toString()).isEqualTo("a=1");
        assertThat(query.sort().toString()).isEqualTo("a=1&b=2&b=3");
        assertThat(query.toString()).isEqualTo("b=2&a=1&b=3");
    }

    @Test
    void equalityIsBySerialization() {
        assertThat(Url.parse("HTTP://EXAMPLE.com:80/./a")).isEqualTo(Url.parse("http://example.com/a"));
        assertThat(Url.parse("http://example.com/a").hashCode()).isEqualTo(Url.parse("http://example.com/a").hashCode());
        assertThat(Url.parse("http://example.com/a")).hasToString("http://example.com/a");
    }
}
