package sifr.http;

import java.io.IOException;
import java.io.InputStream;

/** An {@link InputStream} view of a {@link BodyStream}. */
final class BodyInputStream extends InputStream {
    private final BodyStream body;
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean end;

    BodyInputStream(BodyStream body) {
        this.body = body;
    }

    private boolean fill() throws IOException {
        while (!end && pos == chunk.length) {
            chunk = body.readChunk();
            pos = 0;
            end = chunk.length == 0;
        }
        return !end;
    }

    @Override
    public int read() throws IOException {
        return fill() ? chunk[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return chunk.length - pos;
    }

    @Override
    public void close() throws IOException {
        end = true;
        body.close();
    }
}
