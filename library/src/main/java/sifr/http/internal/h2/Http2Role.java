package sifr.http.internal.h2;

import java.io.IOException;
import sifr.http.HttpError;

/**
 * What server and client do differently on one {@link Http2Connection}: the one place the connection
 * asks (instead of a flag, subclass hooks and no-op overrides). Every method but {@link #side} and the
 * names runs on the reader thread or an application thread with the connection's lock held.
 */
interface Http2Role {
    /** Which end this is: stream-id parity, the preface, which frames the reader accepts. */
    Http2Reader.Role side();

    /** {@code "request"} or {@code "response"}: the message this side receives, for errors. */
    String inboundName();

    /** {@code "response"} or {@code "request"}: the message this side sends, for errors. */
    String outboundName();

    /** The peer opens stream {@code id} with this field block (already ordered by the stream ids). */
    void peerStream(int id, boolean endStream, FieldBlock f) throws Http2Error;

    /** A field block on a stream we track (response head, trailers). */
    void streamHeaders(H2Stream s, boolean endStream, FieldBlock f) throws Http2Error;

    /** Whether DATA may arrive on {@code s} now (a client needs the final response head first). */
    boolean acceptsData(H2Stream s);

    /** {@code s}'s inbound body went past the limit ({@code s.inboundError} says so already). */
    void bodyLimitExceeded(H2Stream s);

    /** Why {@code s} fails when the peer resets it with {@code errorCode}; {@code plain} if nothing else. */
    IOException resetByPeer(H2Stream s, long errorCode, HttpError plain);

    /** The application closed {@code s}'s inbound body (unread octets are already dropped). */
    void bodyClosed(H2Stream s);
}
