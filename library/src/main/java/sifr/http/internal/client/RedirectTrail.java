package sifr.http.internal.client;

import java.util.HashSet;
import java.util.Set;
import sifr.http.HttpError;
import sifr.http.Method;
import sifr.url.Url;

/**
 * The redirects one call has followed: at most {@link #MAX_REDIRECTS} (RFC 9110 §15.4 leaves the
 * limit to the client; 20 as browsers, curl and OkHttp use), and none to a request already sent in
 * this call, which would loop. A request is the method, the URL without its fragment and the
 * {@code Cookie} field: a login flow that returns to a page once a cookie is set is no loop.
 */
public final class RedirectTrail {
    /** Redirects one call follows before failing. */
    public static final int MAX_REDIRECTS = 20;

    private final Method firstMethod;
    private final Url firstUrl;
    private final String firstCookie;
    private Set<String> seen; // made at the first redirect: most calls follow none
    private int followed;

    /** Records the first request of the call. */
    public RedirectTrail(Method method, Url url, String cookie) {
        this.firstMethod = method;
        this.firstUrl = url;
        this.firstCookie = cookie;
    }

    /**
     * Records a redirect about to be followed.
     *
     * @throws HttpError {@code too many redirects (more than 20)} or {@code redirect loop: METHOD URL
     *     was already requested}
     */
    public void follow(Method method, Url url, String cookie) throws HttpError {
        if (++followed > MAX_REDIRECTS) {
            throw new HttpError("too many redirects (more than " + MAX_REDIRECTS + "), the last to " + withoutFragment(url));
        }
        if (seen == null) {
            seen = new HashSet<>();
            seen.add(key(firstMethod, firstUrl, firstCookie));
        }
        if (!seen.add(key(method, url, cookie))) {
            throw new HttpError("redirect loop: " + method + " " + withoutFragment(url) + " was already requested");
        }
    }

    /** Redirects followed so far. */
    public int count() {
        return followed;
    }

    private static String key(Method method, Url url, String cookie) {
        return method + " " + withoutFragment(url) + " " + (cookie == null ? "" : cookie);
    }

    private static String withoutFragment(Url url) {
        String href = url.href();
        int hash = href.indexOf('#');
        return hash < 0 ? href : href.substring(0, hash);
    }
}
