package sifr.http.internal.cookie;

import sifr.url.Url;

/** RFC 6265 §5.1.2–§5.1.4: canonical hosts, domain matching, default paths and path matching. */
public final class CookieMatching {
    private CookieMatching() {
    }

    /** The canonicalized host (§5.1.2): the URL's host, already lower-case ASCII (IDNA applied), IPv6 in brackets. */
    public static String host(Url url) {
        return url.host();
    }

    /** Whether the host is an IP address literal (then only identical domains match). */
    public static boolean isIpAddress(String host) {
        if (host.startsWith("[")) {
            return true;
        }
        // the URL parser turns every IPv4 spelling into dotted decimal, so digits and dots mean an address
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** §5.1.3: identical, or {@code domain} a suffix of {@code host} right after a '.', and the host a name. */
    public static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.length() > domain.length() && host.endsWith(domain)
                && host.charAt(host.length() - domain.length() - 1) == '.' && !isIpAddress(host);
    }

    /** §5.1.4: the directory of the request path: "/" unless the path has a second '/'; then up to the last one. */
    public static String defaultPath(Url url) {
        String path = url.path();
        if (path.isEmpty() || path.charAt(0) != '/') {
            return "/";
        }
        int last = path.lastIndexOf('/');
        return last == 0 ? "/" : path.substring(0, last);
    }

    /** §5.1.4: identical, or a prefix ending in '/', or a prefix followed by '/' in the request path. */
    public static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        if (!requestPath.startsWith(cookiePath)) {
            return false;
        }
        return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/';
    }

    /** The request path to match cookies against: the URL's path ("/" when empty). */
    public static String requestPath(Url url) {
        return url.path().isEmpty() ? "/" : url.path();
    }

    /** Secure schemes for the Secure attribute: https and wss. */
    public static boolean isSecure(Url url) {
        return url.scheme().equals("https") || url.scheme().equals("wss");
    }

    /**
     * The public-suffix stand-in (no list ships with the library): a single label, no dot in it
     * ({@code com}, {@code org}, {@code localhost}). Multi-label suffixes ({@code co.uk}) are not known.
     */
    public static boolean isPublicSuffix(String domain) {
        return domain.indexOf('.') < 0 && !isIpAddress(domain);
    }
}
