package sifr.websocket.internal;

import java.security.SecureRandom;

/**
 * A client's masking keys for data frames (RFC 6455 §10.3: unpredictable), drawn from the SecureRandom
 * 16 at a time: one call to it per key (a shared lock and a digest each) cost more than masking a small
 * frame. Not thread-safe (the session's send lock guards it).
 */
final class MaskKeys {
    private final SecureRandom random;
    private byte[] keys;
    private int at;

    MaskKeys(SecureRandom random) {
        this.random = random;
    }

    int next() {
        if (keys == null || at == keys.length) {
            if (keys == null) {
                keys = new byte[64];
            }
            random.nextBytes(keys);
            at = 0;
        }
        int k = ((keys[at] & 0xff) << 24) | ((keys[at + 1] & 0xff) << 16) | ((keys[at + 2] & 0xff) << 8)
                | (keys[at + 3] & 0xff);
        at += 4;
        return k;
    }
}
