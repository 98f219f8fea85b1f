package sifr.url.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bounded, ThreadLocal-free pool of parse contexts. */
class ParseContextTest {
    @Test
    void reusesAReleasedSmallContext() {
        ParseContext first = ParseContext.acquire(40);
        first.release();
        ParseContext second = ParseContext.acquire(40);
        second.release();
        assertThat(second).isSameAs(first);
    }

    @Test
    void neverPoolsAContextForALargeInput() {
        ParseContext large = ParseContext.acquire(ParseContext.MAX_POOLED_CHARS + 1);
        assertThat(large.chars().length).isGreaterThan(ParseContext.MAX_POOLED_CHARS);
        large.release();
        ParseContext next = ParseContext.acquire(40);
        next.release();
        assertThat(next).isNotSameAs(large);
    }

    @Test
    void dropsAContextWhoseBuffersGrewLarge() {
        ParseContext context = ParseContext.acquire(40);
        context.load("x".repeat(ParseContext.MAX_POOLED_CHARS * 2), false);
        context.release();
        ParseContext next = ParseContext.acquire(40);
        next.release();
        assertThat(next).isNotSameAs(context);
        assertThat(next.chars().length).isLessThanOrEqualTo(ParseContext.MAX_POOLED_CHARS);
    }

    @Test
    void aTakenContextIsNotHandedOutTwice() {
        ParseContext first = ParseContext.acquire(40);
        ParseContext second = ParseContext.acquire(40);
        assertThat(second).isNotSameAs(first);
        first.release();
        second.release();
    }

    @Test
    void releasedContextKeepsNoComponentStrings() {
        ParseContext context = ParseContext.acquire(40);
        context.load("https://user@host.example/p?q#f", true);
        context.record.host = "host.example";
        context.record.query = "q";
        context.release();
        assertThat(context.record.host).isNull();
        assertThat(context.record.query).isNull();
        assertThat(context.source).isNull();
    }
}
