package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;

import sifr.http.HeaderMap;
import sifr.http.HttpError;

/**
 * The content-length and body-limit rules of one HTTP/2 message, for both roles and both directions
 * (RFC 9113 §8.1.1): the one place that checks a declared length against the DATA received or the
 * body sent. Inbound checks run under the connection's lock on the stream's fields.
 */
final class H2Message {
    private H2Message() {
    }

    /**
     * The content-length an inbound head declares, -1 if none; an invalid one is a stream
     * PROTOCOL_ERROR whose reason starts with {@code prefix}.
     */
    static long declaredLength(int streamId, HeaderMap headers, String prefix) throws Http2Error {
        long length = FieldBlock.contentLength(headers);
        if (length == -2) {
            throw Http2Error.stream(streamId, PROTOCOL_ERROR, prefix + "invalid content-length");
        }
        return length;
    }

    /**
     * An inbound head declaring {@code length} arrived on {@code s} ({@code s.noContent} already set):
     * records it; END_STREAM with content promised is a stream error. True if the declared body is
     * over {@code maxBodyBytes} (the caller fails the body at once).
     */
    static boolean head(H2Stream s, long length, boolean endStream, long maxBodyBytes) throws Http2Error {
        s.contentLength = length;
        if (endStream) {
            if (length > 0 && !s.noContent) {
                throw Http2Error.stream(s.id, PROTOCOL_ERROR, "content-length without DATA");
            }
            s.inboundEnded = true;
        }
        return !s.noContent && length > maxBodyBytes;
    }

    /**
     * {@code len} body octets arrived on {@code s}: counts them; returns why they break the message
     * (the caller resets the stream with PROTOCOL_ERROR), or null.
     */
    static String data(H2Stream s, int len, boolean endStream) {
        s.received += len;
        if (s.contentLength >= 0 && !s.noContent
                && (s.received > s.contentLength || (endStream && s.received != s.contentLength))) {
            return "DATA does not match content-length";
        }
        if (s.noContent && len > 0) {
            return "DATA in a message without content";
        }
        return null;
    }

    /** Whether the body received on {@code s} so far is over {@code maxBodyBytes} and not yet failed. */
    static boolean overLimit(H2Stream s, long maxBodyBytes) {
        return s.received > maxBodyBytes && s.inboundError == null;
    }

    /**
     * {@code s}'s inbound body is over the limit (declared or received): its reader gets a
     * {@link sifr.http.BodyError}, what arrives is dropped and credited back, the role reacts (a
     * client resets the stream; a server's handler still answers).
     */
    static void failOverLimit(Http2Connection c, H2Stream s) {
        assert c.lock.isHeldByCurrentThread();
        s.inboundError = sifr.http.BodyError.limitExceeded(c.role.inboundName() + " body exceeds limit of "
                + c.config.maxBodyBytes() + " bytes");
        c.dropQueued(s);
        c.role.bodyLimitExceeded(s);
    }

    /** Trailers ending {@code s}'s inbound message (§8.1): END_STREAM, regular fields, the length met. */
    static void trailers(H2Stream s, boolean endStream, FieldBlock f) throws Http2Error {
        if (!endStream) {
            throw Http2Error.stream(s.id, PROTOCOL_ERROR, "trailers without END_STREAM");
        }
        if (f.anyPseudo) {
            throw Http2Error.stream(s.id, PROTOCOL_ERROR, "pseudo-header in trailers");
        }
        if (f.malformed != null) {
            throw Http2Error.stream(s.id, PROTOCOL_ERROR, f.malformed);
        }
        if (s.contentLength >= 0 && !s.noContent && s.received != s.contentLength) {
            throw Http2Error.stream(s.id, PROTOCOL_ERROR, "DATA does not match content-length");
        }
        if (!f.tooLarge) {
            s.trailers = f.headers.build();
        }
        s.inboundEnded = true;
    }

    /**
     * Checks an outbound body of {@code known} length (-1: unknown) after {@code sent} octets; {@code
     * complete}: the body has ended. {@code name}: {@code "request"} or {@code "response"}.
     */
    static void checkSent(long known, long sent, boolean complete, String name) throws HttpError {
        if (known >= 0 && (sent > known || (complete && sent != known))) {
            throw lengthMismatch(name);
        }
    }

    /** An outbound body that is not as long as its declared length. */
    static HttpError lengthMismatch(String name) {
        return new HttpError("HTTP/2 " + name + " body does not match its length");
    }
}
