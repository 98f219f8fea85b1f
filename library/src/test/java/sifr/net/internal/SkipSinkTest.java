package sifr.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** {@link SkipSink}: direct views of bounded size, each with its own position, stripes by core count. */
class SkipSinkTest {
    @Test
    void viewsAreDirectBoundedAndIndependent() {
        ByteBuffer a = SkipSink.view(10);
        ByteBuffer b = SkipSink.view(Long.MAX_VALUE);
        assertThat(a.isDirect()).isTrue();
        assertThat(a.position()).isZero();
        assertThat(a.remaining()).isEqualTo(10);
        assertThat(b.remaining()).isEqualTo(SkipSink.SIZE);
        a.put((byte) 1);
        assertThat(b.position()).as("a view's position is its own").isZero();
    }

    @Test
    void stripesArePowersOfTwoFromTheCoreCountUpTo16() {
        assertThat(SkipSink.stripes(1)).isEqualTo(1);
        assertThat(SkipSink.stripes(2)).isEqualTo(2);
        assertThat(SkipSink.stripes(3)).isEqualTo(4);
        assertThat(SkipSink.stripes(16)).isEqualTo(16);
        assertThat(SkipSink.stripes(96)).isEqualTo(16);
    }
}
