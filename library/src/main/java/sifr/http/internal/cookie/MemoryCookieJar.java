package sifr.http.internal.cookie;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.Cookie;
import sifr.http.CookieJar;
import sifr.http.CookieJarOptions;
import sifr.url.Url;

/**
 * {@link CookieJar#inMemory}: the RFC 6265 §5.3 store and §5.4 retrieval, cookies grouped by their
 * domain so that a request looks at the buckets of its host and of the host's parent domains only
 * (a few map lookups, not a scan of the store). One lock guards everything; no call blocks under it.
 *
 * <p>Order: each cookie carries its creation sequence (kept when a Set-Cookie replaces it, as §5.3
 * step 11 keeps the creation time) for §5.4's "earlier creation first" when the clock cannot tell
 * them apart, and a use tick (stored or sent) for least-recently-used eviction.
 */
public final class MemoryCookieJar implements CookieJar {
    /** RFC 6265bis §5.5: no cookie lives longer than 400 days. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(400);

    private final CookieJarOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, LinkedHashMap<Key, Entry>> byDomain = new HashMap<>();
    private int count;
    private int secureCount;
    private long sequence;
    private long tick;

    private record Key(String name, String path) {
    }

    private static final class Entry {
        final Cookie cookie;
        final Instant expiry;
        final long seq;
        long lastUse;

        Entry(Cookie cookie, long seq) {
            this.cookie = cookie;
            this.expiry = cookie.expires().orElse(null);
            this.seq = seq;
        }

        boolean expired(Instant now) {
            return expiry != null && !expiry.isAfter(now);
        }
    }

    public MemoryCookieJar(CookieJarOptions options) {
        this.options = options;
    }

    @Override
    public boolean store(Url requestUrl, String setCookie) {
        Optional<LenientSetCookie> parsed = LenientSetCookie.parse(setCookie);
        String host = CookieMatching.host(requestUrl);
        if (parsed.isEmpty() || host.isEmpty()) {
            return false;
        }
        LenientSetCookie p = parsed.get();
        Instant now = options.clock().instant();
        boolean secureOrigin = CookieMatching.isSecure(requestUrl);
        // §5.3 step 3: Max-Age wins over Expires; capped at 400 days (6265bis)
        Instant expiry = null;
        Instant latest = now.plus(MAX_LIFETIME);
        if (p.maxAge() != null) {
            expiry = p.maxAge() <= 0 ? Instant.MIN : now.plusSeconds(Math.min(p.maxAge(), MAX_LIFETIME.toSeconds()));
        } else if (p.expires() != null) {
            expiry = p.expires().isAfter(latest) ? latest : p.expires();
        }
        // §5.3 steps 4-6: the Domain attribute, the public-suffix stand-in, the host-only rule
        String domain = p.domain() == null ? "" : p.domain();
        if (!isAscii(domain)) {
            return false;
        }
        if (!domain.isEmpty() && CookieMatching.isPublicSuffix(domain)) {
            if (!domain.equals(host)) {
                return false;
            }
            domain = "";
        }
        boolean hostOnly = domain.isEmpty();
        if (hostOnly) {
            domain = host;
        } else if (!CookieMatching.domainMatches(host, domain)) {
            return false;
        }
        String path = p.path() != null ? p.path() : CookieMatching.defaultPath(requestUrl);
        if (!prefixAndSecureRulesAllow(p, secureOrigin, hostOnly, path)) {
            return false;
        }
        lock.lock();
        try {
            if (!secureOrigin && secureCount > 0 && shadowsASecureCookie(p.name(), domain, path)) {
                return false;
            }
            LinkedHashMap<Key, Entry> bucket = byDomain.computeIfAbsent(domain, d -> new LinkedHashMap<>());
            Key key = new Key(p.name(), path);
            Entry old = bucket.remove(key);
            if (old != null) {
                forget(old);
            }
            if (expiry != null && !expiry.isAfter(now)) {
                // an expiry in the past deletes (the old cookie is gone, the new one is not kept)
                dropIfEmpty(domain, bucket);
                return old != null;
            }
            Cookie cookie = new Cookie(p.name(), p.value(), domain, hostOnly, path, Optional.ofNullable(expiry),
                    p.secure(), p.httpOnly(), p.sameSite(), old != null ? old.cookie.created() : now);
            Entry entry = new Entry(cookie, old != null ? old.seq : ++sequence);
            entry.lastUse = ++tick;
            bucket.put(key, entry);
            count++;
            if (cookie.secure()) {
                secureCount++;
            }
            enforceLimits(bucket, now);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Cookie> cookiesFor(Url requestUrl) {
        String host = CookieMatching.host(requestUrl);
        if (host.isEmpty()) {
            return List.of();
        }
        String path = CookieMatching.requestPath(requestUrl);
        boolean secure = CookieMatching.isSecure(requestUrl);
        Instant now = options.clock().instant();
        List<Entry> found = new ArrayList<>();
        lock.lock();
        try {
            collect(host, host, path, secure, now, found);
            if (!CookieMatching.isIpAddress(host)) {
                for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
                    collect(host.substring(dot + 1), host, path, secure, now, found);
                }
            }
            // §5.4 step 2: longer paths first, then earlier creation first
            found.sort(Comparator.<Entry>comparingInt(e -> -e.cookie.path().length()).thenComparingLong(e -> e.seq));
            List<Cookie> out = new ArrayList<>(found.size());
            for (Entry e : found) {
                e.lastUse = ++tick;
                out.add(e.cookie);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Cookie> cookies() {
        Instant now = options.clock().instant();
        List<Entry> all = new ArrayList<>();
        lock.lock();
        try {
            for (Iterator<LinkedHashMap<Key, Entry>> buckets = byDomain.values().iterator(); buckets.hasNext(); ) {
                LinkedHashMap<Key, Entry> bucket = buckets.next();
                removeExpired(bucket, now);
                if (bucket.isEmpty()) {
                    buckets.remove();
                }
                all.addAll(bucket.values());
            }
        } finally {
            lock.unlock();
        }
        all.sort(Comparator.comparingLong(e -> e.seq));
        List<Cookie> out = new ArrayList<>(all.size());
        for (Entry e : all) {
            out.add(e.cookie);
        }
        return out;
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            byDomain.clear();
            count = 0;
            secureCount = 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "CookieJar[" + count + " cookies]";
        } finally {
            lock.unlock();
        }
    }

    /** RFC 6265bis: Secure only from secure origins; {@code __Secure-} needs Secure; {@code __Host-} also host-only and path "/". */
    private static boolean prefixAndSecureRulesAllow(LenientSetCookie p, boolean secureOrigin, boolean hostOnly, String path) {
        if (p.secure() && !secureOrigin) {
            return false;
        }
        String name = p.name();
        if (name.regionMatches(true, 0, "__Secure-", 0, 9) && !p.secure()) {
            return false;
        }
        return !name.regionMatches(true, 0, "__Host-", 0, 7) || (p.secure() && hostOnly && path.equals("/"));
    }

