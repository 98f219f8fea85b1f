package sifr.http.internal.h2;

import java.nio.charset.StandardCharsets;

/** Wire constants of RFC 9113 §3.4, §4 and §6. */
public final class Http2Frames {
    private Http2Frames() {
    }

    /** The client connection preface (§3.4): {@code PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n}. */
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    public static final int PREFACE_LENGTH = 24;

    /** A copy of the client connection preface. */
    public static byte[] preface() {
        return PREFACE.clone();
    }

    static byte prefaceByte(int i) {
        return PREFACE[i];
    }

    /** Frame header: 24-bit length, 8-bit type, 8-bit flags, reserved bit + 31-bit stream id (§4.1). */
    public static final int HEADER_LENGTH = 9;
    /** SETTINGS_MAX_FRAME_SIZE bounds and initial value (§4.2, §6.5.2). */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16_384;
    public static final int MAX_MAX_FRAME_SIZE = 16_777_215;
    public static final int MAX_STREAM_ID = 0x7fff_ffff;
    public static final int MAX_WINDOW_INCREMENT = 0x7fff_ffff;

    // Frame types (§6).
    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int PRIORITY = 0x2;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PUSH_PROMISE = 0x5;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int CONTINUATION = 0x9;

    // Flags (§6); the meaning of a bit depends on the frame type.
    public static final int FLAG_END_STREAM = 0x1;
    public static final int FLAG_ACK = 0x1;
    public static final int FLAG_END_HEADERS = 0x4;
    public static final int FLAG_PADDED = 0x8;
    public static final int FLAG_PRIORITY = 0x20;

    static String typeName(int type) {
        return switch (type) {
            case DATA -> "DATA";
            case HEADERS -> "HEADERS";
            case PRIORITY -> "PRIORITY";
            case RST_STREAM -> "RST_STREAM";
            case SETTINGS -> "SETTINGS";
            case PUSH_PROMISE -> "PUSH_PROMISE";
            case PING -> "PING";
            case GOAWAY -> "GOAWAY";
            case WINDOW_UPDATE -> "WINDOW_UPDATE";
            case CONTINUATION -> "CONTINUATION";
            default -> "frame type 0x" + Integer.toHexString(type);
        };
    }
}
