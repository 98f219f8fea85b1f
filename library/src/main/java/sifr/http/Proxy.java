package sifr.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import sifr.url.Url;
import sifr.url.UrlError;

/**
 * An HTTP proxy the client talks through: {@code Proxy.http("127.0.0.1", 3128)}, optionally with
 * credentials for {@code Proxy-Authorization: Basic} (RFC 7617, UTF-8). {@code https} requests go
 * through a {@code CONNECT host:port} tunnel (RFC 9110 §9.3.6) and then TLS with the origin, verified
 * as without a proxy (the proxy sees only the host name and encrypted bytes); {@code http} requests go
 * to the proxy with the absolute URL as their target (RFC 9112 §3.2.2). Immutable; {@link #toString()}
 * never shows the password.
 */
public final class Proxy {
    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private Proxy(String host, int port, String username, String password) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /**
     * A proxy at {@code host} (a name, an IPv4 literal or an IPv6 literal with or without brackets)
     * and {@code port}, without credentials.
     *
     * @throws IllegalArgumentException {@code proxy host must not be empty}, {@code invalid proxy host: ...}
     *     (spaces, control characters, {@code /}, {@code @}) or {@code proxy port must be 1..65535}
     */
    public static Proxy http(String host, int port) {
        Objects.requireNonNull(host, "host");
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.isEmpty()) {
            throw new IllegalArgumentException("proxy host must not be empty");
        }
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '/' || c == '@' || c == '[' || c == ']' || c == '?' || c == '#') {
                throw new IllegalArgumentException("invalid proxy host: " + host);
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 1..65535");
        }
        return new Proxy(bare, port, null, null);
    }

    /**
     * A proxy from a URL such as {@code http://proxy.example:3128} or
     * {@code http://user:secret@127.0.0.1:8888} (percent-encoded user info is decoded), as
     * {@code curl -x} and {@code http_proxy} take it; without a scheme, {@code http://} is assumed.
     * The port defaults to 1080 when absent, as curl's does.
     *
     * @throws IllegalArgumentException {@code proxy URL must be http://host:port: ...} for another scheme,
     *     a path, query or fragment, or a URL that does not parse
     */
    public static Proxy parse(String url) {
        Objects.requireNonNull(url, "url");
        String withScheme = url.contains("://") ? url : "http://" + url;
        Url u;
        try {
            u = Url.parse(withScheme);
        } catch (UrlError e) {
            throw new IllegalArgumentException("proxy URL must be http://host:port: " + redact(url), e);
        }
        if (!u.scheme().equals("http") || !(u.path().isEmpty() || u.path().equals("/")) || u.query().isPresent()
                || u.fragment().isPresent() || u.host().isEmpty()) {
            throw new IllegalArgumentException("proxy URL must be http://host:port: " + redact(url));
        }
        // WHATWG URL parsing drops the scheme's default port (80): an explicit :80 arrives as "no port"
        int port = u.port().orElse(withScheme.matches("(?i)http://([^/@]*@)?[^/]*:80/?") ? 80 : 1080);
        Proxy proxy = http(u.host(), port);
        if (!u.username().isEmpty() || !u.password().isEmpty()) {
            proxy = proxy.withBasicAuth(percentDecode(u.username()), percentDecode(u.password()));
        }
        return proxy;
    }

    /**
     * This proxy with credentials sent as {@code Proxy-Authorization: Basic base64(user:password)} on
     * every CONNECT and every request through it.
     *
     * @throws IllegalArgumentException {@code proxy user name must not contain ':'} (RFC 7617 §2) or
     *     {@code proxy credentials must not contain control characters}
     */
    public Proxy withBasicAuth(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("proxy user name must not contain ':'");
        }
        if (hasControl(username) || hasControl(password)) {
            throw new IllegalArgumentException("proxy credentials must not contain control characters");
        }
        return new Proxy(host, port, username, password);
    }

    /** The host, IPv6 literals without brackets. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The user name of the credentials, if any. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public boolean hasCredentials() {
        return username != null;
    }

    /** The {@code Proxy-Authorization} field value ({@code Basic ...}) when there are credentials. */
    public Optional<String> authorization() {
        if (username == null) {
            return Optional.empty();
        }
        byte[] pair = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair));
    }

    /** {@code host:port}, IPv6 literals in brackets: what a connection to the proxy names. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Proxy p && host.equalsIgnoreCase(p.host) && port == p.port
                && Objects.equals(username, p.username) && Objects.equals(password, p.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host.toLowerCase(java.util.Locale.ROOT), port, username);
    }

    /** {@code http://host:port}, with {@code user:***@} when there are credentials. */
    @Override
    public String toString() {
        return "http://" + (username == null ? "" : username + ":***@") + authority();
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The URL for an error message, its user info (a password, perhaps) replaced. */
    private static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
