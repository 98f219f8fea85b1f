package sifr.http.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import sifr.http.HeaderMap;
import sifr.http.Method;
import sifr.http.Redirects;
import sifr.url.Url;

/** The redirect rules as a pure function (RFC 9110 §15.4, §10.2.2), case by case. */
class RedirectRuleTest {
    private static final Url HTTPS = Url.parse("https://example.test/a#part");

    private static Optional<RedirectRule.Step> next(Redirects policy, Url from, Method m, int status, String location,
            boolean hasBody, boolean replayable) {
        return RedirectRule.next(policy, from, m, HeaderMap.of("authorization", "x", "content-type", "text/plain"),
                status, Optional.ofNullable(location), hasBody, replayable);
    }

    @Test
    void normalDoesNotFollowHttpsToHttpButAlwaysDoes() {
        assertThat(next(Redirects.NORMAL, HTTPS, Method.GET, 302, "http://example.test/b", false, true)).isEmpty();
        assertThat(next(Redirects.ALWAYS, HTTPS, Method.GET, 302, "http://example.test/b", false, true)).isPresent();
        assertThat(next(Redirects.NORMAL, HTTPS, Method.GET, 302, "https://example.test/b", false, true)).isPresent();
    }

    @Test
    void neverFollowsNothing() {
        assertThat(next(Redirects.NEVER, HTTPS, Method.GET, 301, "/b", false, true)).isEmpty();
    }

    @Test
    void onlyTheFiveRedirectStatusesWithALocationAreFollowed() {
        for (int s : new int[] {300, 304, 305, 306, 200, 404}) {
            assertThat(next(Redirects.ALWAYS, HTTPS, Method.GET, s, "/b", false, true)).as("status %d", s).isEmpty();
        }
        assertThat(next(Redirects.ALWAYS, HTTPS, Method.GET, 302, null, false, true)).isEmpty();
        assertThat(next(Redirects.ALWAYS, HTTPS, Method.GET, 302, "ftp://example.test/", false, true)).isEmpty();
    }

    @Test
    void rfc9110Section10_2_2_aLocationWithoutFragmentInheritsTheRequests() {
        assertThat(next(Redirects.NORMAL, HTTPS, Method.GET, 302, "/b", false, true).orElseThrow().url().href())
                .isEqualTo("https://example.test/b#part");
        assertThat(next(Redirects.NORMAL, HTTPS, Method.GET, 302, "/b#own", false, true).orElseThrow().url().href())
                .isEqualTo("https://example.test/b#own");
    }

    @Test
    void userInfoInALocationIsNotKept() {
        assertThat(next(Redirects.NORMAL, HTTPS, Method.GET, 302, "https://u:p@example.test/b", false, true)
                .orElseThrow().url().href()).isEqualTo("https://example.test/b#part");
    }

    @Test
    void aPostTurnedIntoAGetLosesItsBodyFieldsAndKeepsCredentialsOnTheSameOrigin() {
        RedirectRule.Step s = next(Redirects.NORMAL, HTTPS, Method.POST, 302, "/b", true, true).orElseThrow();
        assertThat(s.method()).isEqualTo(Method.GET);
        assertThat(s.keepsBody()).isFalse();
        assertThat(s.headers().contains("content-type")).isFalse();
        assertThat(s.headers().get("authorization")).contains("x");
    }

    @Test
    void aPortChangeDropsCredentials() {
        RedirectRule.Step s = next(Redirects.NORMAL, HTTPS, Method.GET, 307, "https://example.test:8443/b", false, true)
                .orElseThrow();
        assertThat(s.headers().contains("authorization")).isFalse();
    }

    @Test
    void a308WithABodyThatCannotBeReplayedIsNotFollowed() {
        assertThat(next(Redirects.NORMAL, HTTPS, Method.PUT, 308, "/b", true, false)).isEmpty();
        assertThat(next(Redirects.NORMAL, HTTPS, Method.PUT, 308, "/b", true, true).orElseThrow().keepsBody()).isTrue();
    }
}
