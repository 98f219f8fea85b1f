package sifr.net;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The argument check and the bounded file read shared by the {@link ByteStream#transferFrom} implementations. */
final class FileTransfers {
    private FileTransfers() {
    }

    static void checkRegion(long position, long count) {
        if (position < 0 || count < 1) {
            throw new IllegalArgumentException("file transfer position and count must be positive");
        }
    }

    /** Fills {@code buf} from {@code file} at {@code position} as far as the file goes, then flips it. */
    static void readSome(FileChannel file, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int n = file.read(buf, position + buf.position());
            if (n < 0) {
                break;
            }
        }
        buf.flip();
        if (!buf.hasRemaining()) {
            throw new EOFException("file ended at byte " + position);
        }
    }
}
