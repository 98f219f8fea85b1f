package sifr.http.internal.hpack;

import sifr.http.HttpError;

/**
 * A header block could not be decoded (RFC 7541): malformed integers or strings, invalid indexes,
 * bad Huffman padding, misplaced dynamic table size updates. The decoder's dynamic table is then out
 * of step with the peer's encoder, so HTTP/2 treats this as a connection error of type
 * COMPRESSION_ERROR (RFC 9113 §4.3).
 */
public final class HpackError extends HttpError {
    private static final long serialVersionUID = 1L;

    public HpackError(String message) {
        super(message);
    }
}