    /**
     * RFC 6265bis §5.7 step 16 ("leave secure cookies alone"): from a non-secure origin, no cookie may
     * replace or shadow a Secure one of the same name whose domain matches either way and whose path the
     * new path falls under. Scans the store; only runs while some Secure cookie exists.
     */
    private boolean shadowsASecureCookie(String name, String domain, String path) {
        for (Map.Entry<String, LinkedHashMap<Key, Entry>> bucket : byDomain.entrySet()) {
            String d = bucket.getKey();
            if (!CookieMatching.domainMatches(d, domain) && !CookieMatching.domainMatches(domain, d)) {
                continue;
            }
            for (Entry e : bucket.getValue().values()) {
                if (e.cookie.secure() && e.cookie.name().equals(name) && CookieMatching.pathMatches(path, e.cookie.path())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void collect(String domain, String host, String path, boolean secure, Instant now, List<Entry> out) {
        LinkedHashMap<Key, Entry> bucket = byDomain.get(domain);
        if (bucket == null) {
            return;
        }
        for (Iterator<Entry> it = bucket.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.expired(now)) {
                it.remove();
                forget(e);
                continue;
            }
            Cookie c = e.cookie;
            if ((c.hostOnly() && !c.domain().equals(host)) || !CookieMatching.pathMatches(path, c.path())
                    || (c.secure() && !secure)) {
                continue;
            }
            out.add(e);
        }
        dropIfEmpty(domain, bucket);
    }

    /** After a store: expired cookies go first, then the domain's and the store's least recently used. */
    private void enforceLimits(LinkedHashMap<Key, Entry> bucket, Instant now) {
        if (bucket.size() > options.maxCookiesPerDomain()) {
            removeExpired(bucket, now);
        }
        while (bucket.size() > options.maxCookiesPerDomain()) {
            Entry lru = null;
            for (Entry e : bucket.values()) {
                if (lru == null || e.lastUse < lru.lastUse) {
                    lru = e;
                }
            }
            bucket.remove(new Key(lru.cookie.name(), lru.cookie.path()));
            forget(lru);
        }
        if (count > options.maxCookies()) {
            for (Iterator<LinkedHashMap<Key, Entry>> buckets = byDomain.values().iterator(); buckets.hasNext(); ) {
                LinkedHashMap<Key, Entry> b = buckets.next();
                removeExpired(b, now);
                if (b.isEmpty()) {
                    buckets.remove();
                }
            }
        }
        while (count > options.maxCookies()) {
            Entry lru = null;
            for (LinkedHashMap<Key, Entry> b : byDomain.values()) {
                for (Entry e : b.values()) {
                    if (lru == null || e.lastUse < lru.lastUse) {
                        lru = e;
                    }
                }
            }
            LinkedHashMap<Key, Entry> b = byDomain.get(lru.cookie.domain());
            b.remove(new Key(lru.cookie.name(), lru.cookie.path()));
            forget(lru);
            dropIfEmpty(lru.cookie.domain(), b);
        }
    }

    private void removeExpired(LinkedHashMap<Key, Entry> bucket, Instant now) {
        for (Iterator<Entry> it = bucket.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.expired(now)) {
                it.remove();
                forget(e);
            }
        }
    }

    private void forget(Entry e) {
        count--;
        if (e.cookie.secure()) {
            secureCount--;
        }
    }

    private void dropIfEmpty(String domain, LinkedHashMap<Key, Entry> bucket) {
        if (bucket.isEmpty()) {
            byDomain.remove(domain);
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
