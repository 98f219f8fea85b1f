package sifr.net;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** {@link OutputStream} over the write side of a {@link ByteStream}. */
final class ByteStreamOutput extends OutputStream {
    private final ByteStream stream;

    ByteStreamOutput(ByteStream stream) {
        this.stream = stream;
    }

    @Override
    public void write(int b) throws IOException {
        stream.writeAll(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        stream.writeAll(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public void flush() throws IOException {
        stream.flush();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
