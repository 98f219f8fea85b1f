package sifr.websocket;

import sifr.net.NetError;

/**
 * A WebSocket operation failed: the opening handshake was refused or malformed, or the connection is
 * closing or closed (the message says which, e.g. {@code WebSocket is closed}).
 */
public class WebSocketError extends NetError {
    private static final long serialVersionUID = 1L;

    /** An error with Sifr's message. */
    public WebSocketError(String message) {
        super(message);
    }

    /** An error with Sifr's message and its cause. */
    public WebSocketError(String message, Throwable cause) {
        super(message, cause);
    }
}
