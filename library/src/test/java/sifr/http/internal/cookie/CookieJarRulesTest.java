package sifr.http.internal.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import sifr.http.Cookie;
import sifr.http.CookieJar;
import sifr.http.CookieJarOptions;
import sifr.http.HeaderMap;
import sifr.http.SetCookie;
import sifr.url.Url;

/** The jar's rules beyond the http-state suite: expiry over time, Secure, prefixes, suffixes, limits, the header. */
class CookieJarRulesTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = () -> now.get();

    private CookieJar jar() {
        return CookieJar.inMemory(CookieJarOptions.builder().clock(clock).build());
    }

    private static Url url(String s) {
        return Url.parse(s);
    }

    private static List<String> sent(CookieJar jar, String to) {
        return jar.cookiesFor(url(to)).stream().map(Cookie::toString).toList();
    }

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void rfc6265Section53ExpiryFollowsTheInjectedClock() {
        CookieJar jar = jar();
        jar.store(url("http://a.test/"), "short=1; Max-Age=60");
        jar.store(url("http://a.test/"), "dated=1; Expires=Thu, 01 Jan 2026 00:10:00 GMT");
        jar.store(url("http://a.test/"), "session=1");
        assertThat(sent(jar, "http://a.test/")).containsExactly("short=1", "dated=1", "session=1");
        advance(Duration.ofSeconds(60));
        assertThat(sent(jar, "http://a.test/")).containsExactly("dated=1", "session=1");
        advance(Duration.ofMinutes(10));
        assertThat(sent(jar, "http://a.test/")).containsExactly("session=1");
        assertThat(jar.cookies()).singleElement().satisfies(c -> assertThat(c.persistent()).isFalse());
    }

    @Test
    void rfc6265Section53MaxAgeWinsOverExpiresInEitherOrder() {
        CookieJar jar = jar();
        jar.store(url("http://a.test/"), "a=1; Max-Age=60; Expires=Fri, 01 Jan 2027 00:00:00 GMT");
        jar.store(url("http://a.test/"), "b=1; Expires=Fri, 01 Jan 2027 00:00:00 GMT; Max-Age=60");
        assertThat(jar.cookies()).allSatisfy(c -> assertThat(c.expires()).contains(now.get().plusSeconds(60)));
    }

    @Test
    void rfc6265bisExpiryIsCappedAt400Days() {
        CookieJar jar = jar();
        jar.store(url("http://a.test/"), "a=1; Max-Age=999999999");
        jar.store(url("http://a.test/"), "b=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT");
        assertThat(jar.cookies()).allSatisfy(c -> assertThat(c.expires()).contains(now.get().plus(Duration.ofDays(400))));
    }

    @Test
    void anExpiryInThePastDeletesTheCookie() {
        CookieJar jar = jar();
        jar.store(url("http://a.test/"), "a=1");
        assertThat(jar.store(url("http://a.test/"), "a=; Max-Age=0")).isTrue();
        assertThat(jar.cookies()).isEmpty();
        jar.store(url("http://a.test/"), "b=1");
        jar.store(url("http://a.test/"), "b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(jar.cookies()).isEmpty();
    }

    @Test
    void replacingACookieKeepsItsCreationTimeAndPlace() {
        CookieJar jar = jar();
        jar.store(url("http://a.test/"), "a=1");
        Instant created = now.get();
        advance(Duration.ofSeconds(5));
        jar.store(url("http://a.test/"), "b=1");
        jar.store(url("http://a.test/"), "a=2");
        assertThat(sent(jar, "http://a.test/")).containsExactly("a=2", "b=1");
        assertThat(jar.cookies().get(0).created()).isEqualTo(created);
    }

    @Test
    void secureCookiesGoOnlyOverSecureSchemesAndComeOnlyFromThem() {
        CookieJar jar = jar();
        assertThat(jar.store(url("http://a.test/"), "s=1; Secure")).isFalse();
        assertThat(jar.store(url("https://a.test/"), "s=1; Secure; HttpOnly; SameSite=Strict")).isTrue();
        assertThat(sent(jar, "http://a.test/")).isEmpty();
        assertThat(sent(jar, "https://a.test/")).containsExactly("s=1");
        assertThat(sent(jar, "wss://a.test/")).containsExactly("s=1");
        Cookie c = jar.cookies().get(0);
        assertThat(c.secure()).isTrue();
        assertThat(c.httpOnly()).isTrue();
        assertThat(c.sameSite()).contains(SetCookie.SameSite.STRICT);
    }

    @Test
    void rfc6265bisPlainHttpCannotOverwriteASecureCookie() {
        CookieJar jar = jar();
        jar.store(url("https://a.test/"), "id=secure; Secure");
        assertThat(jar.store(url("http://a.test/"), "id=plain")).isFalse();
        assertThat(jar.store(url("http://sub.a.test/x"), "id=plain; Domain=a.test")).isFalse();
        assertThat(jar.store(url("http://a.test/"), "other=plain")).isTrue();
        assertThat(sent(jar, "https://a.test/")).containsExactly("id=secure", "other=plain");
    }

    @Test
    void rfc6265bisCookieNamePrefixes() {
        CookieJar jar = jar();
        assertThat(jar.store(url("https://a.test/"), "__Secure-a=1")).isFalse();
        assertThat(jar.store(url("https://a.test/"), "__Secure-a=1; Secure; Domain=a.test")).isTrue();
        assertThat(jar.store(url("https://a.test/"), "__Host-b=1; Secure; Domain=a.test; Path=/")).isFalse();
        assertThat(jar.store(url("https://a.test/x/y"), "__Host-b=1; Secure")).isFalse(); // default path /x
        assertThat(jar.store(url("https://a.test/"), "__host-b=1; Secure; Path=/")).isTrue();
    }

    @Test
    void aSingleLabelDomainIsTreatedAsAPublicSuffix() {
        CookieJar jar = jar();
        assertThat(jar.store(url("http://www.example.com/"), "a=1; Domain=com")).isFalse();
        assertThat(jar.store(url("http://www.example.com/"), "a=1; Domain=.com")).isFalse();
        // the host itself is a single label: host-only, as RFC 6265 §5.3 step 5 says
        assertThat(jar.store(url("http://localhost:8080/"), "b=1; Domain=localhost")).isTrue();
        assertThat(jar.cookies()).singleElement().satisfies(c -> assertThat(c.hostOnly()).isTrue());
        // without a list, a multi-label public suffix is not recognised (documented)
        assertThat(jar.store(url("http://a.example.co.uk/"), "c=1; Domain=co.uk")).isTrue();
        assertThat(sent(jar, "http://other.co.uk/")).containsExactly("c=1");
    }

    @Test
    void ipAddressHostsMatchOnlyThemselves() {
        CookieJar jar = jar();
        assertThat(jar.store(url("http://127.0.0.1:8080/"), "a=1")).isTrue();
        assertThat(jar.store(url("http://127.0.0.1/"), "b=1; Domain=0.0.1")).isFalse();
        assertThat(jar.store(url("http://[::1]/"), "c=1")).isTrue();
        assertThat(sent(jar, "http://127.0.0.1:9999/")).containsExactly("a=1"); // cookies do not isolate by port
        assertThat(sent(jar, "http://[::1]/")).containsExactly("c=1");
    }

    @Test
    void hostOnlyCookiesDoNotReachSubdomainsButDomainCookiesDo() {
        CookieJar jar = jar();
        jar.store(url("http://example.test/"), "host=1");
        jar.store(url("http://example.test/"), "dom=1; Domain=example.test");
        assertThat(sent(jar, "http://example.test/")).containsExactly("host=1", "dom=1");
        assertThat(sent(jar, "http://a.b.example.test/")).containsExactly("dom=1");
        assertThat(sent(jar, "http://badexample.test/")).isEmpty();
    }

    @Test
    void perDomainLimitEvictsThatDomainsLeastRecentlyUsed() {
        CookieJar jar = CookieJar.inMemory(CookieJarOptions.builder().clock(clock).maxCookiesPerDomain(3).build());
        for (String c : new String[] {"a=1", "b=1", "c=1"}) {
            jar.store(url("http://a.test/"), c);
        }
        jar.store(url("http://other.test/"), "x=1");
        sent(jar, "http://a.test/"); // a, b, c used in that order
        jar.store(url("http://a.test/"), "a=2"); // a used again
        jar.store(url("http://a.test/"), "d=1"); // b is now the least recently used
        assertThat(sent(jar, "http://a.test/")).containsExactly("a=2", "c=1", "d=1");
        assertThat(sent(jar, "http://other.test/")).containsExactly("x=1");
    }

    @Test
    void totalLimitEvictsExpiredFirstThenTheLeastRecentlyUsed() {
        CookieJar jar = CookieJar.inMemory(CookieJarOptions.builder().clock(clock).maxCookies(3).maxCookiesPerDomain(3).build());
        jar.store(url("http://a.test/"), "old=1");
        jar.store(url("http://b.test/"), "brief=1; Max-Age=1");
        jar.store(url("http://c.test/"), "c=1");
        advance(Duration.ofSeconds(2));
        jar.store(url("http://d.test/"), "d=1"); // brief expired: it goes, nothing else
        assertThat(jar.cookies()).extracting(Cookie::name).containsExactly("old", "c", "d");
        jar.store(url("http://e.test/"), "e=1"); // old is the least recently used
        assertThat(jar.cookies()).extracting(Cookie::name).containsExactly("c", "d", "e");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> CookieJarOptions.builder().maxCookies(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cookie limits must be positive");
        assertThatThrownBy(() -> CookieJarOptions.builder().maxCookies(10).maxCookiesPerDomain(11).build())
                .hasMessage("the per-domain cookie limit must not exceed the total");
        CookieJarOptions d = CookieJarOptions.defaults();
        assertThat(d.maxCookies()).isEqualTo(3000);
        assertThat(d.maxCookiesPerDomain()).isEqualTo(180);
        assertThat(d.toBuilder().build()).isEqualTo(d);
    }

    @Test
    void receiveStoresEverySetCookieFieldAndTheHeaderJoinsThem() {
        CookieJar jar = jar();
        jar.receive(url("http://a.test/app/page"), HeaderMap.of("set-cookie", "a=1", "content-type", "text/plain",
                "set-cookie", "b=x y, z; Path=/"));
        assertThat(jar.cookieHeader(url("http://a.test/app/other"))).contains("a=1; b=x y, z");
        assertThat(jar.cookieHeader(url("http://a.test/"))).contains("b=x y, z");
        assertThat(jar.cookieHeader(url("http://b.test/"))).isEmpty();
        jar.clear();
        assertThat(jar.cookies()).isEmpty();
    }

    @Test
    void theCookieHeaderStaysWithin64KiB() {
        CookieJar jar = jar();
        for (int i = 0; i < 40; i++) {
            jar.store(url("http://a.test/"), "c" + i + "=" + "v".repeat(4000));
        }
        String header = jar.cookieHeader(url("http://a.test/")).orElseThrow();
        assertThat(header.length()).isLessThanOrEqualTo(65536);
        assertThat(header).startsWith("c0=").contains("c15=").doesNotContain("c16=");
    }

    @Test
    void cookiesOverTheSizeLimitsAreIgnored() {
        CookieJar jar = jar();
        assertThat(jar.store(url("http://a.test/"), "n=" + "v".repeat(4096))).isFalse();
        assertThat(jar.store(url("http://a.test/"), "n=" + "v".repeat(4095))).isTrue();
        // an attribute over 1024 bytes is ignored, not the cookie
        assertThat(jar.store(url("http://a.test/x/"), "p=1; Path=/" + "p".repeat(1100))).isTrue();
        assertThat(jar.cookies().get(1).path()).isEqualTo("/x");
    }
}
