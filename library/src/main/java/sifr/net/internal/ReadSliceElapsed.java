package sifr.net.internal;

import java.io.IOException;

/**
 * A read under a read slice ({@code CancelShield.sliceReads}) waited the whole slice and got nothing:
 * the stream is still open and nothing was consumed, so whoever holds the stream may simply read again
 * (or let another thread read). Never reaches a user: the code that set the slice catches it.
 */
public final class ReadSliceElapsed extends IOException {
    public ReadSliceElapsed() {
        super("read slice elapsed");
    }
}
