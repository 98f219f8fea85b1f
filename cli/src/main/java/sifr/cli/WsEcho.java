package sifr.cli;

import java.io.IOException;
import sifr.http.HttpHandler;
import sifr.websocket.WebSocket;
import sifr.websocket.WebSocketListener;
import sifr.websocket.WebSocketMessage;
import sifr.websocket.WebSocketOptions;

/** {@code sifr serve --ws-echo}: a WebSocket upgrade on any path echoes every message back (up to 16 MiB). */
final class WsEcho {
    static final WebSocketOptions OPTIONS = WebSocketOptions.builder().maxMessageSize(16 << 20).maxFrameSize(16 << 20)
            .permessageDeflate(true).build();

    private WsEcho() {
    }

    /** Upgrade requests (HTTP/1.1, or RFC 8441 over HTTP/2) get the echo; every other request goes to {@code inner}. */
    static HttpHandler around(HttpHandler inner) {
        return request -> WebSocket.isUpgradeRequest(request) ? WebSocket.upgrade(request, OPTIONS, ECHO)
                : inner.handle(request);
    }

    /** Callbacks rather than a receive loop: an idle connection holds no thread. */
    private static final WebSocketListener ECHO = new WebSocketListener() {
        @Override
        public void onMessage(WebSocket ws, WebSocketMessage m) throws IOException {
            ws.send(m);
        }
    };
}
