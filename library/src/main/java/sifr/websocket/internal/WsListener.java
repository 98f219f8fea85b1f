package sifr.websocket.internal;

/**
 * A session's events in listener mode ({@link WsSession#startListening}), instead of its receive queue:
 * called on the reader thread, one at a time.
 */
public interface WsListener {
    /** Before the first read. */
    void open() throws Exception;

    /** A message, or a fragment of one when {@code last} is false. */
    void message(boolean text, byte[] data, boolean last) throws Exception;

    /** A callback threw: the connection closes with 1011 and no more messages are delivered. */
    void failed(Exception e);

    /** The connection has ended ({@link WsSession#ended()} is set); called once, last. */
    void ended();
}
