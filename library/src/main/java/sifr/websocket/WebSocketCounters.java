package sifr.websocket;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what the connections sharing one {@link WebSocketOptions} had to refuse or time out:
 * a server reading these sees how often peers break the rules. Thread-safe; the library adds, users read.
 */
public final class WebSocketCounters {
    private final LongAdder protocolErrors = new LongAdder();
    private final LongAdder invalidData = new LongAdder();
    private final LongAdder tooBig = new LongAdder();
    private final LongAdder closeTimeouts = new LongAdder();
    private final LongAdder idleTimeouts = new LongAdder();
    private final LongAdder rejectedHandshakes = new LongAdder();

    /** A set at zero. */
    public WebSocketCounters() {
    }

    /** Connections failed with 1002: a frame or message that breaks RFC 6455 or RFC 7692. */
    public long protocolErrors() {
        return protocolErrors.sum();
    }

    /** Connections failed with 1007: text that is not UTF-8, compressed data that does not inflate. */
    public long invalidData() {
        return invalidData.sum();
    }

    /** Connections failed with 1009: a frame, message or fragment count over its limit. */
    public long messageTooBig() {
        return tooBig.sum();
    }

    /** Closing handshakes the peer did not finish within the close timeout. */
    public long closeTimeouts() {
        return closeTimeouts.sum();
    }

    /** Connections closed (1001) because nothing arrived within the idle timeout. */
    public long idleTimeouts() {
        return idleTimeouts.sum();
    }

    /** Opening handshakes refused (server: answered 400, 403, 426 or 431). */
    public long rejectedHandshakes() {
        return rejectedHandshakes.sum();
    }

    void violation(int closeCode) {
        switch (closeCode) {
            case 1007 -> invalidData.increment();
            case 1009 -> tooBig.increment();
            default -> protocolErrors.increment();
        }
    }

    void closeTimeout() {
        closeTimeouts.increment();
    }

    void idleTimeout() {
        idleTimeouts.increment();
    }

    void rejectedHandshake() {
        rejectedHandshakes.increment();
    }

    @Override
    public String toString() {
        return "WebSocketCounters[protocolErrors=" + protocolErrors() + ", invalidData=" + invalidData()
                + ", messageTooBig=" + messageTooBig() + ", closeTimeouts=" + closeTimeouts()
                + ", idleTimeouts=" + idleTimeouts() + ", rejectedHandshakes=" + rejectedHandshakes() + "]";
    }
}
