package sifr.url;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sifr.url.internal.Chars;
import sifr.url.internal.FormUrlEncoded;
import sifr.url.internal.HostParser;
import sifr.url.internal.Ipv6;
import sifr.url.internal.PercentEncoding;
import sifr.url.internal.Schemes;
import sifr.url.internal.UrlStates;

/**
 * Sifr's URL helpers ({@code build}, {@code percent_encode}, ... in the Sifr runtime), behind the
 * static methods of {@link Url}. They are stricter than the WHATWG parser on purpose: a component
 * given on its own must be exactly that component, so {@code build} refuses a host such as
 * {@code evil.example#frag} that {@link Url#parse} would split into host and fragment.
 */
final class UrlHelpers {
    static final String INVALID_SCHEME = "invalid URL scheme";
    static final String INVALID_ESCAPE = "invalid percent escape";
    static final String HOST_REQUIRED = "URL host is required";

    private UrlHelpers() {
    }

    static Url build(String scheme, String host, String path, String query, Integer port) {
        if (scheme == null || scheme.isEmpty() || !Chars.isAlpha(scheme.charAt(0))) {
            throw new UrlError(INVALID_SCHEME);
        }
        for (int i = 1; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!Chars.isAlphanumeric(c) && c != '+' && c != '-' && c != '.') {
                throw new UrlError(INVALID_SCHEME);
            }
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new UrlError(UrlStates.INVALID_PORT);
        }
        if (host == null || host.isEmpty()) {
            // Sifr's build always has an authority: an empty host is a missing argument, not a URL shape
            throw new UrlError(HOST_REQUIRED);
        }
        String hostText = host;
        Url.checkSize(hostText);
        if (hostText.indexOf(':') >= 0 && !hostText.startsWith("[")) {
            char[] chars = hostText.toCharArray();
            if (Ipv6.parse(chars, 0, chars.length) == null) {
                throw new UrlError(UrlStates.INVALID_HOST);
            }
            hostText = "[" + hostText + "]";
        }
        // The host must be one whole host: parse it alone, so a '#', '/', '@', '?' or ':' in it fails
        // instead of starting the next component.
        char[] hostChars = hostText.toCharArray();
        boolean special = Schemes.type(scheme.toLowerCase(Locale.ROOT)) != Schemes.NOT_SPECIAL;
        if (HostParser.parse(hostChars, 0, hostChars.length, !special) == null) {
            throw new UrlError(UrlStates.INVALID_HOST);
        }
        StringBuilder href = new StringBuilder(scheme).append("://").append(hostText);
        if (port != null) {
            href.append(':').append(port.intValue());
        }
        Url url = Url.parse(href.toString());
        if (path != null && !path.isEmpty()) {
            url = url.withPath(path);
        }
        if (query != null) {
            url = url.withQuery("?" + query); // the setter drops one leading '?': this keeps the query as given
        }
        return url;
    }

    static String percentEncode(String s) {
        if (s == null) {
            throw new UrlError("text to percent-encode must not be null");
        }
        return PercentEncoding.encode(s, PercentEncoding.NON_ALPHANUMERIC);
    }

    static String percentEncodeBytes(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c < 128 && Chars.isAlphanumeric(c)) {
                out.append((char) c);
            } else {
                PercentEncoding.appendByte(out, c);
            }
        }
        return out.toString();
    }

    static byte[] percentDecodeBytes(String s) {
        if (s == null) {
            throw new UrlError("text to percent-decode must not be null");
        }
        Url.checkSize(s);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%') {
                if (i + 2 >= s.length() || PercentEncoding.hexValue(s.charAt(i + 1)) < 0
                        || PercentEncoding.hexValue(s.charAt(i + 2)) < 0) {
                    throw new UrlError(INVALID_ESCAPE);
                }
                i += 2;
            }
        }
        char[] chars = s.toCharArray();
        return PercentEncoding.decodeLenient(chars, 0, chars.length);
    }

    static String percentDecode(String s) {
        byte[] bytes = percentDecodeBytes(s);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UrlError("percent-decoded text is not UTF-8");
        }
    }

    /** RFC 3986 section 5.2.4 remove_dot_segments. */
    static String normalizePath(String path) {
        if (path == null) {
            throw new UrlError("path must not be null");
        }
        Url.checkSize(path);
        StringBuilder out = new StringBuilder(path.length());
        int i = 0;
        int n = path.length();
        while (i < n) {
            if (path.startsWith("../", i)) {
                i += 3;
            } else if (path.startsWith("./", i)) {
                i += 2;
            } else if (path.startsWith("/./", i)) {
                i += 2;
            } else if (i + 2 == n && path.startsWith("/.", i)) {
                out.append('/');
                i = n;
            } else if (path.startsWith("/../", i)) {
                i += 3;
                removeLastSegment(out);
            } else if (i + 3 == n && path.startsWith("/..", i)) {
                removeLastSegment(out);
                out.append('/');
                i = n;
            } else if ((i + 1 == n && path.charAt(i) == '.') || (i + 2 == n && path.startsWith("..", i))) {
                i = n;
            } else {
                int next = path.indexOf('/', i + (path.charAt(i) == '/' ? 1 : 0));
                int segmentEnd = next < 0 ? n : next;
                out.append(path, i, segmentEnd);
                i = segmentEnd;
            }
        }
        return out.toString();
    }

    private static void removeLastSegment(StringBuilder out) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(slash, 0));
    }

    static UrlQuery parseQuery(String query) {
        if (query == null) {
            throw new UrlError("query must not be null");
        }
        Url.checkSize(query);
        return UrlQuery.parseStrict(query.startsWith("?") ? query.substring(1) : query);
    }

    static String buildQuery(List<Map.Entry<String, String>> pairs) {
        return FormUrlEncoded.serialize(UrlQuery.of(pairs).pairs());
    }
}
