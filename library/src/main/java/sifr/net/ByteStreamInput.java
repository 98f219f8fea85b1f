package sifr.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** {@link InputStream} over the read side of a {@link ByteStream}. */
final class ByteStreamInput extends InputStream {
    private final ByteStream stream;

    ByteStreamInput(ByteStream stream) {
        this.stream = stream;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        return stream.read(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
