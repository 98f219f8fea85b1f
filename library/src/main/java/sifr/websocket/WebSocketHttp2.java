package sifr.websocket;

/**
 * Whether a client ({@link WebSocket#connect(String, WebSocketOptions)}) runs its WebSocket over
 * HTTP/2 by extended CONNECT (RFC 8441) or over HTTP/1.1 by {@code Upgrade: websocket} (RFC 6455).
 * The server side needs no choice: an {@link sifr.http.HttpServer} serves both
 * ({@link sifr.http.HttpServerOptions#serveH2WebSocket()}).
 */
public enum WebSocketHttp2 {
    /** HTTP/1.1 only: {@code wss://} offers ALPN {@code http/1.1} alone. */
    OFF,
    /**
     * The default. {@code wss://} offers ALPN {@code h2} then {@code http/1.1}; when the server picks
     * {@code h2} and announces SETTINGS_ENABLE_CONNECT_PROTOCOL=1 the WebSocket runs on an HTTP/2 stream.
     * When it picks {@code http/1.1} the handshake is HTTP/1.1's on that connection; when it picks
     * {@code h2} without the setting, that connection is closed and a new one made with ALPN
     * {@code http/1.1} only (one more TCP and TLS handshake). {@code ws://} uses HTTP/1.1 (cleartext
     * HTTP/2 cannot be discovered without a round trip of its own).
     */
    PREFERRED,
    /**
     * HTTP/2 or fail: {@code wss://} offers ALPN {@code h2} alone, {@code ws://} opens cleartext HTTP/2
     * by prior knowledge (RFC 9113 §3.3). A TLS server without {@code h2} ends the TLS handshake
     * ({@link sifr.tls.TlsError}, {@code no_application_protocol}, RFC 7301 §3.2); one that completes it
     * without selecting {@code h2}, or whose SETTINGS lack ENABLE_CONNECT_PROTOCOL, fails the connect
     * with {@link WebSocketError} ({@code WebSocket over HTTP/2 refused: ...}).
     */
    REQUIRED
}
