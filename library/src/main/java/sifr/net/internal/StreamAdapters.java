package sifr.net.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Blocking {@link InputStream} / {@link OutputStream} views over anything that reads into or writes
 * from a {@link ByteBuffer}: whole streams ({@code ByteStream}) and their split halves, TCP and TLS alike.
 */
public final class StreamAdapters {
    private StreamAdapters() {
    }

    /** Reads at least one byte into the buffer, or returns -1 at end of stream. */
    @FunctionalInterface
    public interface Reader {
        int read(ByteBuffer dst) throws IOException;
    }

    /** Writes every remaining byte of the buffer. */
    @FunctionalInterface
    public interface Writer {
        void writeAll(ByteBuffer src) throws IOException;
    }

    /** A flush or close. */
    @FunctionalInterface
    public interface Action {
        void run() throws IOException;
    }

    public static InputStream input(Reader reader, Action close) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(close, "close");
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                return len == 0 ? 0 : reader.read(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void close() throws IOException {
                close.run();
            }
        };
    }

    public static OutputStream output(Writer writer, Action flush, Action close) {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(flush, "flush");
        Objects.requireNonNull(close, "close");
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writer.writeAll(ByteBuffer.wrap(new byte[] {(byte) b}));
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                writer.writeAll(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void flush() throws IOException {
                flush.run();
            }

            @Override
            public void close() throws IOException {
                close.run();
            }
        };
    }
}
