package sifr.http;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The functions of Sifr's {@code sifr.http} module, in Java spelling: building headers, heads and
 * bodies, and the {@code Cookie} header. Each is a thin alias, kept so code ported from Sifr reads
 * the same; Java code may call the type it forwards to, which each method names ({@code headersFromPairs}
 * &rarr; {@link HeaderMap}, {@code requestHead}/{@code responseHead} &rarr; {@link RequestHead}/{@link ResponseHead},
 * {@code bodyFrom*}/{@code emptyBody} &rarr; {@link BodyStream}, the cookie functions &rarr; {@link Cookies}).
 * The ways in are {@link HttpClient} for clients and {@link HttpServer} for servers.
 */
public final class Http {
    private Http() {
    }

    /** Sifr's {@code headers_from_pairs}: a {@link HeaderMap} of the pairs, in order. */
    public static HeaderMap headersFromPairs(List<? extends Map.Entry<String, String>> pairs) {
        return HeaderMap.fromPairs(pairs);
    }

    /** Sifr's {@code header_name}. */
    public static HeaderName headerName(String name) {
        return HeaderName.of(name);
    }

    /** Sifr's {@code header_value}. */
    public static HeaderValue headerValue(String value) {
        return HeaderValue.of(value);
    }

    /**
     * Sifr's {@code request_head}: an HTTP/1.1 request head.
     *
     * @throws IllegalArgumentException {@code invalid HTTP method: ...} or {@code invalid request target: ...}
     */
    public static RequestHead requestHead(String method, String path, HeaderMap headers) {
        return new RequestHead(Method.of(method), path, headers, Version.HTTP_1_1);
    }

    /** A request head with an explicit version ({@code HTTP/1.1}, {@code HTTP/2}, ...). */
    public static RequestHead requestHead(String method, String path, HeaderMap headers, String version) {
        return new RequestHead(Method.of(method), path, headers, Version.of(version));
    }

    /**
     * Sifr's {@code response_head}.
     *
     * @throws IllegalArgumentException {@code invalid HTTP status} outside 100..999, or
     *     {@code invalid HTTP version}
     */
    public static ResponseHead responseHead(int status, HeaderMap headers, String version) {
        return new ResponseHead(Status.of(status), headers, Version.of(version));
    }

    /** An HTTP/1.1 response head. */
    public static ResponseHead responseHead(int status, HeaderMap headers) {
        return new ResponseHead(Status.of(status), headers, Version.HTTP_1_1);
    }

    /** Sifr's {@code body_from_chunks}. */
    public static BodyStream bodyFromChunks(List<byte[]> chunks) {
        return BodyStream.ofChunks(chunks);
    }

    /** Sifr's {@code body_from_bytes} (the array is not copied). */
    public static BodyStream bodyFromBytes(byte[] bytes) {
        return BodyStream.ofBytes(bytes);
    }

    /** A body streamed from {@code in}. */
    public static BodyStream bodyFromInputStream(InputStream in) {
        return BodyStream.ofInputStream(in);
    }

    /** The empty body. */
    public static BodyStream emptyBody() {
        return BodyStream.empty();
    }

    /**
     * Sifr's {@code parse_cookie_header}: {@code "session=demo; mode=substrate"} →
     * {@code [(session, demo), (mode, substrate)]}.
     *
     * @throws HeaderError {@code cookie headers must not contain line breaks or NUL},
     *     {@code invalid cookie header} (a part without {@code =}), {@code invalid cookie name},
     *     {@code invalid cookie value}
     */
    public static List<Map.Entry<String, String>> parseCookieHeader(String header) {
        return Cookies.parse(header);
    }

    /**
     * Sifr's {@code build_cookie_header}: {@code name=value; name=value}.
     *
     * @throws HeaderError {@code invalid cookie name} (not a token), {@code invalid cookie value} (not
     *     plain cookie-octets: quotes, spaces, {@code ;}, line breaks), {@code cookie header exceeds 65536 bytes}
     */
    public static String buildCookieHeader(List<? extends Map.Entry<String, String>> pairs) {
        return Cookies.build(pairs);
    }
}
