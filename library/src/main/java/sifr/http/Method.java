package sifr.http;

import java.nio.charset.StandardCharsets;
import sifr.http.internal.Ascii;

/**
 * An HTTP request method: any RFC 9110 token, case-sensitive ({@code get} is not {@code GET}).
 * The standard methods are constants and {@link #of(String)} returns them for their exact spelling;
 * extension methods such as {@code QUERY} are accepted like any other token.
 */
public final class Method {
    public static final Method GET = new Method("GET", true, true);
    public static final Method HEAD = new Method("HEAD", true, true);
    public static final Method POST = new Method("POST", false, false);
    public static final Method PUT = new Method("PUT", false, true);
    public static final Method DELETE = new Method("DELETE", false, true);
    public static final Method CONNECT = new Method("CONNECT", false, false);
    public static final Method OPTIONS = new Method("OPTIONS", true, true);
    public static final Method TRACE = new Method("TRACE", true, true);
    public static final Method PATCH = new Method("PATCH", false, false);
    /** The safe, idempotent QUERY method (draft-ietf-httpbis-safe-method-w-body). */
    public static final Method QUERY = new Method("QUERY", true, true);

    private static final Method[] STANDARD = {GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH, QUERY};

    private final String value;
    private final byte[] bytes;
    private final boolean safe;
    private final boolean idempotent;

    private Method(String value, boolean safe, boolean idempotent) {
        this.value = value;
        this.bytes = value.getBytes(StandardCharsets.US_ASCII);
        this.safe = safe;
        this.idempotent = idempotent;
    }

    /**
     * The method named {@code value}.
     *
     * @throws IllegalArgumentException {@code invalid HTTP method: ...} if it is not a token
     */
    public static Method of(String value) {
        for (Method m : STANDARD) {
            if (m.value.equals(value)) {
                return m;
            }
        }
        if (!Ascii.isToken(value)) {
            throw new IllegalArgumentException("invalid HTTP method: " + Ascii.quoteForError(value));
        }
        return new Method(value, false, false);
    }

    /** The method from ASCII bytes (as read from the wire); standard ones without allocating. */
    public static Method of(byte[] bytes, int offset, int length) {
        for (Method m : STANDARD) {
            if (m.bytes.length == length && java.util.Arrays.equals(m.bytes, 0, length, bytes, offset, offset + length)) {
                return m;
            }
        }
        return of(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
    }

    /** The method as written, e.g. {@code POST}. */
    public String value() {
        return value;
    }

    /** Safe per RFC 9110 §9.2.1 (read-only semantics). Extension methods other than QUERY are not. */
    public boolean isSafe() {
        return safe;
    }

    /** Idempotent per RFC 9110 §9.2.2. Extension methods other than QUERY are not. */
    public boolean isIdempotent() {
        return idempotent;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Method other && other.value.equals(value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
