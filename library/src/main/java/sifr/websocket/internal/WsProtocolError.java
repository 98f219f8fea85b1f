package sifr.websocket.internal;

/**
 * The peer broke a rule of RFC 6455 or RFC 7692, or a limit: the connection is failed with
 * {@link #closeCode()} (1002 protocol error, 1007 invalid payload data, 1009 message too big).
 * Checked, so that every place that decodes bytes says it may fail.
 */
public final class WsProtocolError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int closeCode;

    public WsProtocolError(int closeCode, String message) {
        super(message, null, false, false); // thrown per bad peer: no stack trace to fill
        this.closeCode = closeCode;
    }

    /** The close code the connection is failed with. */
    public int closeCode() {
        return closeCode;
    }

    static WsProtocolError protocol(String message) {
        return new WsProtocolError(CloseCodes.PROTOCOL_ERROR, message);
    }

    static WsProtocolError tooBig(String message) {
        return new WsProtocolError(CloseCodes.MESSAGE_TOO_BIG, message);
    }

    static WsProtocolError invalidData(String message) {
        return new WsProtocolError(CloseCodes.INVALID_PAYLOAD, message);
    }
}
