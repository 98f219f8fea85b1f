package sifr.http;

import java.util.Objects;
import sifr.http.internal.Ascii;

/**
 * The head of a request: method, target ({@code path}: origin-form such as {@code /a?b}, or
 * {@code *}, an absolute URL or an authority), fields and version. Immutable.
 *
 * @param path the request target as sent: visible ASCII, no spaces ({@code invalid request target})
 */
public record RequestHead(Method method, String path, HeaderMap headers, Version version) {
    public RequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(version, "version");
        checkTarget(path);
    }

    /** An HTTP/1.1 request head. */
    public static RequestHead of(Method method, String path, HeaderMap headers) {
        return new RequestHead(method, path, headers, Version.HTTP_1_1);
    }

    static void checkTarget(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("invalid request target: empty");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException("invalid request target: " + Ascii.quoteForError(path));
            }
        }
    }

    public RequestHead withHeaders(HeaderMap newHeaders) {
        return new RequestHead(method, path, newHeaders, version);
    }

    public RequestHead withVersion(Version newVersion) {
        return new RequestHead(method, path, headers, newVersion);
    }

    @Override
    public String toString() {
        return method + " " + path + " " + version + " " + headers;
    }
}
