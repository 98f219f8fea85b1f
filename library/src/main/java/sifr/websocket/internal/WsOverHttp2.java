package sifr.websocket.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import sifr.http.HeaderMap;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.internal.h2.Http2ClientConnection;
import sifr.http.internal.h2.Http2Config;
import sifr.net.ByteStream;
import sifr.websocket.WebSocketError;

/**
 * The client's opening handshake over HTTP/2 (RFC 8441): an HTTP/2 connection of its own on the given
 * transport (TLS after ALPN {@code h2}, or cleartext by prior knowledge), the server's SETTINGS checked
 * for SETTINGS_ENABLE_CONNECT_PROTOCOL=1, then one extended CONNECT stream whose 2xx makes it the
 * WebSocket's byte stream. Closing that stream closes the connection too: one WebSocket per connection
 * (a pooled connection shared with HTTP requests is not done).
 */
public final class WsOverHttp2 {
    private WsOverHttp2() {
    }

    /** An opened WebSocket stream and what the server's answer settled. */
    public record Opened(ByteStream stream, WsHandshake.Accepted accepted) {
    }

    /**
     * Runs the handshake on {@code transport} ({@code scheme}: {@code https} or {@code http}).
     *
     * @return the opened stream, or empty when the server's SETTINGS lack ENABLE_CONNECT_PROTOCOL (the
     *     connection, and {@code transport} with it, are then closed)
     * @throws WebSocketError {@code WebSocket handshake failed: ...} (the server answered other than 2xx,
     *     or with a subprotocol or extension not offered)
     */
    public static Optional<Opened> connect(ByteStream transport, String scheme, String hostPort, String target,
                                           List<String> subprotocols, Optional<String> deflateOffer,
                                           HeaderMap extra) throws IOException {
        Http2ClientConnection h2 = Http2ClientConnection.start(transport, Http2Config.CLIENT_DEFAULT, scheme);
        try {
            if (!h2.peerAllowsExtendedConnect()) {
                closeQuietly(h2);
                return Optional.empty();
            }
            HeaderMap fields = WsHandshake.requestHeadersHttp2(hostPort, subprotocols, deflateOffer, extra);
            Http2ClientConnection.Tunnel t = h2.openTunnel(RequestHead.of(Method.CONNECT, target, fields), "websocket",
                    () -> closeQuietly(h2));
            if (t.stream() == null) {
                throw new WebSocketError("WebSocket handshake failed: server answered " + t.head().status().code()
                        + " to the extended CONNECT instead of 2xx");
            }
            try {
                return Optional.of(new Opened(t.stream(),
                        WsHandshake.checkResponseHttp2(t.head(), subprotocols, deflateOffer.isPresent())));
            } catch (IllegalArgumentException e) {
                t.stream().close();
                throw new WebSocketError("WebSocket handshake failed: " + e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(h2);
            throw e;
        }
    }

    private static void closeQuietly(Http2ClientConnection h2) {
        try {
            h2.close();
        } catch (IOException | RuntimeException ignored) {
            // ending a connection nobody uses any more
        }
    }
}
