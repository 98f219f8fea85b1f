/**
 * WebSocket (RFC 6455) client and server connections over any {@link sifr.net.ByteStream}, with
 * permessage-deflate (RFC 7692): {@link sifr.websocket.WebSocket}, its {@link sifr.websocket.WebSocketOptions}
 * (every limit with a documented default) and the messages it receives.
 */
package sifr.websocket;
