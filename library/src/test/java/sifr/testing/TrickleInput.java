package sifr.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;

/** Input streams whose reads come back short, as a socket's or a pipe's do: for body code that must not assume full reads. */
public final class TrickleInput {
    private TrickleInput() {
    }

    /** A stream of {@code data} whose reads return 1 to 9,000 bytes, however many were asked for. */
    public static InputStream of(byte[] data, Random sizes) {
        ByteArrayInputStream source = new ByteArrayInputStream(data);
        return new InputStream() {
            @Override
            public int read() {
                return source.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return source.read(b, off, Math.min(len, 1 + sizes.nextInt(9_000)));
            }
        };
    }
}
