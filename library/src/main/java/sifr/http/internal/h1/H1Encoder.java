package sifr.http.internal.h1;

import java.nio.charset.StandardCharsets;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;
import sifr.http.Status;
import sifr.http.Version;

/**
 * Serializes HTTP/1.1 heads and chunked framing into an {@link H1Buffer}. Status lines and the
 * framing fields are pre-encoded bytes; field names come with their bytes; values are validated
 * when built, so nothing here can inject a line break. Stateless.
 */
public final class H1Encoder {
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] COLON_SP = ascii(": ");
    private static final byte[] CONTENT_LENGTH = ascii("content-length: ");
    private static final byte[] TRANSFER_ENCODING_CHUNKED = ascii("transfer-encoding: chunked\r\n");
    private static final byte[] CONNECTION_CLOSE = ascii("connection: close\r\n");
    private static final byte[] CONNECTION_KEEP_ALIVE = ascii("connection: keep-alive\r\n");
    private static final byte[] LAST_CHUNK = ascii("0\r\n");
    private static final byte[] HTTP_1_1_SP = ascii("HTTP/1.1 ");
    private static final byte[] HTTP_1_0_SP = ascii("HTTP/1.0 ");
    private static final byte[] SP_HTTP_1_1_CRLF = ascii(" HTTP/1.1\r\n");
    private static final byte[] SP_HTTP_1_0_CRLF = ascii(" HTTP/1.0\r\n");

    /** {@code "200 OK\r\n"}, ... for every code, built once. */
    private static final byte[][] STATUS_TAILS = new byte[1000][];

    static {
        for (int code = 100; code <= 999; code++) {
            String reason = Status.of(code).reasonPhrase();
            STATUS_TAILS[code] = ascii(code + " " + reason + "\r\n");
        }
    }

    private H1Encoder() {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code HTTP/1.1 200 OK CRLF}; HTTP/2 and HTTP/3 heads are written as HTTP/1.1. */
    public static void statusLine(H1Buffer out, Version version, Status status) {
        out.put(version == Version.HTTP_1_0 ? HTTP_1_0_SP : HTTP_1_1_SP).put(STATUS_TAILS[status.code()]);
    }

    /** {@code METHOD target HTTP/1.1 CRLF}. */
    public static void requestLine(H1Buffer out, Method method, String target, Version version) {
        out.putAscii(method.value()).put((byte) ' ').putAscii(target)
                .put(version == Version.HTTP_1_0 ? SP_HTTP_1_0_CRLF : SP_HTTP_1_1_CRLF);
    }

    public static void field(H1Buffer out, HeaderName name, HeaderValue value) {
        out.put(name).put(COLON_SP).put(value).put(CRLF);
    }

    /** Every field of {@code fields}, in order. */
    public static void fields(H1Buffer out, HeaderMap fields) {
        for (int i = 0, n = fields.size(); i < n; i++) {
            field(out, fields.nameAt(i), fields.valueAt(i));
        }
    }

    public static void contentLength(H1Buffer out, long length) {
        out.put(CONTENT_LENGTH).putDecimal(length).put(CRLF);
    }

    public static void transferEncodingChunked(H1Buffer out) {
        out.put(TRANSFER_ENCODING_CHUNKED);
    }

    public static void connectionClose(H1Buffer out) {
        out.put(CONNECTION_CLOSE);
    }

    public static void connectionKeepAlive(H1Buffer out) {
        out.put(CONNECTION_KEEP_ALIVE);
    }

    /** The empty line that ends a head. */
    public static void endOfHead(H1Buffer out) {
        out.put(CRLF);
    }

    /** A whole response head with its fields as given (framing fields are the caller's). */
    public static void responseHead(H1Buffer out, ResponseHead head) {
        statusLine(out, head.version(), head.status());
        fields(out, head.headers());
    }

    /** A whole request head with its fields as given (framing fields are the caller's). */
    public static void requestHead(H1Buffer out, RequestHead head) {
        requestLine(out, head.method(), head.path(), head.version());
        fields(out, head.headers());
    }

    /** One chunk: size line, data, CRLF. Empty data writes nothing (an empty chunk would end the body). */
    public static void chunk(H1Buffer out, byte[] data, int off, int len) {
        if (len == 0) {
            return;
        }
        out.putHex(len).put(CRLF).put(data, off, len).put(CRLF);
    }

    /** The last chunk, the trailer fields and the final CRLF. */
    public static void lastChunk(H1Buffer out, HeaderMap trailers) {
        out.put(LAST_CHUNK);
        fields(out, trailers);
        out.put(CRLF);
    }
}
