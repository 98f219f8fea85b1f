package sifr.url;

import java.util.Optional;
import java.util.OptionalInt;
import sifr.url.internal.ParseContext;
import sifr.url.internal.Schemes;
import sifr.url.internal.UrlStates;
import sifr.url.internal.UrlParser;
import sifr.url.internal.UrlRecord;

/**
 * An immutable URL parsed by the WHATWG URL Standard. It holds its serialization ({@link #href()})
 * and the offsets of each component in it, so getters are substrings and equality is equality of
 * the serialization. Withers ({@link #withHost} ...) return a new URL with the standard's setter
 * semantics; the helpers ({@link #build}, {@link #percentEncode} ...) are Sifr's and stricter.
 */
public final class Url {
    /** Inputs above this many UTF-8 bytes are refused with {@code URL is too large}. */
    public static final int MAX_INPUT_BYTES = 64 * 1024;

    private final String href;
    private final String scheme;
    private final int schemeType;
    private final int usernameEnd;   // end of username (start is schemeEnd + 3)
    private final int hostStart;     // -1 when there is no host
    private final int hostEnd;
    private final int port;          // -1 when null
    private final int pathStart;
    private final int queryStart;    // index of '?' or -1
    private final int fragmentStart; // index of '#' or -1
    private final boolean opaquePath;

    Url(String href, String scheme, int schemeType, int usernameEnd, int hostStart, int hostEnd, int port,
            int pathStart, int queryStart, int fragmentStart, boolean opaquePath) {
        this.href = href;
        this.scheme = scheme;
        this.schemeType = schemeType;
        this.usernameEnd = usernameEnd;
        this.hostStart = hostStart;
        this.hostEnd = hostEnd;
        this.port = port;
        this.pathStart = pathStart;
        this.queryStart = queryStart;
        this.fragmentStart = fragmentStart;
        this.opaquePath = opaquePath;
    }

    // ---- parsing ------------------------------------------------------------------------------

    /** Parses an absolute URL. */
    public static Url parse(String input) {
        return parse(input, null);
    }

    /** Parses {@code input} against {@code base} (which may be null). */
    public static Url parse(String input, Url base) {
        checkSize(input);
        // Most real URLs are absolute http(s) URLs already in their serialized form: one scan, no
        // copy. The base does not matter for them (a special scheme followed by "//" ignores it).
        Url fast = UrlFastPath.tryParse(input);
        if (fast != null) {
            return fast;
        }
        return parseFully(input, base);
    }

    /** The WHATWG state machine, for every input (the fast path's fallback; tests compare the two). */
    static Url parseFully(String input, Url base) {
        checkSize(input);
        ParseContext context = ParseContext.acquire(input.length());
        try {
            UrlRecord baseRecord = null;
            if (base != null) {
                baseRecord = new UrlRecord();
                base.fill(baseRecord);
            }
            context.load(input, true);
            String failure = context.parser.parse(context.chars(), context.length, context.source, context.sourceOffset,
                    context.record, baseRecord, UrlStates.NO_OVERRIDE);
            if (failure != null) {
                throw new UrlError(failure);
            }
            Url reused = context.source != null && context.sourceOffset == 0 && context.length == input.length()
                    ? ofInput(context.record, input, context) : null;
            return reused != null ? reused : of(context.record, context.out());
        } finally {
            context.release();
        }
    }

