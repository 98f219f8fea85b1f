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
 * the request. The connection ends when {@code takeOver} returns, unless the protocol {@link Detacher
 * detached} it: then it ends when the protocol says so, and the connection's thread is free to end first.
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

    /** A protocol that may outlive the connection's thread (a WebSocket served by callbacks). */
    @FunctionalInterface
    public interface DetachableTakeover {
        /** As {@link Takeover#run}; may call {@code detacher.detach()} first. */
        void run(ByteStream stream, byte[] leftover, Detacher detacher) throws IOException;
    }

    /**
     * Lets the protocol go on after {@code takeOver} returns: why, a connection thread kept only to wait
     * (parked in a read) is most of an idle WebSocket's memory.
     */
    @FunctionalInterface
    public interface Detacher {
        /** No transport support: {@link #detach()} returns null. */
        Detacher NONE = () -> null;

        /**
         * Detaches the connection from the thread running {@code takeOver}: when it returns the transport
         * neither closes the stream nor counts the connection as ended. Returns what the protocol must run
         * exactly once when it has ended (closes the stream, releases the connection), or null when this
         * transport cannot detach: the protocol must then be done when {@code takeOver} returns, as usual.
         */
        Runnable detach();
    }

    private final DetachableTakeover takeover;

    public ProtocolUpgrade(Takeover takeover) {
        this.takeover = (stream, leftover, detacher) -> takeover.run(stream, leftover);
    }

    private ProtocolUpgrade(DetachableTakeover takeover) {
        this.takeover = takeover;
    }

    /** An upgrade whose protocol may detach from the connection's thread. */
    public static ProtocolUpgrade detachable(DetachableTakeover takeover) {
        return new ProtocolUpgrade(takeover);
    }

    /** Runs the new protocol (the transport calls this once, after the 101 is on the wire); no detaching. */
    public void takeOver(ByteStream stream, byte[] leftover) throws IOException {
        takeover.run(stream, leftover, Detacher.NONE);
    }

    /** {@link #takeOver(ByteStream, byte[])} on a transport that supports detaching. */
    public void takeOver(ByteStream stream, byte[] leftover, Detacher detacher) throws IOException {
        takeover.run(stream, leftover, detacher);
    }

    @Override
    public byte[] readChunk() {
        return new byte[0];
    }
}
