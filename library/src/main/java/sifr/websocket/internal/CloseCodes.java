package sifr.websocket.internal;

import java.nio.charset.StandardCharsets;

/**
 * Close status codes (RFC 6455 §7.4 and the IANA "WebSocket Close Code Number Registry") and the
 * rules for a Close frame's body (§5.5.1): empty, or a two-byte code followed by a UTF-8 reason.
 */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reported locally when a Close frame carried no code; never sent (§7.4.1). */
    public static final int NO_STATUS = 1005;
    /** Reported locally when the connection ended without a Close frame; never sent (§7.4.1). */
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;

    /** Longest reason that fits a control frame (125 bytes) after the two-byte code. */
    public static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    /**
     * Whether a peer may put {@code code} on the wire: 1000-1003 and 1007-1014 (RFC 6455 §7.4.1 and the
     * IANA registry: 1012 service restart, 1013 try again later, 1014 bad gateway), 3000-3999 (registered
     * for libraries and frameworks) and 4000-4999 (private use). 1004 is reserved, 1005, 1006 and 1015 must
     * never be sent, everything below 1000 and from 5000 is undefined.
     */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /** A decoded Close frame body. {@code code} is {@link #NO_STATUS} for an empty body. */
    public record Close(int code, String reason) {
    }

    /**
     * Decodes the body of a received Close frame.
     *
     * @throws WsProtocolError 1002 for a one-byte body or a code that may not be sent, 1007 for a reason
     *     that is not UTF-8
     */
    public static Close parse(byte[] b, int off, int len) throws WsProtocolError {
        if (len == 0) {
            return new Close(NO_STATUS, "");
        }
        if (len == 1) {
            throw WsProtocolError.protocol("close frame body of one byte");
        }
        int code = ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
        if (!isSendable(code)) {
            throw WsProtocolError.protocol("invalid close code " + code);
        }
        Utf8Validator utf8 = new Utf8Validator();
        if (!utf8.feed(b, off + 2, len - 2) || !utf8.isComplete()) {
            throw WsProtocolError.invalidData("close reason is not UTF-8");
        }
        return new Close(code, new String(b, off + 2, len - 2, StandardCharsets.UTF_8));
    }

    /**
     * Encodes a Close frame body for {@code code} and {@code reason}.
     *
     * @throws IllegalArgumentException a code that may not be sent or a reason over 123 UTF-8 bytes
     */
    public static byte[] body(int code, String reason) {
        if (!isSendable(code)) {
            throw new IllegalArgumentException("WebSocket close code " + code + " may not be sent");
        }
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        if (r.length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("WebSocket close reason exceeds 123 bytes");
        }
        byte[] out = new byte[2 + r.length];
        out[0] = (byte) (code >> 8);
        out[1] = (byte) code;
        System.arraycopy(r, 0, out, 2, r.length);
        return out;
    }

    /** A reason that fits a Close frame: the message itself, or its first 60 characters. */
    static String shortReason(String message) {
        byte[] b = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return b.length <= MAX_REASON_BYTES ? message : message.substring(0, 60);
    }
}
