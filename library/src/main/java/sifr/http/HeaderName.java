package sifr.http;

import java.nio.charset.StandardCharsets;
import sifr.http.internal.Ascii;
import sifr.http.internal.KeyedHash;

/**
 * A validated HTTP field name: an RFC 9110 token of at most {@value #MAX_LENGTH} bytes, stored in
 * lowercase. The standard names are interned, so {@code HeaderName.of("Content-Type")} returns
 * {@link #CONTENT_TYPE} without allocating. Instances carry their keyed hash, which makes lookups in
 * a {@link HeaderMap} by {@code HeaderName} cheaper than by {@code String}.
 */
public final class HeaderName implements Comparable<HeaderName> {
    /** The longest accepted name, in bytes. */
    public static final int MAX_LENGTH = 1024;

    private static final int TABLE_SIZE = 256; // power of two, well above twice the standard names
    private static final HeaderName[] STANDARD = new HeaderName[TABLE_SIZE];

    public static final HeaderName ACCEPT = standard("accept");
    public static final HeaderName ACCEPT_CHARSET = standard("accept-charset");
    public static final HeaderName ACCEPT_ENCODING = standard("accept-encoding");
    public static final HeaderName ACCEPT_LANGUAGE = standard("accept-language");
    public static final HeaderName ACCEPT_RANGES = standard("accept-ranges");
    public static final HeaderName ACCESS_CONTROL_ALLOW_CREDENTIALS = standard("access-control-allow-credentials");
    public static final HeaderName ACCESS_CONTROL_ALLOW_HEADERS = standard("access-control-allow-headers");
    public static final HeaderName ACCESS_CONTROL_ALLOW_METHODS = standard("access-control-allow-methods");
    public static final HeaderName ACCESS_CONTROL_ALLOW_ORIGIN = standard("access-control-allow-origin");
    public static final HeaderName ACCESS_CONTROL_EXPOSE_HEADERS = standard("access-control-expose-headers");
    public static final HeaderName ACCESS_CONTROL_MAX_AGE = standard("access-control-max-age");
    public static final HeaderName ACCESS_CONTROL_REQUEST_HEADERS = standard("access-control-request-headers");
    public static final HeaderName ACCESS_CONTROL_REQUEST_METHOD = standard("access-control-request-method");
    public static final HeaderName AGE = standard("age");
    public static final HeaderName ALLOW = standard("allow");
    public static final HeaderName ALT_SVC = standard("alt-svc");
    public static final HeaderName AUTHORIZATION = standard("authorization");
    public static final HeaderName CACHE_CONTROL = standard("cache-control");
    public static final HeaderName CONNECTION = standard("connection");
    public static final HeaderName CONTENT_DISPOSITION = standard("content-disposition");
    public static final HeaderName CONTENT_ENCODING = standard("content-encoding");
    public static final HeaderName CONTENT_LANGUAGE = standard("content-language");
    public static final HeaderName CONTENT_LENGTH = standard("content-length");
    public static final HeaderName CONTENT_LOCATION = standard("content-location");
    public static final HeaderName CONTENT_RANGE = standard("content-range");
    public static final HeaderName CONTENT_SECURITY_POLICY = standard("content-security-policy");
    public static final HeaderName CONTENT_TYPE = standard("content-type");
    public static final HeaderName COOKIE = standard("cookie");
    public static final HeaderName DATE = standard("date");
    public static final HeaderName ETAG = standard("etag");
    public static final HeaderName EXPECT = standard("expect");
    public static final HeaderName EXPIRES = standard("expires");
    public static final HeaderName FORWARDED = standard("forwarded");
    public static final HeaderName FROM = standard("from");
    public static final HeaderName HOST = standard("host");
    public static final HeaderName HTTP2_SETTINGS = standard("http2-settings");
    public static final HeaderName IF_MATCH = standard("if-match");
    public static final HeaderName IF_MODIFIED_SINCE = standard("if-modified-since");
    public static final HeaderName IF_NONE_MATCH = standard("if-none-match");
    public static final HeaderName IF_RANGE = standard("if-range");
    public static final HeaderName IF_UNMODIFIED_SINCE = standard("if-unmodified-since");
    public static final HeaderName KEEP_ALIVE = standard("keep-alive");
    public static final HeaderName LAST_MODIFIED = standard("last-modified");
    public static final HeaderName LINK = standard("link");
    public static final HeaderName LOCATION = standard("location");
    public static final HeaderName MAX_FORWARDS = standard("max-forwards");
    public static final HeaderName ORIGIN = standard("origin");
    public static final HeaderName PRAGMA = standard("pragma");
    public static final HeaderName PROXY_AUTHENTICATE = standard("proxy-authenticate");
    public static final HeaderName PROXY_AUTHORIZATION = standard("proxy-authorization");
    public static final HeaderName PROXY_CONNECTION = standard("proxy-connection");
    public static final HeaderName RANGE = standard("range");
    public static final HeaderName REFERER = standard("referer");
    public static final HeaderName REFERRER_POLICY = standard("referrer-policy");
    public static final HeaderName RETRY_AFTER = standard("retry-after");
    public static final HeaderName SERVER = standard("server");
    public static final HeaderName SET_COOKIE = standard("set-cookie");
    public static final HeaderName STRICT_TRANSPORT_SECURITY = standard("strict-transport-security");
    public static final HeaderName TE = standard("te");
    public static final HeaderName TRAILER = standard("trailer");
    public static final HeaderName TRANSFER_ENCODING = standard("transfer-encoding");
    public static final HeaderName UPGRADE = standard("upgrade");
    public static final HeaderName USER_AGENT = standard("user-agent");
    public static final HeaderName VARY = standard("vary");
    public static final HeaderName VIA = standard("via");
    public static final HeaderName WARNING = standard("warning");
    public static final HeaderName WWW_AUTHENTICATE = standard("www-authenticate");
    public static final HeaderName X_CONTENT_TYPE_OPTIONS = standard("x-content-type-options");
    public static final HeaderName X_FORWARDED_FOR = standard("x-forwarded-for");
    public static final HeaderName X_FORWARDED_HOST = standard("x-forwarded-host");
    public static final HeaderName X_FORWARDED_PROTO = standard("x-forwarded-proto");
    public static final HeaderName X_FRAME_OPTIONS = standard("x-frame-options");
    public static final HeaderName X_REQUEST_ID = standard("x-request-id");