    /**
     * When the input already is the serialization (the usual case for real-world URLs), keeps the
     * input string as {@code href}: only offsets are computed, nothing is copied. Returns null as
     * soon as any component differs, and the caller builds the serialization instead.
     */
    private static Url ofInput(UrlRecord r, String s, ParseContext context) {
        int n = s.length();
        int pos = r.scheme.length();
        if (!s.startsWith(r.scheme) || pos >= n || s.charAt(pos) != ':') {
            return null;
        }
        pos++;
        int usernameEnd = -1;
        int hostStart = -1;
        int hostEnd = -1;
        if (r.host != null) {
            if (!s.startsWith("//", pos)) {
                return null;
            }
            pos += 2;
            if (r.includesCredentials()) {
                if (!s.startsWith(r.username, pos)) {
                    return null;
                }
                pos += r.username.length();
                usernameEnd = pos;
                if (!r.password.isEmpty()) {
                    if (pos >= n || s.charAt(pos) != ':' || !s.startsWith(r.password, pos + 1)) {
                        return null;
                    }
                    pos += 1 + r.password.length();
                }
                if (pos >= n || s.charAt(pos) != '@') {
                    return null;
                }
                pos++;
            } else {
                usernameEnd = pos;
            }
            hostStart = pos;
            if (!s.startsWith(r.host, pos)) {
                return null;
            }
            pos += r.host.length();
            hostEnd = pos;
            if (r.port >= 0) {
                if (pos >= n || s.charAt(pos) != ':' || pos + 1 >= n || s.charAt(pos + 1) == '0' && r.port != 0) {
                    return null;
                }
                pos++;
                int value = 0;
                int digitsStart = pos;
                while (pos < n && pos - digitsStart < 5 && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    value = value * 10 + (s.charAt(pos) - '0');
                    pos++;
                }
                if (value != r.port || pos - digitsStart != digits(r.port)) {
                    return null;
                }
            }
        } else if (!r.opaquePath && r.path.length() > 1 && r.path.charAt(0) == '/' && r.path.charAt(1) == '/') {
            return null; // the serialization adds "/."
        }
        int pathStart = pos;
        StringBuilder path = r.path;
        int pathLength = path.length();
        if (pos + pathLength > n) {
            return null;
        }
        // The context's chars are the input itself here.
        char[] chars = context.chars();
        for (int i = 0; i < pathLength; i++) {
            if (path.charAt(i) != chars[pos + i]) {
                return null;
            }
        }
        pos += pathLength;
        int queryStart = -1;
        if (r.query != null) {
            if (pos >= n || s.charAt(pos) != '?' || !s.startsWith(r.query, pos + 1)) {
                return null;
            }
            queryStart = pos;
            pos += 1 + r.query.length();
        }
        int fragmentStart = -1;
        if (r.fragment != null) {
            if (pos >= n || s.charAt(pos) != '#' || !s.startsWith(r.fragment, pos + 1)) {
                return null;
            }
            fragmentStart = pos;
            pos += 1 + r.fragment.length();
        }
        if (pos != n) {
            return null;
        }
        return new Url(s, r.scheme, r.schemeType, usernameEnd, hostStart, hostEnd, r.port, pathStart, queryStart,
                fragmentStart, r.opaquePath);
    }

    /** Parses {@code relative} against this URL. */
    public Url resolve(String relative) {
        return parse(relative, this);
    }

