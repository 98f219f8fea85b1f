package sifr.websocket;

/**
 * A server's WebSocket served by callbacks ({@link WebSocket#upgrade(sifr.http.HttpRequest,
 * WebSocketOptions, WebSocketListener)}), instead of a {@link WebSocketHandler} that loops on
 * {@link WebSocket#receive}. Every method has a default that does nothing (or, for
 * {@link #onMessage}, passes the message on to {@link #onText} or {@link #onBinary}).
 *
 * <p>Threads: the callbacks of one connection are called one at a time, in order, never concurrently,
 * each on a virtual thread that exists only while input is read and handled: an idle connection holds no
 * thread at all (over HTTP/1.1, TCP or TLS; over HTTP/2 the stream's thread stays). A callback may
 * block (send, call another service); meanwhile nothing more is read from this connection, so Pings
 * are answered and the peer's Close seen when it returns. Sends may come from any thread at any time,
 * as with a handler. Callbacks run outside the HTTP request's task: no deadline and no cancellation
 * reach them (the server's close ends the connection).
 *
 * <p>A callback that throws closes the connection with 1011 after {@link #onError}; no more messages are
 * delivered. {@link #onClose} is called once, last, however the connection ended.
 */
public interface WebSocketListener {
    /** The connection is open (before anything is read); for example, to send a greeting. */
    default void onOpen(WebSocket ws) throws Exception {
    }

    /**
     * A message, or with {@link WebSocketOptions#deliverFragments()} a fragment of one
     * ({@link WebSocketMessage#isLast()}). This default calls {@link #onText} or {@link #onBinary}.
     */
    default void onMessage(WebSocket ws, WebSocketMessage message) throws Exception {
        if (message.isText()) {
            onText(ws, message.text());
        } else {
            onBinary(ws, message.bytes());
        }
    }

    /** A text message (or fragment), through the default {@link #onMessage}. */
    default void onText(WebSocket ws, String text) throws Exception {
    }

    /** A binary message (or fragment), through the default {@link #onMessage}. */
    default void onBinary(WebSocket ws, byte[] data) throws Exception {
    }

    /** A callback threw {@code error}; the connection is closing with 1011. */
    default void onError(WebSocket ws, Exception error) {
    }

    /** The connection has ended with {@code status} (also {@link WebSocket#closeStatus()}). */
    default void onClose(WebSocket ws, CloseStatus status) {
    }
}
