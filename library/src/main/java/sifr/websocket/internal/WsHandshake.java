package sifr.websocket.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import sifr.http.HeaderMap;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;
import sifr.http.Version;

/**
 * The opening handshake over HTTP/1.1 (RFC 6455 §4) and over HTTP/2 (RFC 8441 §5, extended CONNECT):
 * the server's checks of an upgrade request and its 101 (or 2xx) answer, the client's request and its
 * checks of the answer. Pure: heads in, heads or bytes out.
 */
public final class WsHandshake {
    /** RFC 6455 §1.3: appended to the key before hashing. */
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WsHandshake() {
    }

    /** A fresh {@code Sec-WebSocket-Key}: 16 random bytes, base64 (§4.1). */
    public static String newKey(SecureRandom random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** {@code Sec-WebSocket-Accept} for {@code key}: base64 of SHA-1 of key + GUID (§4.2.2). */
    public static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    /** A refused upgrade: the status to answer, extra response fields, and why. */
    public record Refusal(int status, HeaderMap headers, String reason) {
    }

    /** An acceptable upgrade request's key, offered subprotocols and extension lines. */
    public record Upgrade(String key, List<String> subprotocols, List<String> extensions, Optional<String> origin) {
    }

    /**
     * Checks a server-side upgrade request (§4.2.1): GET over HTTP/1.1, {@code Upgrade: websocket},
     * {@code Connection: upgrade}, one {@code Sec-WebSocket-Key} of 16 bytes in base64, version 13.
     *
     * @return the upgrade, or the refusal: 426 (with {@code upgrade: websocket}) for a request that does
     *     not ask to upgrade to WebSocket, 426 (with {@code sec-websocket-version: 13}) for another
     *     version, 400 for anything else
     */
    public static Object checkRequest(RequestHead head) {
        HeaderMap h = head.headers();
        if (!listsToken(h.getAll("upgrade"), "websocket")) {
            return new Refusal(426, HeaderMap.of("upgrade", "websocket", "connection", "Upgrade"),
                    "request does not ask to upgrade to websocket");
        }
        if (head.method() != Method.GET) {
            return new Refusal(400, HeaderMap.empty(), "WebSocket upgrade must be a GET");
        }
        if (head.version() != Version.HTTP_1_1) {
            return new Refusal(400, HeaderMap.empty(), "WebSocket upgrade needs HTTP/1.1");
        }
        if (!listsToken(h.getAll("connection"), "upgrade")) {
            return new Refusal(400, HeaderMap.empty(), "Connection does not list upgrade");
        }
        List<String> versions = h.getAll("sec-websocket-version");
        if (versions.size() != 1 || !versions.get(0).trim().equals("13")) {
            return new Refusal(426, HeaderMap.of("sec-websocket-version", "13"), "WebSocket version must be 13");
        }
        List<String> keys = h.getAll("sec-websocket-key");
        if (keys.size() != 1 || !isKey(keys.get(0).trim())) {
            return new Refusal(400, HeaderMap.empty(), "Sec-WebSocket-Key must be 16 bytes in base64");
        }
        return new Upgrade(keys.get(0).trim(), offeredProtocols(h), h.getAll("sec-websocket-extensions"), h.get("origin"));
    }

    /**
     * Checks an RFC 8441 extended CONNECT with {@code :protocol websocket} (§5): the HTTP/2 server has
     * checked the pseudo-fields; what remains of RFC 6455 §4.2.1 is version 13 (no key: the stream is
     * the connection, nothing to prove).
     *
     * @return the upgrade (an empty key), or the refusal: 400 with {@code sec-websocket-version: 13} for
     *     another version (426 names an {@code Upgrade} field HTTP/2 does not have)
     */
    public static Object checkExtendedConnect(RequestHead head) {
        HeaderMap h = head.headers();
        List<String> versions = h.getAll("sec-websocket-version");
        if (versions.size() != 1 || !versions.get(0).trim().equals("13")) {
            return new Refusal(400, HeaderMap.of("sec-websocket-version", "13"), "WebSocket version must be 13");
        }
        return new Upgrade("", offeredProtocols(h), h.getAll("sec-websocket-extensions"), h.get("origin"));
    }

    private static List<String> offeredProtocols(HeaderMap h) {
        List<String> protocols = new ArrayList<>();
        for (String line : h.getAll("sec-websocket-protocol")) {
            for (String p : line.split(",", -1)) {
                if (!p.trim().isEmpty()) {
                    protocols.add(p.trim());
                }
            }
        }
        return protocols;
    }

    private static boolean isKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The server's choice: the first of {@code supported} (its preference order) that the client offered. */
    public static Optional<String> chooseSubprotocol(List<String> supported, List<String> offered) {
        for (String s : supported) {
            for (String o : offered) {
                if (o.equals(s)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    /** The 101 response fields (§4.2.2). */
    public static HeaderMap acceptHeaders(String key, Optional<String> subprotocol, Optional<String> extensions) {
        HeaderMap.Builder b = HeaderMap.builder()
                .add("upgrade", "websocket")
                .add("connection", "Upgrade")
                .add("sec-websocket-accept", acceptFor(key));
        subprotocol.ifPresent(p -> b.add("sec-websocket-protocol", p));
        extensions.ifPresent(e -> b.add("sec-websocket-extensions", e));
        return b.build();
    }

    /** The 2xx answer's fields over HTTP/2 (RFC 8441 §5): only the negotiated subprotocol and extensions. */
    public static HeaderMap acceptHeadersHttp2(Optional<String> subprotocol, Optional<String> extensions) {
        HeaderMap.Builder b = HeaderMap.builder();
        subprotocol.ifPresent(p -> b.add("sec-websocket-protocol", p));
        extensions.ifPresent(e -> b.add("sec-websocket-extensions", e));
        return b.build();
    }

    /**
     * The client's extended CONNECT fields over HTTP/2 (RFC 8441 §5): {@code host} (sent as
     * {@code :authority}), version 13, subprotocols, extensions, then the caller's extra fields; no
     * {@code Upgrade}, {@code Connection} or key.
     */
    public static HeaderMap requestHeadersHttp2(String hostPort, List<String> subprotocols, Optional<String> extensions,
                                                HeaderMap extra) {
        HeaderMap.Builder b = HeaderMap.builder().add("host", hostPort).add("sec-websocket-version", "13");
        if (!subprotocols.isEmpty()) {
            b.add("sec-websocket-protocol", String.join(", ", subprotocols));
        }
        extensions.ifPresent(e -> b.add("sec-websocket-extensions", e));
        for (var f : extra) {
            b.add(f.name(), f.value());
        }
        return b.build();
    }

    /**
     * Checks the server's answer to an extended CONNECT (RFC 8441 §5): a 2xx, a subprotocol and
     * extensions that were offered.
     *
     * @throws IllegalArgumentException with the reason the handshake fails
     */
    public static Accepted checkResponseHttp2(ResponseHead head, List<String> offeredProtocols, boolean offeredDeflate) {
        int code = head.status().code();
        if (code < 200 || code > 299) {
            throw new IllegalArgumentException("server answered " + code + " to the extended CONNECT instead of 2xx");
        }
        return acceptedFields(head.headers(), offeredProtocols, offeredDeflate);
    }

    /** The client's request fields (§4.1), before the caller's extra fields. */
    public static HeaderMap requestHeaders(String hostPort, String key, List<String> subprotocols,
                                           Optional<String> extensions, HeaderMap extra) {
        HeaderMap.Builder b = HeaderMap.builder()
                .add("host", hostPort)
                .add("upgrade", "websocket")
                .add("connection", "Upgrade")
                .add("sec-websocket-key", key)
                .add("sec-websocket-version", "13");
        if (!subprotocols.isEmpty()) {
            b.add("sec-websocket-protocol", String.join(", ", subprotocols));
        }
        extensions.ifPresent(e -> b.add("sec-websocket-extensions", e));
        for (var f : extra) {
            b.add(f.name(), f.value());
        }
        return b.build();
    }

    /** What the client learned from an accepted handshake. */
    public record Accepted(Optional<String> subprotocol, Optional<DeflateParams> deflate) {
    }

    /**
     * Checks the server's answer over HTTP/1.1 (§4.1 "the client MUST validate"): 101, {@code Upgrade: websocket},
     * {@code Connection: upgrade}, the expected accept value, a subprotocol we offered, extensions we offered.
     *
     * @throws IllegalArgumentException with the reason the handshake fails
     */
    public static Accepted checkResponse(ResponseHead head, String key, List<String> offeredProtocols,
                                         boolean offeredDeflate) {
        if (head.status().code() != 101) {
            throw new IllegalArgumentException("server answered " + head.status().code() + " instead of 101");
        }
        HeaderMap h = head.headers();
        if (!listsToken(h.getAll("upgrade"), "websocket")) {
            throw new IllegalArgumentException("response lacks upgrade: websocket");
        }
        if (!listsToken(h.getAll("connection"), "upgrade")) {
            throw new IllegalArgumentException("response lacks connection: upgrade");
        }
        List<String> accepts = h.getAll("sec-websocket-accept");
        if (accepts.size() != 1 || !accepts.get(0).trim().equals(acceptFor(key))) {
            throw new IllegalArgumentException("Sec-WebSocket-Accept does not match the key");
        }
        return acceptedFields(h, offeredProtocols, offeredDeflate);
    }

    private static Accepted acceptedFields(HeaderMap h, List<String> offeredProtocols, boolean offeredDeflate) {
        List<String> protocols = h.getAll("sec-websocket-protocol");
        Optional<String> chosen = Optional.empty();
        if (!protocols.isEmpty()) {
            String p = protocols.get(0).trim();
            if (protocols.size() != 1 || !offeredProtocols.contains(p)) {
                throw new IllegalArgumentException("server chose a subprotocol that was not offered");
            }
            chosen = Optional.of(p);
        }
        Optional<DeflateParams> deflate = DeflateParams.clientAccept(h.getAll("sec-websocket-extensions"), offeredDeflate);
        return new Accepted(chosen, deflate);
    }

    /** Whether a comma-separated field (all its lines) lists {@code token}, case-insensitively. */
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
