package sifr.http;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A cookie as a {@link CookieJar} stores it (RFC 6265 §5.3): what a {@code Set-Cookie} field set,
 * after the jar's rules (domain and path defaults, expiry from Max-Age or Expires).
 *
 * @param name the cookie's name (never empty)
 * @param value its value, exactly as received (quotes, spaces and commas kept: RFC 6265 §5.2)
 * @param domain the canonical (lower-case, ASCII) host or domain it is sent to
 * @param hostOnly true: sent only to exactly {@code domain}; false: also to its subdomains (it came with a Domain attribute)
 * @param path the path it is sent under ({@code /} and below, per RFC 6265 §5.1.4)
 * @param expires when it expires; empty for a session cookie (kept until the jar is cleared or closed)
 * @param secure sent only over secure schemes ({@code https}, {@code wss})
 * @param httpOnly stored; a client library is an HTTP API, so it is sent like any other cookie
 * @param sameSite the SameSite attribute as received (RFC 6265bis; empty when absent or not Strict, Lax or
 *     None); stored, not enforced: a client library has no "site for cookies" to compare against
 * @param created when it was first stored (kept when a later Set-Cookie replaces it)
 */
public record Cookie(String name, String value, String domain, boolean hostOnly, String path,
                     Optional<Instant> expires, boolean secure, boolean httpOnly, Optional<SetCookie.SameSite> sameSite,
                     Instant created) {

    public Cookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(sameSite, "sameSite");
        Objects.requireNonNull(created, "created");
    }

    /** Whether it outlives the session (it had Max-Age or Expires). */
    public boolean persistent() {
        return expires.isPresent();
    }

    /** {@code name=value}, as a {@code Cookie} request field carries it. */
    @Override
    public String toString() {
        return name + "=" + value;
    }
}
