package sifr.http.internal.entry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.RequestHead;
import sifr.http.Version;

/**
 * The HTTP/1.1 side of h2c by {@code Upgrade} (RFC 7540 §3.2, kept by RFC 9113 §3.1 for servers that
 * still offer it): decides whether a request may be upgraded and what stream 1 then carries.
 *
 * <p>Upgrade happens only when all of these hold, otherwise the request is served as HTTP/1.1 and the
 * {@code Upgrade} field ignored (RFC 9110 §7.8 lets a server ignore it):
 * <ul>
 *   <li>an HTTP/1.1 request with no body ({@code H1ServerConnection} only offers those: a request with a
 *       body would have to be read in full before the 101, which buys nothing over answering it as
 *       HTTP/1.1, so such requests are answered over HTTP/1.1 and the connection stays HTTP/1.1);</li>
 *   <li>{@code Upgrade} lists {@code h2c} and {@code Connection} lists both {@code Upgrade} and
 *       {@code HTTP2-Settings} (RFC 7540 §3.2.1: the settings field is connection-specific);</li>
 *   <li>exactly one {@code HTTP2-Settings} field whose value is base64url (no padding) of a whole number
 *       of 6-byte settings (RFC 7540 §3.2: "MUST NOT upgrade ... if this header field is not present, or
 *       if more than one is present").</li>
 * </ul>
 */
public final class H2cUpgrade {
    private static final HeaderName HTTP2_SETTINGS = HeaderName.of("http2-settings");

    /** Written before the connection turns to HTTP/2. */
    public static final byte[] SWITCHING_PROTOCOLS = ("HTTP/1.1 101 Switching Protocols\r\n"
            + "connection: Upgrade\r\nupgrade: h2c\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    /** Fields that are connection-specific in HTTP/1.1 and malformed in HTTP/2 (RFC 9113 §8.2.2). */
    private static final List<String> CONNECTION_SPECIFIC = List.of(
            "connection", "upgrade", "http2-settings", "keep-alive", "proxy-connection", "transfer-encoding");

    /**
     * An accepted upgrade: the decoded SETTINGS payload the client sent in {@code HTTP2-Settings} and
     * the request as stream 1 will carry it (HTTP/2, connection-specific fields removed).
     */
    public record Accepted(byte[] settingsPayload, RequestHead request) {
    }

    private H2cUpgrade() {
    }

    /** The upgrade to perform for {@code head}, or empty to serve it as HTTP/1.1. */
    public static Optional<Accepted> accept(RequestHead head) {
        if (head.version() != Version.HTTP_1_1) {
            return Optional.empty();
        }
        HeaderMap headers = head.headers();
        if (!listsToken(headers.getAll(HeaderName.UPGRADE), "h2c")
                || !listsToken(headers.getAll(HeaderName.CONNECTION), "upgrade")
                || !listsToken(headers.getAll(HeaderName.CONNECTION), "http2-settings")) {
            return Optional.empty();
        }
        List<String> settings = headers.getAll(HTTP2_SETTINGS);
        if (settings.size() != 1) {
            return Optional.empty();
        }
        Optional<byte[]> payload = decodeSettings(settings.get(0));
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        HeaderMap.Builder stream1 = headers.toBuilder();
        for (String name : CONNECTION_SPECIFIC) {
            stream1.remove(name);
        }
        // RFC 9113 §8.2.2: TE may only be "trailers" in HTTP/2
        if (headers.get(HeaderName.TE).filter(te -> !te.trim().equalsIgnoreCase("trailers")).isPresent()) {
            stream1.remove(HeaderName.TE);
        }
        return Optional.of(new Accepted(payload.get(), head.withHeaders(stream1.build()).withVersion(Version.HTTP_2)));
    }

    /** RFC 7540 §3.2.1: token68 of base64url without padding; a SETTINGS payload is a multiple of 6 bytes. */
    static Optional<byte[]> decodeSettings(String value) {
        String v = value.trim();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return Optional.empty();
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return bytes.length % 6 == 0 ? Optional.of(bytes) : Optional.empty();
    }

    /** Whether a comma-separated field (all its lines) lists {@code token}, compared case-insensitively. */
    static boolean listsToken(List<String> lines, String token) {
        for (String line : lines) {
            int start = 0;
            while (start <= line.length()) {
                int comma = line.indexOf(',', start);
                int end = comma < 0 ? line.length() : comma;
                if (line.substring(start, end).trim().equalsIgnoreCase(token)) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }
}
