package sifr.http.internal.hpack;

import sifr.http.HttpError;

/**
 * A decoded header list was larger than the decoder's bound (RFC 9113 §10.5.1, the HPACK bomb
 * defence). Unlike {@link HpackError} the whole block was still decoded, so the dynamic table stays
 * in step with the peer: the connection survives and only the stream fails (a server answers 431 or
 * resets the stream).
 */
public final class HeaderListSizeError extends HttpError {
    private static final long serialVersionUID = 1L;
    private final long limit;

    public HeaderListSizeError(long limit) {
        super("header section is too large");
        this.limit = limit;
    }

    /** The bound that was exceeded, in RFC 7541 §4.1 octets (name + value + 32 per field). */
    public long limit() {
        return limit;
    }
}
