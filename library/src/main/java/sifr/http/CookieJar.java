package sifr.http;

import java.util.List;
import java.util.Optional;
import sifr.http.internal.cookie.MemoryCookieJar;
import sifr.url.Url;

/**
 * Cookies a client keeps between requests, by the RFC 6265 storage model: {@code Set-Cookie} fields
 * are parsed leniently as user agents do (§5.2, dates by §5.1.1), stored with their domain (host-only
 * unless a Domain attribute widened it, §5.3), path, expiry (Max-Age before Expires) and flags, and
 * sent back in a {@code Cookie} field to requests whose host domain-matches, whose path path-matches
 * and, for Secure cookies, whose scheme is secure (§5.4), longest paths first, then oldest first.
 * Opt-in: a client has no jar unless given one. Thread-safe.
 *
 * <p>From RFC 6265bis the in-memory jar also takes: Secure cookies (and {@code __Secure-} /
 * {@code __Host-} names) only from secure origins, and a plain-http response cannot overwrite a
 * Secure cookie; cookies whose name and value exceed 4096 bytes, and attribute values over 1024, are
 * ignored; fields with control characters are ignored; expiry is capped at 400 days; SameSite is
 * stored, not enforced (there is no "site for cookies" in a client library).
 *
 * <p><b>No public-suffix list</b> (the library has no dependencies and ships no data): a Domain
 * attribute of a single label ({@code com}, {@code localhost}) is treated as a public suffix and the
 * cookie is refused (or made host-only when the host is exactly that name, as §5.3 step 5 says), but
 * a multi-label suffix such as {@code co.uk} or {@code github.io} is not recognised: {@code a.example.co.uk}
 * may set a cookie for {@code co.uk}, and the jar would send it to every {@code *.co.uk} host. Use one
 * jar per site you trust when that matters.
 */
public interface CookieJar {

    /** An empty in-memory jar with {@link CookieJarOptions#defaults()}. */
    static CookieJar inMemory() {
        return new MemoryCookieJar(CookieJarOptions.defaults());
    }

    /** An empty in-memory jar with these limits and clock. */
    static CookieJar inMemory(CookieJarOptions options) {
        return new MemoryCookieJar(options);
    }

    /**
     * Stores the cookie one {@code Set-Cookie} field value sets, as received in a response to
     * {@code requestUrl}; a malformed or refused value is ignored, as §5.2 says (no error).
     *
     * @return whether a cookie was stored, replaced or (by an expiry in the past) deleted
     */
    boolean store(Url requestUrl, String setCookie);

    /** Stores every {@code Set-Cookie} field of a response to {@code requestUrl}, in order. */
    default void receive(Url requestUrl, HeaderMap responseHeaders) {
        for (String field : responseHeaders.getAll("set-cookie")) {
            store(requestUrl, field);
        }
    }

    /** The cookies to send to {@code requestUrl}, in §5.4 order; marks them used (for eviction). */
    List<Cookie> cookiesFor(Url requestUrl);

    /**
     * The {@code Cookie} field value for {@code requestUrl} ({@code a=1; b=2}), empty when no cookie
     * applies. It stays within 64 KiB, the most a field may hold: cookies that would not fit are left
     * out (the last in §5.4 order first).
     */
    default Optional<String> cookieHeader(Url requestUrl) {
        StringBuilder sb = new StringBuilder();
        for (Cookie c : cookiesFor(requestUrl)) {
            int added = (sb.isEmpty() ? 0 : 2) + c.name().length() + 1 + c.value().length();
            if (sb.length() + added > Cookies.MAX_HEADER) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(c.name()).append('=').append(c.value());
        }
        return sb.isEmpty() ? Optional.empty() : Optional.of(sb.toString());
    }

    /** Every stored cookie that has not expired, oldest first. */
    List<Cookie> cookies();

    /** Removes every cookie. */
    void clear();
}
