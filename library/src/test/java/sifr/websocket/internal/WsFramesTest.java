package sifr.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The frame encoder's masking (RFC 6455 §5.3): the fused copy-and-mask equals masking a copy. */
class WsFramesTest {
    @Test
    void rfc6455Section5_3MaskCopyEqualsMaskingACopyAtEveryKeyPositionAndLength() {
        Random random = new Random(5);
        for (int len = 0; len <= 40; len++) {
            for (int keyPos = 0; keyPos < 4; keyPos++) {
                byte[] src = new byte[len + 3];
                random.nextBytes(src);
                int key = random.nextInt();
                byte[] expected = java.util.Arrays.copyOfRange(src, 3, 3 + len);
                int expectedPos = WsFrames.mask(expected, 0, len, key, keyPos);
                byte[] dst = new byte[len + 5];
                int pos = WsFrames.maskCopy(src, 3, dst, 5, len, key, keyPos);
                assertThat(java.util.Arrays.copyOfRange(dst, 5, 5 + len)).as("len %d keyPos %d", len, keyPos)
                        .isEqualTo(expected);
                assertThat(pos).isEqualTo(expectedPos);
            }
        }
    }

    @Test
    void rfc6455Section5_3MaskingInPiecesEqualsMaskingAtOnce() {
        byte[] whole = new byte[1000];
        new Random(7).nextBytes(whole);
        int key = 0x37fa213d;
        byte[] once = whole.clone();
        WsFrames.mask(once, 0, once.length, key, 0);
        byte[] pieces = new byte[whole.length];
        int pos = 0;
        for (int at = 0, step = 1; at < whole.length; at += step, step = step * 3 % 97 + 1) {
            int n = Math.min(step, whole.length - at);
            pos = WsFrames.maskCopy(whole, at, pieces, at, n, key, pos);
        }
        assertThat(pieces).isEqualTo(once);
    }
}
