package sifr.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link WebSocket#receive()} returns: a text or binary message (or, with
 * {@link WebSocketOptions#deliverFragments()}, one fragment of one), or the end of the connection.
 * Immutable.
 */
public final class WebSocketMessage {
    /** The kind of a received item. */
    public enum Type {
        /** A text message (valid UTF-8). */
        TEXT,
        /** A binary message. */
        BINARY,
        /** The connection has closed; {@link #closeStatus()} says how. Every later receive returns it again. */
        CLOSE
    }

    private static final byte[] EMPTY = new byte[0];

    private final Type type;
    private final byte[] data;
    private final boolean last;
    private final CloseStatus close;

    private WebSocketMessage(Type type, byte[] data, boolean last, CloseStatus close) {
        this.type = type;
        this.data = data;
        this.last = last;
        this.close = close;
    }

    /** A whole text message. */
    public static WebSocketMessage text(String text) {
        return new WebSocketMessage(Type.TEXT, text.getBytes(StandardCharsets.UTF_8), true, null);
    }

    /** A whole binary message (the array is copied). */
    public static WebSocketMessage binary(byte[] data) {
        return new WebSocketMessage(Type.BINARY, data.clone(), true, null);
    }

    /** The end-of-connection item. */
    public static WebSocketMessage closed(CloseStatus status) {
        return new WebSocketMessage(Type.CLOSE, EMPTY, true, Objects.requireNonNull(status, "status"));
    }

    /** Takes ownership of {@code data} (the library's received bytes, never shared). */
    static WebSocketMessage received(boolean text, byte[] data, boolean last) {
        return new WebSocketMessage(text ? Type.TEXT : Type.BINARY, data, last, null);
    }

    /** The raw array, without a copy, for sending it on. */
    byte[] array() {
        return data;
    }

    /** The kind of item: TEXT, BINARY, or CLOSE. */
    public Type type() {
        return type;
    }

    /** Whether this is a text message (or fragment of one). */
    public boolean isText() {
        return type == Type.TEXT;
    }

    /** Whether this is a binary message (or fragment of one). */
    public boolean isBinary() {
        return type == Type.BINARY;
    }

    /** Whether this is the end-of-connection item. */
    public boolean isClose() {
        return type == Type.CLOSE;
    }

    /** Whether this ends its message: always true for whole messages, true on a message's final fragment. */
    public boolean isLast() {
        return last;
    }

    /** The payload's length in bytes (0 for CLOSE). */
    public int length() {
        return data.length;
    }

    /** A copy of the payload (empty for CLOSE). */
    public byte[] bytes() {
        return data.clone();
    }

    /** The payload as a read-only buffer, without a copy. */
    public ByteBuffer byteBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** The payload decoded as UTF-8 (text messages are valid UTF-8; a text fragment ends on a character boundary). */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** How the connection closed, for the CLOSE item; empty otherwise. */
    public Optional<CloseStatus> closeStatus() {
        return Optional.ofNullable(close);
    }

    @Override
    public String toString() {
        return type == Type.CLOSE ? "WebSocketMessage[CLOSE " + close + "]"
                : "WebSocketMessage[" + type + ", " + data.length + " bytes" + (last ? "" : ", fragment") + "]";
    }
}
