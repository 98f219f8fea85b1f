package sifr.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Building common responses: text, bytes, JSON, a file, redirects, and adding a header or a cookie to
 * a response. Bodies are sent with {@code Content-Length}; nothing is buffered beyond the given bytes.
 */
public final class Responses {
    private Responses() {
    }

    /** {@code text/plain; charset=utf-8}. */
    public static HttpResponse text(int status, String text) {
        return bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code text/html; charset=utf-8} (the text is sent as given: escape what you put in). */
    public static HttpResponse html(int status, String html) {
        return bytes(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code application/json}, the text sent as given (UTF-8): Sifr has no JSON codec, bring your own.
     */
    public static HttpResponse json(int status, String json) {
        return bytes(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code bytes} (not copied) with this content type.
     *
     * @throws IllegalArgumentException {@code invalid HTTP status} outside 100..999
     * @throws HeaderError for a content type that is not a valid field value
     */
    public static HttpResponse bytes(int status, String contentType, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return HttpResponse.of(status, HeaderMap.of("content-type", contentType), BodyStream.ofBytes(bytes));
    }

    /**
     * The whole file {@code file} as a {@code 200} with this content type and its length
     * ({@link BodyStream#ofFile}: sent zero-copy on cleartext HTTP/1.1). For files served to browsers
     * (ranges, ETag and Last-Modified, 304, content types by extension, index files) use
     * {@link StaticFiles#handler}; this is for one file a handler has already chosen.
     *
     * @throws java.io.IOException when the file cannot be opened or is not a regular file
     */
    public static HttpResponse file(String contentType, java.nio.file.Path file) throws java.io.IOException {
        Objects.requireNonNull(file, "file");
        HeaderMap headers = HeaderMap.of("content-type", contentType);
        return HttpResponse.of(200, headers, BodyStream.ofFile(file));
    }

    /** A status without a body ({@code 204}, {@code 304}, or any other with an empty body). */
    public static HttpResponse status(int status) {
        return HttpResponse.of(status, HeaderMap.empty());
    }

    /**
     * A redirect to {@code location} (a URL or an absolute path, sent as given) with a short text
     * body. {@code 301}/{@code 308} are permanent, {@code 302}/{@code 307} temporary, {@code 303}
     * "see other" (the client follows with GET); {@code 307}/{@code 308} keep the method and body.
     *
     * @throws IllegalArgumentException {@code redirect status must be 301, 302, 303, 307 or 308}
     * @throws HeaderError for a location that is not a valid field value (line breaks, NUL)
     */
    public static HttpResponse redirect(int status, String location) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            throw new IllegalArgumentException("redirect status must be 301, 302, 303, 307 or 308");
        }
        Objects.requireNonNull(location, "location");
        HeaderMap headers = HeaderMap.of("location", location, "content-type", "text/plain; charset=utf-8");
        byte[] body = (Status.of(status).reasonPhrase() + "\n").getBytes(StandardCharsets.UTF_8);
        return HttpResponse.of(status, headers, BodyStream.ofBytes(body));
    }

    /** {@code response} with the field {@code name: value} added (kept beside existing ones). */
    public static HttpResponse withHeader(HttpResponse response, String name, String value) {
        return HttpResponse.of(response.head().withHeaders(response.headers().add(name, value)), response.body());
    }

    /** {@code response} with {@code name: value} replacing every existing {@code name} field. */
    public static HttpResponse withHeaderSet(HttpResponse response, String name, String value) {
        return HttpResponse.of(response.head().withHeaders(response.headers().set(name, value)), response.body());
    }

    /** {@code response} with one more {@code Set-Cookie} field. */
    public static HttpResponse withCookie(HttpResponse response, SetCookie cookie) {
        return withHeader(response, "set-cookie", cookie.toString());
    }
}
