package sifr.http.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import sifr.http.internal.files.ByteRanges.Kind;
import sifr.http.internal.files.ByteRanges.Range;
import sifr.http.internal.files.ByteRanges.Result;

/** Range parsing and selection against a 10,000-byte representation (RFC 9110 §14.1.2's own examples). */
class ByteRangesTest {
    private static final long SIZE = 10_000;

    private static Result parse(String field) {
        return ByteRanges.parse(field, SIZE, 16);
    }

    private static List<Range> ranges(String field) {
        Result r = parse(field);
        assertThat(r.kind()).as(field).isEqualTo(Kind.RANGES);
        return r.ranges();
    }

    @Test
    void rfc9110_14_1_2_intRangeSuffixRangeAndOpenRange() {
        assertThat(ranges("bytes=0-499")).containsExactly(new Range(0, 499));
        assertThat(ranges("bytes=500-999")).containsExactly(new Range(500, 999));
        assertThat(ranges("bytes=-500")).containsExactly(new Range(9500, 9999));
        assertThat(ranges("bytes=9500-")).containsExactly(new Range(9500, 9999));
        assertThat(ranges("bytes=0-0,-1")).containsExactly(new Range(0, 0), new Range(9999, 9999));
    }

    @Test
    void rfc9110_14_1_2_lastPosBeyondTheEndAndLongSuffixAreClamped() {
        assertThat(ranges("bytes=9000-20000")).containsExactly(new Range(9000, 9999));
        assertThat(ranges("bytes=-20000")).containsExactly(new Range(0, 9999));
        assertThat(ranges("bytes=9000-99999999999999999999999")).containsExactly(new Range(9000, 9999));
    }

    @Test
    void rfc9110_14_1_1_rangeUnitIsCaseInsensitiveAndListsAllowWhitespaceAndEmptyElements() {
        assertThat(ranges("Bytes=0-1")).containsExactly(new Range(0, 1));
        assertThat(ranges("bytes= 0-1 , , 500-600 ,")).containsExactly(new Range(0, 1), new Range(500, 600));
    }

    @Test
    void rfc9110_14_2_invalidRangesSpecifierIsIgnored() {
        for (String bad : List.of("bytes=5-1", "bytes=abc", "bytes=1-2-3", "bytes=", "bytes=-", "bytes=--1", "bytes=1--2",
                "bytes 0-1", "0-1", "bytes=0x1-2", "bytes=+1-2", "bytes=0-1,5-4")) {
            assertThat(parse(bad).kind()).as(bad).isEqualTo(Kind.IGNORE);
        }
    }

    @Test
    void rfc9110_14_1_1_otherRangeUnitsAreIgnored() {
        assertThat(parse("items=0-1").kind()).isEqualTo(Kind.IGNORE);
    }

    @Test
    void rfc9110_15_5_17_noSatisfiableRangeIs416() {
        assertThat(parse("bytes=10000-").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(parse("bytes=20000-30000").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(parse("bytes=-0").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(parse("bytes=99999999999999999999-").kind()).isEqualTo(Kind.UNSATISFIABLE);
    }

    @Test
    void rfc9110_14_1_2_unsatisfiableMembersAreDroppedWhenOthersAreSatisfiable() {
        assertThat(ranges("bytes=20000-30000,0-9")).containsExactly(new Range(0, 9));
    }

    @Test
    void rfc9110_15_3_7_2_overlappingAndNearlyAdjacentRangesAreCoalesced() {
        assertThat(ranges("bytes=0-499,200-699")).containsExactly(new Range(0, 699));
        assertThat(ranges("bytes=0-99,150-199")).containsExactly(new Range(0, 199)); // 50-byte gap < a part's head
        assertThat(ranges("bytes=0-99,500-599")).containsExactly(new Range(0, 99), new Range(500, 599));
        // a chain merges transitively
        assertThat(ranges("bytes=0-10,1000-1010,5-1005")).containsExactly(new Range(0, 1010));
    }

    @Test
    void rfc9110_15_3_7_2_partsKeepTheRequestOrder() {
        assertThat(ranges("bytes=5000-5099,0-99")).containsExactly(new Range(5000, 5099), new Range(0, 99));
        // a coalesced range takes the place of its first member
        assertThat(ranges("bytes=5000-5099,0-99,5050-5200")).containsExactly(new Range(5000, 5200), new Range(0, 99));
    }

    @Test
    void rfc9110_14_2_manyRangesAreServedWhole() {
        StringBuilder b = new StringBuilder("bytes=");
        for (int i = 0; i < 17; i++) {
            b.append(i * 200).append('-').append(i * 200 + 1).append(',');
        }
        assertThat(parse(b.toString()).kind()).isEqualTo(Kind.IGNORE);
        assertThat(ByteRanges.parse(b.toString(), SIZE, 17).ranges()).hasSize(17);
    }

    @Test
    void rfc9110_14_2_manyOverlappingRangesNeverAddUpToMoreThanTheFile() {
        StringBuilder b = new StringBuilder("bytes=");
        for (int i = 0; i < 16; i++) {
            b.append("0-").append(SIZE - 1).append(',');
        }
        assertThat(ranges(b.toString())).containsExactly(new Range(0, SIZE - 1));
    }

    @Test
    void rfc9110_14_1_2_anEmptyRepresentationIsServedWhole() {
        assertThat(ByteRanges.parse("bytes=0-1", 0, 16).kind()).isEqualTo(Kind.IGNORE);
        assertThat(ByteRanges.parse("bytes=-1", 0, 16).kind()).isEqualTo(Kind.IGNORE);
    }
}
