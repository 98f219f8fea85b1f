package sifr.net;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** The two halves of a {@link TcpStream#split()}. */
public record TcpHalves(TcpReadHalf reader, TcpWriteHalf writer) {

    /** Closes the connection once both halves are closed. */
    static final class Closer {
        private final TcpStream stream;
        private final AtomicInteger open = new AtomicInteger(2);

        Closer(TcpStream stream) {
            this.stream = stream;
        }

        void halfClosed() throws IOException {
            if (open.decrementAndGet() == 0) {
                stream.close();
            }
        }
    }
}
