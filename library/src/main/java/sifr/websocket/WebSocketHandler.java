package sifr.websocket;

/**
 * What a server runs on an accepted WebSocket ({@link WebSocket#upgrade}): the connection's whole life,
 * on the HTTP connection's own (virtual) thread. When it returns, the WebSocket is closed (1000 if it
 * is still open) and the connection with it; if it throws, the WebSocket is closed with 1011.
 */
@FunctionalInterface
public interface WebSocketHandler {
    /** Serves one WebSocket connection. */
    void serve(WebSocket ws) throws Exception;
}
