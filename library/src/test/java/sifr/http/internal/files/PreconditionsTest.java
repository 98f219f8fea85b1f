package sifr.http.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import sifr.http.HeaderMap;
import sifr.http.internal.files.Preconditions.Outcome;

/** RFC 9110 §13.1 preconditions, evaluated in the order of §13.2.2. */
class PreconditionsTest {
    private static final String ETAG = "\"5f-10\"";
    private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");
    private static final String MODIFIED_DATE = "Fri, 02 Jan 2026 03:04:05 GMT";
    private static final String EARLIER = "Thu, 01 Jan 2026 00:00:00 GMT";
    private static final String LATER = "Sat, 03 Jan 2026 00:00:00 GMT";

    private static Outcome get(String... fields) {
        return Preconditions.evaluate(HeaderMap.of(fields), true, ETAG, MODIFIED);
    }

    @Test
    void rfc9110_13_1_1_ifMatchUsesStrongComparison() {
        assertThat(get("if-match", ETAG)).isEqualTo(Outcome.PROCEED);
        assertThat(get("if-match", "\"other\", " + ETAG)).isEqualTo(Outcome.PROCEED);
        assertThat(get("if-match", "*")).isEqualTo(Outcome.PROCEED);
        assertThat(get("if-match", "W/" + ETAG)).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(get("if-match", "\"other\"")).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(get("if-match", "garbage")).isEqualTo(Outcome.PRECONDITION_FAILED);
    }

    @Test
    void rfc9110_13_1_4_ifUnmodifiedSince() {
        assertThat(get("if-unmodified-since", MODIFIED_DATE)).isEqualTo(Outcome.PROCEED);
        assertThat(get("if-unmodified-since", LATER)).isEqualTo(Outcome.PROCEED);
        assertThat(get("if-unmodified-since", EARLIER)).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(get("if-unmodified-since", "not a date")).isEqualTo(Outcome.PROCEED); // ignored
    }

    @Test
    void rfc9110_13_2_2_ifMatchTakesPrecedenceOverIfUnmodifiedSince() {
        assertThat(get("if-match", ETAG, "if-unmodified-since", EARLIER)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void rfc9110_13_1_2_ifNoneMatchUsesWeakComparisonAnd304sGetAndHead() {
        assertThat(get("if-none-match", ETAG)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(get("if-none-match", "W/" + ETAG)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(get("if-none-match", "\"a\", \"b\", " + ETAG)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(get("if-none-match", "*")).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(get("if-none-match", "\"other\"")).isEqualTo(Outcome.PROCEED);
        assertThat(Preconditions.evaluate(HeaderMap.of("if-none-match", ETAG), false, ETAG, MODIFIED))
                .isEqualTo(Outcome.PRECONDITION_FAILED);
    }

    @Test
    void rfc9110_13_1_3_ifModifiedSince() {
        assertThat(get("if-modified-since", MODIFIED_DATE)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(get("if-modified-since", LATER)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(get("if-modified-since", EARLIER)).isEqualTo(Outcome.PROCEED);
        assertThat(get("if-modified-since", "yesterday")).isEqualTo(Outcome.PROCEED);
        assertThat(get("if-modified-since", MODIFIED_DATE, "if-modified-since", MODIFIED_DATE)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void rfc9110_13_2_2_ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
        assertThat(get("if-none-match", "\"other\"", "if-modified-since", LATER)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void rfc9110_13_2_2_aFailedIfMatchWinsOverAMatchingIfNoneMatch() {
        assertThat(get("if-match", "\"other\"", "if-none-match", ETAG)).isEqualTo(Outcome.PRECONDITION_FAILED);
    }

    @Test
    void rfc9110_13_1_5_ifRangeWithStrongTagOrExactDate() {
        assertThat(Preconditions.rangeApplies(HeaderMap.empty(), ETAG, MODIFIED)).isTrue();
        assertThat(Preconditions.rangeApplies(HeaderMap.of("if-range", ETAG), ETAG, MODIFIED)).isTrue();
        assertThat(Preconditions.rangeApplies(HeaderMap.of("if-range", "\"other\""), ETAG, MODIFIED)).isFalse();
        assertThat(Preconditions.rangeApplies(HeaderMap.of("if-range", "W/" + ETAG), ETAG, MODIFIED)).isFalse();
        assertThat(Preconditions.rangeApplies(HeaderMap.of("if-range", MODIFIED_DATE), ETAG, MODIFIED)).isTrue();
        assertThat(Preconditions.rangeApplies(HeaderMap.of("if-range", LATER), ETAG, MODIFIED)).isFalse();
        assertThat(Preconditions.rangeApplies(HeaderMap.of("if-range", "garbage"), ETAG, MODIFIED)).isFalse();
    }
}
