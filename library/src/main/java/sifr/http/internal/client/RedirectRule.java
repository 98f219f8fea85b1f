package sifr.http.internal.client;

import java.util.Optional;
import sifr.http.HeaderMap;
import sifr.http.Method;
import sifr.http.Redirects;
import sifr.url.Url;

/**
 * Whether and where a redirect goes (RFC 9110 §15.4), as a pure function of the request and the
 * response: which statuses are followed, the method and body rules, which fields cross origins.
 * The count limit and loop detection live in {@link RedirectTrail}.
 */
public final class RedirectRule {
    /** Fields that describe a request body: dropped with the body when the method becomes GET (§15.4). */
    private static final String[] BODY_FIELDS = {"content-type", "content-length", "content-encoding",
        "content-language", "content-location", "transfer-encoding", "digest", "last-modified"};
    /** Credentials bound to the origin they were given for: never sent to another (scheme, host or port). */
    private static final String[] ORIGIN_BOUND_FIELDS = {"authorization", "cookie", "proxy-authorization", "host"};

    private RedirectRule() {
    }

    /**
     * The next request of a redirect.
     *
     * @param url where it goes (a fragment inherited from the request when the Location has none, §10.2.2)
     * @param method its method
     * @param keepsBody true when the request body goes again (307, 308 with the method kept)
     * @param headers the request fields to send, body and origin-bound fields dropped as the rules say
     */
    public record Step(Url url, Method method, boolean keepsBody, HeaderMap headers) {
    }

    /**
     * The redirect to follow, or empty when the response is to be returned as it is: not a redirect
     * status, no or unusable {@code Location}, a scheme other than http/https, https→http under
     * {@link Redirects#NORMAL}, or a 307/308 whose body cannot be sent again.
     *
     * @param hasBody whether the request had a body (a known length 0 counts as none)
     * @param bodyReplayable whether that body can be sent again
     */
    public static Optional<Step> next(Redirects policy, Url current, Method method, HeaderMap headers, int status,
            Optional<String> location, boolean hasBody, boolean bodyReplayable) {
        if (policy == Redirects.NEVER || location.isEmpty()
                || !(status == 301 || status == 302 || status == 303 || status == 307 || status == 308)) {
            return Optional.empty();
        }
        Url target;
        try {
            target = current.resolve(location.get().strip());
        } catch (IllegalArgumentException e) { // UrlError included
            return Optional.empty(); // a Location we cannot read: the caller gets the 3xx itself
        }
        if (!target.scheme().equals("http") && !target.scheme().equals("https") || target.host().isEmpty()) {
            return Optional.empty();
        }
        if (policy == Redirects.NORMAL && current.scheme().equals("https") && target.scheme().equals("http")) {
            return Optional.empty();
        }
        if (!target.username().isEmpty() || !target.password().isEmpty()) {
            // credentials in a Location are not ours to send (nor to show in errors and events)
            target = target.withUsername("").withPassword("");
        }
        if (target.fragment().isEmpty() && current.fragment().isPresent()) {
            target = target.withFragment(current.fragment().get());
        }
        boolean toGet = (status == 303 && !method.equals(Method.HEAD))
                || ((status == 301 || status == 302) && method.equals(Method.POST));
        Method next = toGet ? Method.GET : method;
        boolean keepsBody = !toGet && hasBody;
        if (keepsBody && !bodyReplayable) {
            return Optional.empty(); // 307/308 must resend the body, and it has been read
        }
        HeaderMap.Builder fields = headers.toBuilder();
        if (toGet) {
            for (String name : BODY_FIELDS) {
                fields.remove(name);
            }
        }
        if (!sameOrigin(current, target)) {
            for (String name : ORIGIN_BOUND_FIELDS) {
                fields.remove(name);
            }
        }
        return Optional.of(new Step(target, next, keepsBody, fields.build()));
    }

    /** Same scheme, host and port (RFC 6454), the scheme's default port filled in. */
    static boolean sameOrigin(Url a, Url b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host())
                && a.portOrDefault().equals(b.portOrDefault());
    }
}
