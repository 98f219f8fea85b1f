/**
 * WebSocket (RFC 6455) client and server connections over any {@link sifr.net.ByteStream}, with
 * permessage-deflate (RFC 7692): {@link sifr.websocket.WebSocket}, its {@link
 * sifr.websocket.WebSocketOptions} (every limit with a documented default) and the messages it
 * receives.
 *
 * <table>
 * <caption>Start here</caption>
 * <tr><th>To</th><th>Start with</th></tr>
 * <tr><td>connect to a ws:// or wss:// URL</td><td>{@link sifr.websocket.WebSocket#connect(String, sifr.websocket.WebSocketOptions)}</td></tr>
 * <tr><td>accept WebSockets in an HTTP server handler</td><td>{@link sifr.websocket.WebSocket#upgrade(sifr.http.HttpRequest, sifr.websocket.WebSocketOptions, sifr.websocket.WebSocketHandler)}</td></tr>
 * <tr><td>send and receive</td><td>{@code sendText}, {@code sendBinary}, {@code receive()} &rarr; {@link sifr.websocket.WebSocketMessage}</td></tr>
 * <tr><td>set limits, deflate, timeouts</td><td>{@link sifr.websocket.WebSocketOptions}</td></tr>
 * <tr><td>know how it ended</td><td>{@link sifr.websocket.CloseStatus}, {@link sifr.websocket.WebSocketError}</td></tr>
 * </table>
 */
package sifr.websocket;
