package sifr.websocket;

import java.util.Objects;

/**
 * How a WebSocket connection ended (RFC 6455 §7.1.5, §7.1.6).
 *
 * @param code the close code: the peer's when it closed first or answered ours, else ours; 1005 when a
 *     Close frame carried no code; 1006 when the connection ended without a Close frame (the peer vanished,
 *     a timeout, a socket error)
 * @param reason the Close frame's reason text, or a description of the failure; may be empty
 * @param remote whether the code is the peer's (it sent a Close frame) rather than ours
 */
public record CloseStatus(int code, String reason, boolean remote) {
    /** 1000: the purpose of the connection was fulfilled. */
    public static final int NORMAL = 1000;
    /** 1001: the endpoint is going away (server shutdown, idle timeout, page left). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a kind of data the endpoint does not accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: the Close frame carried no code (never sent). */
    public static final int NO_STATUS = 1005;
    /** 1006: no Close frame at all (never sent). */
    public static final int ABNORMAL = 1006;
    /** 1007: text that is not UTF-8, or data that does not decode. */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008: a policy was violated. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a message or frame over a limit. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1011: the server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;

    /** Validates the fields. */
    public CloseStatus {
        Objects.requireNonNull(reason, "reason");
    }
}