    static void checkSize(String input) {
        if (input == null) {
            throw new UrlError("URL must not be null");
        }
        int n = input.length();
        if (n > MAX_INPUT_BYTES || (n > MAX_INPUT_BYTES / 3 && utf8Length(input) > MAX_INPUT_BYTES)) {
            throw new UrlError("URL is too large");
        }
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** Serializes a record into a new URL, using {@code out} as scratch. */
    static Url of(UrlRecord r, StringBuilder out) {
        out.setLength(0);
        out.append(r.scheme).append(':');
        int usernameEnd = -1;
        int hostStart = -1;
        int hostEnd = -1;
        if (r.host != null) {
            out.append("//");
            if (r.includesCredentials()) {
                out.append(r.username);
                usernameEnd = out.length();
                if (!r.password.isEmpty()) {
                    out.append(':').append(r.password);
                }
                out.append('@');
            } else {
                usernameEnd = out.length();
            }
            hostStart = out.length();
            out.append(r.host);
            hostEnd = out.length();
            if (r.port >= 0) {
                out.append(':').append(r.port);
            }
        } else if (!r.opaquePath && r.path.length() > 1 && r.path.charAt(0) == '/' && r.path.charAt(1) == '/') {
            out.append("/.");
        }
        int pathStart = out.length();
        out.append(r.path);
        int queryStart = -1;
        if (r.query != null) {
            queryStart = out.length();
            out.append('?').append(r.query);
        }
        int fragmentStart = -1;
        if (r.fragment != null) {
            fragmentStart = out.length();
            out.append('#').append(r.fragment);
        }
        return new Url(out.toString(), r.scheme, r.schemeType, usernameEnd, hostStart, hostEnd, r.port, pathStart,
                queryStart, fragmentStart, r.opaquePath);
    }

    /** Fills a fresh record with this URL's components (for setters and as a base). */
    void fill(UrlRecord r) {
        r.scheme = scheme;
        r.schemeType = schemeType;
        if (hostStart >= 0) {
            int userStart = scheme.length() + 3;
            r.username = href.substring(userStart, usernameEnd);
            int atSign = hostStart - 1;
            r.password = usernameEnd < atSign && href.charAt(usernameEnd) == ':' ? href.substring(usernameEnd + 1, atSign) : "";
            r.host = href.substring(hostStart, hostEnd);
        } else {
            r.username = "";
            r.password = "";
            r.host = null;
        }
        r.port = port;
        r.path.setLength(0);
        r.path.append(href, pathStart, pathEnd());
        r.opaquePath = opaquePath;
        r.query = queryStart >= 0 ? href.substring(queryStart + 1, fragmentStart >= 0 ? fragmentStart : href.length()) : null;
        r.fragment = fragmentStart >= 0 ? href.substring(fragmentStart + 1) : null;
    }

    private int pathEnd() {
        return queryStart >= 0 ? queryStart : fragmentStart >= 0 ? fragmentStart : href.length();
    }

    // ---- Sifr's helpers -----------------------------------------------------------------------

    /**
     * Builds {@code scheme://host[:port]path[?query]} from separate components, each validated as
     * exactly that component: a bad scheme fails with {@code invalid URL scheme}, a null or empty host
     * with {@code URL host is required} (for every scheme: a built URL always has an authority), a
     * host that is not one whole host ({@code evil.example#frag}, {@code user@example.com},
     * {@code example.com/path}) with {@code invalid URL host}, a port outside 0..65535 with
     * {@code URL port must be in 0..65535}.
     * An IPv6 host may be given without brackets ({@code ::1} becomes {@code [::1]}). The path and
     * query are percent-encoded as the WHATWG setters do; {@code path}, {@code query} and
     * {@code port} may be null.
     */
    public static Url build(String scheme, String host, String path, String query, Integer port) {
        return UrlHelpers.build(scheme, host, path, query, port);
    }

    /** UTF-8 percent-encodes everything except ASCII letters and digits, with uppercase hex. */
    public static String percentEncode(String text) {
        return UrlHelpers.percentEncode(text);
    }

    /** Percent-encodes bytes: ASCII letters and digits stay, every other byte becomes {@code %XX}. */
    public static String percentEncodeBytes(byte[] bytes) {
        return UrlHelpers.percentEncodeBytes(bytes);
    }

    /** Decodes {@code %XX} escapes and UTF-8; a bad escape fails with {@code invalid percent escape}. */
    public static String percentDecode(String text) {
        return UrlHelpers.percentDecode(text);
    }

    /** Decodes {@code %XX} escapes to bytes; a bad escape fails with {@code invalid percent escape}. */
    public static byte[] percentDecodeBytes(String text) {
        return UrlHelpers.percentDecodeBytes(text);
    }

    /** Removes {@code .} and {@code ..} segments (RFC 3986 remove_dot_segments): {@code /a/b/../c/./} → {@code /a/c/}. */
    public static String normalizePath(String path) {
        return UrlHelpers.normalizePath(path);
    }

    /**
     * Parses a form-urlencoded query (a leading {@code '?'} is dropped); a name or value whose
     * decoded bytes are not UTF-8 fails with {@code query component is not UTF-8}.
     */
    public static UrlQuery parseQuery(String query) {
        return UrlHelpers.parseQuery(query);
    }

    /** Serializes pairs as application/x-www-form-urlencoded ({@code a=1&b=two+words}). */
    public static String buildQuery(java.util.List<java.util.Map.Entry<String, String>> pairs) {
        return UrlHelpers.buildQuery(pairs);
    }

    // ---- WHATWG setters as withers -------------------------------------------------------------

    /** The WHATWG {@code protocol} setter: {@code withScheme("https")} or {@code withScheme("https:")}. */
    public Url withScheme(String scheme) {
        return UrlSetters.apply(this, UrlSetters.Kind.SCHEME, scheme);
    }

    /** The WHATWG {@code username} setter (percent-encodes; ignored for URLs without a real host and for file). */
    public Url withUsername(String username) {
        return UrlSetters.apply(this, UrlSetters.Kind.USERNAME, username);
    }

    /** The WHATWG {@code password} setter. */
    public Url withPassword(String password) {
        return UrlSetters.apply(this, UrlSetters.Kind.PASSWORD, password);
    }

    /** The WHATWG {@code host} setter: {@code host[:port]}. */
    public Url withHost(String hostAndPort) {
        return UrlSetters.apply(this, UrlSetters.Kind.HOST, hostAndPort);
    }

    /** The WHATWG {@code hostname} setter: the host alone. */
    public Url withHostname(String hostname) {
        return UrlSetters.apply(this, UrlSetters.Kind.HOSTNAME, hostname);
    }

    /** The WHATWG {@code port} setter: leading digits are taken, {@code ""} removes the port. */
    public Url withPort(String port) {
        return UrlSetters.apply(this, UrlSetters.Kind.PORT, port);
    }

    /** Typed port: 0..65535, else {@code URL port must be in 0..65535}. */
    public Url withPort(int port) {
        if (port < 0 || port > 65535) {
            throw new UrlError(UrlStates.INVALID_PORT);
        }
        return withPort(Integer.toString(port));
    }

    /** The WHATWG {@code pathname} setter (ignored for opaque paths). */
    public Url withPath(String path) {
        return UrlSetters.apply(this, UrlSetters.Kind.PATH, path);
    }

    /** The WHATWG {@code search} setter: a leading {@code '?'} is optional, {@code ""} removes the query. */
    public Url withQuery(String query) {
        return UrlSetters.apply(this, UrlSetters.Kind.QUERY, query);
    }

    /** The WHATWG {@code hash} setter: a leading {@code '#'} is optional, {@code ""} removes the fragment. */
    public Url withFragment(String fragment) {
        return UrlSetters.apply(this, UrlSetters.Kind.FRAGMENT, fragment);
    }

    // ---- getters ------------------------------------------------------------------------------

    /** The scheme, lowercase, without {@code ':'}. */
    public String scheme() {
        return scheme;
    }

    /** The percent-encoded username, or {@code ""}. */
    public String username() {
        return hostStart < 0 ? "" : href.substring(scheme.length() + 3, usernameEnd);
    }

    /** The percent-encoded password, or {@code ""}. */
    public String password() {
        if (hostStart < 0 || usernameEnd >= hostStart - 1 || href.charAt(usernameEnd) != ':') {
            return "";
        }
        return href.substring(usernameEnd + 1, hostStart - 1);
    }

    /** The host without port: a domain, IPv4 address, {@code [IPv6]}, opaque host, or {@code ""} if none. */
    public String host() {
        return hostStart < 0 ? "" : href.substring(hostStart, hostEnd);
    }

    /** True if the URL has a host (possibly the empty host, as in {@code file:///x}). */
    public boolean hasHost() {
        return hostStart >= 0;
    }

    /** The port, empty when there is none or it is the scheme's default. */
    public OptionalInt port() {
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The port, or the scheme's default port, or empty when the scheme has none. */
    public OptionalInt portOrDefault() {
        int p = port >= 0 ? port : Schemes.defaultPort(schemeType);
        return p < 0 ? OptionalInt.empty() : OptionalInt.of(p);
    }

    /** The path as serialized (the WHATWG {@code pathname}). */
    public String path() {
        return href.substring(pathStart, pathEnd());
    }

    /** True for URLs such as {@code mailto:x} whose path is one opaque string. */
    public boolean hasOpaquePath() {
        return opaquePath;
    }

    /** The query without {@code '?'}; empty when there is none. */
    public Optional<String> query() {
        if (queryStart < 0) {
            return Optional.empty();
        }
        return Optional.of(href.substring(queryStart + 1, fragmentStart >= 0 ? fragmentStart : href.length()));
    }

    /** The fragment without {@code '#'}; empty when there is none. */
    public Optional<String> fragment() {
        return fragmentStart < 0 ? Optional.empty() : Optional.of(href.substring(fragmentStart + 1));
    }

    /** The query as form-urlencoded pairs (WHATWG {@code searchParams}). */
    public UrlQuery queryParams() {
        return UrlQuery.parse(query().orElse(""));
    }

    /** {@code [userinfo@]host[:port]} as serialized, or {@code ""} when there is no host. */
    public String authority() {
        if (hostStart < 0) {
            return "";
        }
        return href.substring(scheme.length() + 3, port >= 0 ? hostEnd + 1 + digits(port) : hostEnd);
    }

    private static int digits(int n) {
        return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;
    }

    /** True for the special schemes http, https, ws, wss, ftp and file. */
    public boolean isSpecial() {
        return schemeType != Schemes.NOT_SPECIAL;
    }

    /** The serialization. */
    public String href() {
        return href;
    }

    /** The ASCII serialization of the origin: {@code scheme://host[:port]}, or {@code "null"} if opaque. */
    public String origin() {
        switch (schemeType) {
            case Schemes.HTTP, Schemes.HTTPS, Schemes.WS, Schemes.WSS, Schemes.FTP -> {
                return scheme + "://" + href.substring(hostStart, port >= 0 ? hostEnd + 1 + digits(port) : hostEnd);
            }
            default -> {
                if (scheme.equals("blob")) {
                    try {
                        Url inner = parse(path());
                        if (inner.schemeType == Schemes.HTTP || inner.schemeType == Schemes.HTTPS) {
                            return inner.origin();
                        }
                    } catch (UrlError e) {
                        return "null";
                    }
                }
                return "null";
            }
        }
    }

    @Override
    public String toString() {
        return href;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Url other && href.equals(other.href);
    }

    @Override
    public int hashCode() {
        return href.hashCode();
    }
}
