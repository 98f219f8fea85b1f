package sifr.http.internal;

import java.io.IOException;
import sifr.http.BodyStream;
import sifr.net.ByteStream;

/**
 * The body of a {@code 101 Switching Protocols} response that takes the connection over (RFC 9110
 * §15.2.2, RFC 6455 §4.2.2): an empty body carrying what runs on the connection afterwards. The exchange
 * path ({@link ServerExchange}) accepts a 101 only with this body and only from a transport that can
 * switch ({@link ServerExchange.Transport#canUpgrade()}, today HTTP/1.1); the transport writes the 101
 * head, flushes, and calls {@link #takeOver} on the connection's thread with the bytes it had read past
 * the request. The connection ends when {@code takeOver} returns.
 */
public final class ProtocolUpgrade implements BodyStream {
    /** What runs on the switched connection. */
    @FunctionalInterface
    public interface Takeover {
        /**
         * Runs the new protocol on {@code stream}; {@code leftover} are bytes the client sent after the
         * request, already read. The stream is closed after it returns.
         */
        void run(ByteStream stream, byte[] leftover) throws IOException;
    }

    private final Takeover takeover;

    public ProtocolUpgrade(Takeover takeover) {
        this.takeover = takeover;
    }

    /** Runs the new protocol (the transport calls this once, after the 101 is on the wire). */
    public void takeOver(ByteStream stream, byte[] leftover) throws IOException {
        takeover.run(stream, leftover);
    }

    @Override
    public byte[] readChunk() {
        return new byte[0];
    }
}
