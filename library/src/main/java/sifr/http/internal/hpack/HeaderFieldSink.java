package sifr.http.internal.hpack;

import sifr.http.HeaderName;
import sifr.http.HeaderValue;

/**
 * Receives a decoded field block as HTTP/2 keeps it: pseudo-fields as strings, regular fields as
 * validated {@link HeaderName}/{@link HeaderValue}. The decoder validates each dynamic table entry
 * once and keeps the result in the table, so a field sent as an index (most fields once a
 * connection is warm) costs no validation and no allocation.
 *
 * <p>Validation follows RFC 9113 §8.2.1 and {@code sifr.http}'s rules: names lowercase tokens,
 * values without leading or trailing whitespace, CR, LF, NUL or other controls. A field that fails is
 * reported through {@link #malformed}: the message is malformed (a stream error PROTOCOL_ERROR,
 * §8.1.1), but decoding goes on to the end of the block so the table stays in step.
 */
public interface HeaderFieldSink {
    /** A pseudo-field ({@code :method}, {@code :path}, {@code :status}, ...), name and value unvalidated. */
    void pseudoHeader(String name, String value);

    /** A regular field; a never-indexed one arrives with {@link HeaderValue#isSensitive()} set. */
    void header(HeaderName name, HeaderValue value);

    /** A field that is not a valid HTTP field; {@code name} as received (one char per octet). */
    void malformed(String name, String reason);
}
