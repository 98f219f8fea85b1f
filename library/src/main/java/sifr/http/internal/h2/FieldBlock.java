package sifr.http.internal.h2;

import sifr.http.HeaderError;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.internal.ContentLength;
import sifr.http.HeaderValue;
import sifr.http.internal.hpack.HeaderFieldSink;

/**
 * One decoded field block (HEADERS plus CONTINUATION) with the checks of RFC 9113 §8.2 and §8.3 that do
 * not depend on the role: pseudo-fields before regular ones, no duplicate or unknown pseudo-field, no
 * connection-specific field, {@code te} only as {@code trailers}, valid names and values (the HPACK
 * decoder reports uppercase names and bad values through {@link #malformed}). The first violation is
 * kept in {@link #malformed}; the connection turns it into a stream error PROTOCOL_ERROR (§8.1.1).
 * Reused by the connection's reader thread, one block at a time.
 */
final class FieldBlock implements HeaderFieldSink {
    String method;
    String scheme;
    String authority;
    String path;
    String status;
    String protocol;
    /** Why the block is malformed (the first reason), or null. */
    String malformed;
    /** The decoded list exceeded our SETTINGS_MAX_HEADER_LIST_SIZE (the block was still decoded). */
    boolean tooLarge;
    boolean anyPseudo;
    private boolean regularSeen;
    HeaderMap.Builder headers;

    void reset() {
        method = scheme = authority = path = status = protocol = malformed = null;
        tooLarge = false;
        anyPseudo = false;
        regularSeen = false;
        headers = HeaderMap.builder();
    }

    private void fail(String reason) {
        if (malformed == null) {
            malformed = reason;
        }
    }

    @Override
    public void pseudoHeader(String name, String value) {
        anyPseudo = true;
        if (regularSeen) {
            fail("pseudo-header " + name + " after a regular field");
            return;
        }
        switch (name) {
            case ":method" -> method = once(method, name, value);
            case ":scheme" -> scheme = once(scheme, name, value);
            case ":authority" -> authority = once(authority, name, value);
            case ":path" -> path = once(path, name, value);
            case ":status" -> status = once(status, name, value);
            case ":protocol" -> protocol = once(protocol, name, value);
            default -> fail("unknown pseudo-header " + name);
        }
    }

    private String once(String current, String name, String value) {
        if (current != null) {
            fail("duplicate pseudo-header " + name);
            return current;
        }
        return value;
    }

    @Override
    public void header(HeaderName name, HeaderValue value) {
        regularSeen = true;
        if (name.equals(HeaderName.CONNECTION) || name.equals(HeaderName.KEEP_ALIVE)
                || name.equals(HeaderName.PROXY_CONNECTION) || name.equals(HeaderName.TRANSFER_ENCODING)
                || name.equals(HeaderName.UPGRADE)) {
            fail("connection-specific field " + name.value() + " in HTTP/2");
            return;
        }
        if (name.equals(HeaderName.TE) && !value.value().equals("trailers")) {
            fail("te other than trailers in HTTP/2");
            return;
        }
        try {
            headers.add(name, value);
        } catch (HeaderError e) {
            tooLarge = true;
        }
    }

    @Override
    public void malformed(String name, String reason) {
        regularSeen |= name.isEmpty() || name.charAt(0) != ':';
        fail(reason);
    }

    /**
     * The single content-length value, -1 if absent.
     *
     * @return -2 if malformed (several differing values or not a number)
     */
    static long contentLength(HeaderMap headers) {
        return ContentLength.of(headers);
    }
}
