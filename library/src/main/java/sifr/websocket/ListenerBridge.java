package sifr.websocket;

import sifr.websocket.internal.WsListener;

/**
 * A {@link WebSocketListener} behind the session's listener mode: turns its events into the listener's
 * calls and, at the end, runs the server's bookkeeping for the detached connection ({@code end}).
 */
record ListenerBridge(WebSocket ws, WebSocketListener listener, Runnable end) implements WsListener {
    @Override
    public void open() throws Exception {
        listener.onOpen(ws);
    }

    @Override
    public void message(boolean text, byte[] data, boolean last) throws Exception {
        listener.onMessage(ws, WebSocketMessage.received(text, data, last));
    }

    @Override
    public void failed(Exception e) {
        listener.onError(ws, e);
    }

    @Override
    public void ended() {
        try {
            listener.onClose(ws, ws.closeStatus().orElseThrow());
        } finally {
            if (end != null) {
                end.run();
            }
        }
    }
}
