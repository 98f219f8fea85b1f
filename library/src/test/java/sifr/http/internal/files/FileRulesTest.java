package sifr.http.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small rules of static file serving: request paths, HTTP-dates, entity tags, Accept-Encoding, types. */
class FileRulesTest {

    @Test
    void requestPathSplitsBeforeDecodingSoEncodedSlashesCannotAddALevel() {
        assertThatThrownBy(() -> RequestPath.parse("/a%2Fb")).isInstanceOf(RequestPath.BadPath.class)
                .hasMessage("encoded separator in path segment");
        assertThatThrownBy(() -> RequestPath.parse("/a%5Cb")).isInstanceOf(RequestPath.BadPath.class);
    }

    @Test
    void requestPathRefusesNulInvalidPercentEncodingAndNonUtf8() throws Exception {
        for (String bad : List.of("/%00", "/a%00b", "/%zz", "/%", "/%4", "/a%g0", "/%C3%28", "/%FF", "/%01")) {
            assertThatThrownBy(() -> RequestPath.parse(bad)).as(bad).isInstanceOf(RequestPath.BadPath.class);
        }
        assertThat(RequestPath.parse("/caf%C3%A9").segments()).containsExactly("café");
    }

    @Test
    void requestPathAppliesDotSegmentsAndRefusesClimbingAboveTheRoot() throws Exception {
        assertThat(RequestPath.parse("/a/./b/../c").segments()).containsExactly("a", "c");
        assertThat(RequestPath.parse("//a///b").segments()).containsExactly("a", "b");
        assertThat(RequestPath.parse("/a/%2e%2E/b").segments()).containsExactly("b");
        for (String bad : List.of("/..", "/../etc/passwd", "/a/../../b", "/%2e%2e/x", "*", "http://h/x", "")) {
            assertThatThrownBy(() -> RequestPath.parse(bad)).as(bad).isInstanceOf(RequestPath.BadPath.class);
        }
    }

    @Test
    void requestPathKeepsTheQueryAndTheTrailingSlashAndReencodes() throws Exception {
        RequestPath p = RequestPath.parse("/my%20dir?x=1&y=%20");
        assertThat(p.segments()).containsExactly("my dir");
        assertThat(p.query()).isEqualTo("x=1&y=%20");
        assertThat(p.trailingSlash()).isFalse();
        assertThat(p.encoded(true)).isEqualTo("/my%20dir/");
        assertThat(RequestPath.parse("/").encoded(true)).isEqualTo("/");
        assertThat(RequestPath.parse("/d/").trailingSlash()).isTrue();
        assertThat(RequestPath.parse("/a/.hidden/b").hasDotSegment()).isTrue();
        // a path that would open a protocol-relative redirect is re-encoded from its segments
        assertThat(RequestPath.parse("//evil.example").encoded(true)).isEqualTo("/evil.example/");
    }

    @Test
    void rfc9110_5_6_7_httpDatesInAllThreeFormsAndImfFixdateOut() {
        Instant t = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(t);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(t);
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).isEqualTo(t);
        assertThat(HttpDates.format(t)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDates.format(Instant.parse("2026-12-03T01:02:03Z"))).isEqualTo("Thu, 03 Dec 2026 01:02:03 GMT");
        for (String bad : List.of("", "yesterday", "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 32 Nov 1994 08:49:37 GMT", "1994-11-06", "Sun,", "Sunday,", "Sun")) {
            assertThat(HttpDates.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void rfc9110_8_8_3_entityTagsAreStrongAndNameTheCoding() {
        assertThat(EntityTags.of(0x10, 0x5f, "")).isEqualTo("\"5f-10\"");
        assertThat(EntityTags.of(0x10, 0x5f, "-br")).isEqualTo("\"5f-10-br\"");
        EntityTags.TagList list = EntityTags.parseList(List.of("\"a\", W/\"b\"", "junk, \"c\""));
        assertThat(list.tags()).containsExactly("\"a\"", "W/\"b\"", "\"c\"");
        assertThat(list.matchesStrongly("\"b\"")).isFalse();
        assertThat(list.matchesWeakly("\"b\"")).isTrue();
    }

    @Test
    void rfc9110_12_5_3_acceptEncodingQualities() {
        assertThat(AcceptEncoding.quality(List.of("gzip, br"), "br")).isEqualTo(1000);
        assertThat(AcceptEncoding.quality(List.of("gzip;q=0.5, br;q=0"), "br")).isZero();
        assertThat(AcceptEncoding.quality(List.of("gzip;q=0.5, br;q=0"), "gzip")).isEqualTo(500);
        assertThat(AcceptEncoding.quality(List.of("*;q=0.3"), "br")).isEqualTo(300);
        assertThat(AcceptEncoding.quality(List.of("*, br;q=0"), "br")).isZero();
        assertThat(AcceptEncoding.quality(List.of("identity"), "gzip")).isZero();
        assertThat(AcceptEncoding.quality(List.of("GZIP;Q=0.25"), "gzip")).isEqualTo(250);
        assertThat(AcceptEncoding.quality(List.of("gzip;q=2"), "gzip")).isZero(); // malformed q
        assertThat(AcceptEncoding.quality(List.of("gzip;q=1.000"), "gzip")).isEqualTo(1000);
    }

    @Test
    void contentTypesComeFromTheTableByLastExtension() {
        assertThat(ContentTypes.of("index.HTML", Map.of())).isEqualTo("text/html; charset=utf-8");
        assertThat(ContentTypes.of("movie.webm", Map.of())).isEqualTo("video/webm");
        assertThat(ContentTypes.of("a.tar.gz", Map.of())).isEqualTo("application/gzip");
        assertThat(ContentTypes.of("README", Map.of())).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.of("trailing.", Map.of())).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.of("x.webm", Map.of("webm", "audio/webm"))).isEqualTo("audio/webm");
    }

    @Test
    void directoryListingEscapesNames() {
        assertThat(DirectoryListing.escape("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
