package sifr.http.internal;

import sifr.http.BodyStream;

/**
 * The request body an HTTP/2 server hands the handler of an RFC 8441 extended CONNECT ({@code :method
 * CONNECT} with {@code :protocol}): empty, and naming the protocol asked for. The stream's DATA is not a
 * body: it belongs to the protocol, reached only by answering 2xx with a {@link ProtocolUpgrade} (the
 * transport then hands the stream over as a byte stream). A handler that answers anything else ends the
 * stream as for any request. This is how {@code sifr.websocket.WebSocket.upgrade} recognises a
 * WebSocket over HTTP/2 without a public field for a pseudo-header.
 */
public final class ExtendedConnect implements BodyStream {
    private final String protocol;

    public ExtendedConnect(String protocol) {
        this.protocol = protocol;
    }

    /** The {@code :protocol} pseudo-header's value, as sent (for example {@code websocket}). */
    public String protocol() {
        return protocol;
    }

    @Override
    public byte[] readChunk() {
        return new byte[0];
    }

    @Override
    public java.util.OptionalLong length() {
        return java.util.OptionalLong.of(0);
    }
}