    private final String name;
    private final byte[] bytes;
    private final int hash;

    private HeaderName(String lowercase, int hash) {
        this.name = lowercase;
        this.bytes = lowercase.getBytes(StandardCharsets.US_ASCII);
        this.hash = hash;
    }

    private static HeaderName standard(String lowercase) {
        HeaderName n = new HeaderName(lowercase, KeyedHash.ofIgnoreCase(lowercase));
        int mask = TABLE_SIZE - 1;
        for (int i = n.hash & mask; ; i = (i + 1) & mask) {
            if (STANDARD[i] == null) {
                STANDARD[i] = n;
                return n;
            }
        }
    }

    /**
     * Validates and lowercases a field name.
     *
     * @throws HeaderError {@code invalid header name: ...} if it is empty, longer than 1024 bytes or
     *     not a token
     */
    public static HeaderName of(String name) {
        int n = name.length();
        if (n == 0) {
            throw new HeaderError("invalid header name: empty");
        }
        if (n > MAX_LENGTH) {
            throw new HeaderError("invalid header name: longer than " + MAX_LENGTH + " bytes");
        }
        boolean lower = true;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (!Ascii.isTchar(c)) {
                throw new HeaderError("invalid header name: " + Ascii.quoteForError(name));
            }
            lower &= !(c >= 'A' && c <= 'Z');
        }
        int hash = KeyedHash.ofIgnoreCase(name);
        HeaderName known = findStandard(name, hash);
        if (known != null) {
            return known;
        }
        return new HeaderName(lower ? name : toLower(name), hash);
    }

    /** Validates and lowercases a field name given as ASCII bytes (as read from the wire). */
    public static HeaderName of(byte[] bytes, int offset, int length) {
        if (length == 0) {
            throw new HeaderError("invalid header name: empty");
        }
        if (length > MAX_LENGTH) {
            throw new HeaderError("invalid header name: longer than " + MAX_LENGTH + " bytes");
        }
        for (int i = offset; i < offset + length; i++) {
            if (!Ascii.isTchar(bytes[i] & 0xFF)) {
                throw new HeaderError("invalid header name: "
                        + Ascii.quoteForError(new String(bytes, offset, length, StandardCharsets.ISO_8859_1)));
            }
        }
        int hash = KeyedHash.ofIgnoreCase(bytes, offset, length);
        int mask = TABLE_SIZE - 1;
        for (int i = hash & mask; STANDARD[i] != null; i = (i + 1) & mask) {
            HeaderName s = STANDARD[i];
            if (s.hash == hash && s.equalsIgnoreCase(bytes, offset, length)) {
                return s;
            }
        }
        byte[] lowered = new byte[length];
        for (int i = 0; i < length; i++) {
            lowered[i] = (byte) Ascii.lower(bytes[offset + i]);
        }
        return new HeaderName(new String(lowered, StandardCharsets.ISO_8859_1), hash);
    }

    private static HeaderName findStandard(CharSequence name, int hash) {
        int mask = TABLE_SIZE - 1;
        for (int i = hash & mask; STANDARD[i] != null; i = (i + 1) & mask) {
            HeaderName s = STANDARD[i];
            if (s.hash == hash && s.equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }

    private static String toLower(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (char) Ascii.lower(s.charAt(i));
        }
        return new String(out);
    }

    /** The lowercase name. */
    public String value() {
        return name;
    }

    /** The lowercase name as ASCII bytes. A copy: the internal array is never exposed. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The length in bytes (names are ASCII, so also in characters). */
    public int length() {
        return bytes.length;
    }

    /** Copies the lowercase ASCII bytes into {@code dst} at {@code offset} (for encoders that must not allocate). */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
    }

    /** The byte at {@code index} of the lowercase name (for encoders that must not copy). */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /** True if {@code other}, compared ASCII-case-insensitively, is this name. Allocates nothing. */
    public boolean equalsIgnoreCase(CharSequence other) {
        int n = name.length();
        if (other.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (name.charAt(i) != Ascii.lower(other.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True if the bytes, compared ASCII-case-insensitively, are this name. Allocates nothing. */
    public boolean equalsIgnoreCase(byte[] other, int offset, int length) {
        if (length != bytes.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != Ascii.lower(other[offset + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** The per-process keyed hash used by {@link HeaderMap} (not {@link #hashCode()}'s contract). */
    int keyedHash() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof HeaderName other && other.hash == hash && other.name.equals(name));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(HeaderName o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
