package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link SetCookie}: building and reading {@code Set-Cookie} by RFC 6265bis (draft 20) sections. */
class SetCookieTest {

    @Test
    void rfc6265bisSection4_1AttributesAreSerializedInOneOrder() {
        SetCookie c = SetCookie.builder("id", "a3fWa").expires(Instant.parse("2015-10-21T07:28:00.750Z"))
                .maxAge(Duration.ofDays(1)).domain(".Example.COM").path("/docs").secure(true).httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT).partitioned(true).build();
        assertThat(c.toString()).isEqualTo("id=a3fWa; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=86400; "
                + "Domain=example.com; Path=/docs; Secure; HttpOnly; SameSite=Strict; Partitioned");
        assertThat(SetCookie.builder("s", "1").build().toString()).isEqualTo("s=1");
    }

    @Test
    void rfc6265bisSection4_1_1ExpiresIsAnImfFixdateWithTwoDigitDays() {
        SetCookie c = SetCookie.builder("a", "b").expires(Instant.parse("2030-01-05T00:00:09Z")).build();
        assertThat(c.toString()).isEqualTo("a=b; Expires=Sat, 05 Jan 2030 00:00:09 GMT");
        assertThatThrownBy(() -> SetCookie.builder("a", "b").expires(Instant.parse("1500-01-01T00:00:00Z")))
                .hasMessage("cookie Expires must be in years 1601..9999");
    }

    @Test
    void rfc6265bisSection4_1_1NameIsATokenAndValueCookieOctetsWithSifrMessages() {
        assertThatThrownBy(() -> SetCookie.builder("bad name", "v").build()).isInstanceOf(HeaderError.class)
                .hasMessage("invalid cookie name");
        assertThatThrownBy(() -> SetCookie.builder("", "v").build()).hasMessage("invalid cookie name");
        assertThatThrownBy(() -> SetCookie.builder("n", "a;b").build()).hasMessage("invalid cookie value");
        assertThatThrownBy(() -> SetCookie.builder("n", "bar\r\nInjected: x").build()).hasMessage("invalid cookie value");
        assertThat(SetCookie.builder("n", "\"quoted\"").build().value()).isEqualTo("\"quoted\"");
    }

    @Test
    void rfc6265bisSection5_6NameAndValueAtMost4096BytesAttributesAtMost1024() {
        assertThatThrownBy(() -> SetCookie.builder("n", "x".repeat(4096)).build())
                .hasMessage("cookie name and value exceed 4096 bytes");
        assertThatThrownBy(() -> SetCookie.builder("n", "v").path("/" + "p".repeat(1024)).build())
                .hasMessage("cookie attribute value exceeds 1024 bytes");
    }

    @Test
    void rfc6265bisSection4_1_2DomainAndPathAreValidated() {
        assertThatThrownBy(() -> SetCookie.builder("n", "v").domain("exa mple.com")).hasMessage("invalid cookie domain");
        assertThatThrownBy(() -> SetCookie.builder("n", "v").domain("a..b")).hasMessage("invalid cookie domain");
        assertThatThrownBy(() -> SetCookie.builder("n", "v").path("docs")).hasMessage("invalid cookie path");
        assertThatThrownBy(() -> SetCookie.builder("n", "v").path("/a;b")).hasMessage("invalid cookie path");
        assertThatThrownBy(() -> SetCookie.builder("n", "v").maxAge(Duration.ofSeconds(-1)))
                .hasMessage("cookie Max-Age must not be negative");
    }

    @Test
    void rfc6265bisSection4_1_3SecurePrefixRequiresSecure() {
        assertThatThrownBy(() -> SetCookie.builder("__Secure-id", "1").build()).hasMessage("cookie prefix __Secure- requires Secure");
        assertThatThrownBy(() -> SetCookie.builder("__secure-id", "1").build()).as("case-insensitive")
                .hasMessage("cookie prefix __Secure- requires Secure");
        assertThat(SetCookie.builder("__Secure-id", "1").secure(true).build().toString()).isEqualTo("__Secure-id=1; Secure");
    }

    @Test
    void rfc6265bisSection4_1_3HostPrefixRequiresSecurePathSlashAndNoDomain() {
        String msg = "cookie prefix __Host- requires Secure, Path=/ and no Domain";
        assertThatThrownBy(() -> SetCookie.builder("__Host-id", "1").path("/").build()).hasMessage(msg);
        assertThatThrownBy(() -> SetCookie.builder("__Host-id", "1").secure(true).build()).hasMessage(msg);
        assertThatThrownBy(() -> SetCookie.builder("__Host-id", "1").secure(true).path("/a").build()).hasMessage(msg);
        assertThatThrownBy(() -> SetCookie.builder("__HOST-id", "1").secure(true).path("/").domain("example.com").build())
                .hasMessage(msg);
        assertThat(SetCookie.builder("__Host-id", "1").secure(true).path("/").build().toString())
                .isEqualTo("__Host-id=1; Path=/; Secure");
    }

    @Test
    void rfc6265bisSection4_1_2_7SameSiteNoneAndPartitionedRequireSecure() {
        assertThatThrownBy(() -> SetCookie.builder("n", "v").sameSite(SetCookie.SameSite.NONE).build())
                .hasMessage("SameSite=None requires Secure");
        assertThatThrownBy(() -> SetCookie.builder("n", "v").partitioned(true).build()).hasMessage("Partitioned requires Secure");
    }

    @Test
    void deletionExpiresTheCookieBothWays() {
        assertThat(SetCookie.deletion("sid").path("/").build().toString())
                .isEqualTo("sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/");
    }

    @Test
    void rfc6265bisSection5_6ParseReadsWhatBuildWrites() {
        SetCookie c = SetCookie.builder("__Host-s", "x").expires(Instant.parse("2031-02-03T04:05:06Z"))
                .maxAge(Duration.ofSeconds(60)).path("/").secure(true).httpOnly(true).sameSite(SetCookie.SameSite.LAX).build();
        assertThat(SetCookie.parse(c.toString())).isEqualTo(c);
        assertThat(SetCookie.parse(c.toString()).toBuilder().build()).isEqualTo(c);
    }

    @Test
    void rfc6265bisSection5_6AttributeNamesAreCaseInsensitiveUnknownOnesIgnoredLastWins() {
        SetCookie c = SetCookie.parse(" sid = abc ;  path=/a ; PATH=/b; SECURE;httponly; Foo=bar; samesite=strict; SameSite=bogus");
        assertThat(c.name()).isEqualTo("sid");
        assertThat(c.value()).isEqualTo("abc");
        assertThat(c.path()).contains("/b");
        assertThat(c.secure()).isTrue();
        assertThat(c.httpOnly()).isTrue();
        assertThat(c.sameSite()).contains(SetCookie.SameSite.STRICT);
    }

    @Test
    void rfc6265bisSection5_6_2MaxAgeZeroOrNegativeExpiresAndBadValuesAreIgnored() {
        assertThat(SetCookie.parse("a=b; Max-Age=-5").maxAgeSeconds()).hasValue(0);
        assertThat(SetCookie.parse("a=b; Max-Age=12x").maxAgeSeconds()).isEmpty();
        assertThat(SetCookie.parse("a=b; Max-Age=3600").maxAgeSeconds()).hasValue(3600);
        assertThat(SetCookie.parse("a=b; Domain=.Example.org").domain()).contains("example.org");
        assertThat(SetCookie.parse("a=b; Path=relative").path()).isEmpty();
    }

    @Test
    void rfc6265bisSection5_1_1CookieDatesInTheFormsServersSend() {
        Instant t = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(SetCookie.parse("a=b; Expires=Sun, 06 Nov 1994 08:49:37 GMT").expires()).contains(t);
        assertThat(SetCookie.parse("a=b; Expires=Sunday, 06-Nov-94 08:49:37 GMT").expires()).contains(t);
        assertThat(SetCookie.parse("a=b; Expires=Sun Nov  6 08:49:37 1994").expires()).contains(t);
        assertThat(SetCookie.parse("a=b; Expires=Thu, 01-Jan-2070 00:00:01 GMT").expires())
                .contains(Instant.parse("2070-01-01T00:00:01Z"));
        assertThat(SetCookie.parse("a=b; Expires=06 Nov 30 08:49:37").expires()).as("two-digit year below 70 is 20xx")
                .contains(Instant.parse("2030-11-06T08:49:37Z"));
        assertThat(SetCookie.parse("a=b; Expires=Fri, 31 Feb 2020 00:00:00 GMT").expires()).isEmpty();
        assertThat(SetCookie.parse("a=b; Expires=Sun, 06 Nov 1994 25:49:37 GMT").expires()).isEmpty();
        assertThat(SetCookie.parse("a=b; Expires=1600-01-01 00:00:00 jan").expires()).isEmpty();
        assertThat(SetCookie.parse("a=b; Expires=never").expires()).isEmpty();
    }

    @Test
    void parseRefusesWhatNoCookieIsWithSifrMessages() {
        assertThatThrownBy(() -> SetCookie.parse("novalue")).hasMessage("invalid cookie header");
        assertThatThrownBy(() -> SetCookie.parse("a=b\r\nX: y")).hasMessage("cookie headers must not contain line breaks or NUL");
        assertThatThrownBy(() -> SetCookie.parse("a b=c")).hasMessage("invalid cookie name");
        assertThatThrownBy(() -> SetCookie.parse("a=b c")).hasMessage("invalid cookie value");
        assertThatThrownBy(() -> SetCookie.parse("__Host-a=b; Secure")).hasMessage("cookie prefix __Host- requires Secure, Path=/ and no Domain");
    }

    @Test
    void responsesHelpersSetTypeLengthAndRedirectRules() throws Exception {
        HttpResponse text = Responses.text(200, "héllo");
        assertThat(text.headers().get("content-type")).contains("text/plain; charset=utf-8");
        assertThat(text.body().length()).hasValue(6);
        assertThat(Responses.json(201, "{}").headers().get("content-type")).contains("application/json");
        HttpResponse moved = Responses.redirect(308, "/new?x=1");
        assertThat(moved.headers().get("location")).contains("/new?x=1");
        assertThatThrownBy(() -> Responses.redirect(200, "/x")).hasMessage("redirect status must be 301, 302, 303, 307 or 308");
        assertThatThrownBy(() -> Responses.redirect(302, "/x\r\nSet-Cookie: a=b")).isInstanceOf(HeaderError.class);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("responses", ".txt");
        try {
            java.nio.file.Files.writeString(file, "file body");
            HttpResponse f = Responses.file("text/plain", file);
            assertThat(f.body().length()).hasValue(9);
            assertThat(f.body().collectWithLimit(100)).isEqualTo("file body".getBytes());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void responsesWithCookieAddsOneSetCookieFieldEach() {
        HttpResponse r = Responses.withCookie(Responses.withCookie(Responses.status(204),
                SetCookie.builder("a", "1").build()), SetCookie.builder("b", "2").httpOnly(true).build());
        assertThat(r.headers().getAll("set-cookie")).containsExactly("a=1", "b=2; HttpOnly");
    }
}
