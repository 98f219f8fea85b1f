package sifr.url;

import sifr.url.internal.HostParser;
import sifr.url.internal.PercentEncoding;
import sifr.url.internal.Schemes;

/**
 * The common case of {@link Url#parse} without the state machine: an absolute {@code http},
 * {@code https}, {@code ws}, {@code wss} or {@code ftp} URL written the way it serializes, as
 * most real-world URLs are. One scan over the input string checks every char against a table and
 * records the component offsets; the input itself becomes {@code href}, so nothing is copied or
 * buffered. Three simple normalizations are done on the way, each costing one new string of exactly
 * the output's length: uppercase letters in scheme and host are lowercased, a default port is
 * dropped, and an empty path becomes {@code "/"}.
 *
 * <p>The scan gives up (returns null, and the full WHATWG parser runs) on anything else the URL
 * Standard would change or check more closely: leading or trailing spaces and controls, tabs and
 * newlines, credentials, a host that is not ASCII letters, digits and plain punctuation or whose
 * last label starts with a digit (IPv4 rules), an IPv6 literal, an empty or zero-padded port, a
 * backslash, a dot segment, and any char that would be percent-encoded. What it accepts it accepts exactly as the full parser would, which a
 * differential test checks ({@code UrlFastPathTest}).
 */
final class UrlFastPath {
    private static final int HOST = 1;     // plain domain char: no decoding, mapping or check needed
    private static final int PATH = 2;     // path char kept as it is (not '/', '\\', '?', '#')
    private static final int QUERY = 4;    // special-query char kept as it is (not '#')
    private static final int FRAGMENT = 8; // fragment char kept as it is
    private static final int UPPER = 16;   // ASCII uppercase letter: lowercased in scheme and host

    private static final byte[] CLASSES = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            int bits = 0;
            if (HostParser.isPlainDomainChar(c)) {
                bits |= HOST;
            }
            if (PercentEncoding.isPlainPathChar(c)) {
                bits |= PATH;
            }
            if (!PercentEncoding.inSet(c, PercentEncoding.SPECIAL_QUERY) && c != '#') {
                bits |= QUERY;
            }
            if (!PercentEncoding.inSet(c, PercentEncoding.FRAGMENT)) {
                bits |= FRAGMENT;
            }
            if (c >= 'A' && c <= 'Z') {
                bits |= UPPER;
            }
            CLASSES[c] = (byte) bits;
        }
    }

    private UrlFastPath() {
    }

    private static boolean is(char c, int kind) {
        return c < 128 && (CLASSES[c] & kind) != 0;
    }

    /** The parsed URL, or null when the input needs the full parser. */
    static Url tryParse(String s) {
        int n = s.length();
        if (n < 6) {
            return null;
        }
        int type;
        int p;
        boolean schemeUpper = false;
        char c0 = s.charAt(0);
        if (c0 == 'h' && s.startsWith("ttp", 1)) { // the usual lowercase http(s): no case folding
            char c4 = s.charAt(4);
            if (c4 == ':') {
                type = Schemes.HTTP;
                p = 5;
            } else if (c4 == 's' && s.charAt(5) == ':') {
                type = Schemes.HTTPS;
                p = 6;
            } else {
                return null;
            }
        } else {
            int colon = s.indexOf(':', 2);
            if (colon < 0 || colon > 5) {
                return null;
            }
            type = Schemes.NOT_SPECIAL;
            for (int t = Schemes.HTTP; t <= Schemes.FTP; t++) { // not FILE: its hosts and paths differ
                String name = Schemes.name(t, "");
                if (name.length() == colon && s.regionMatches(true, 0, name, 0, colon)) {
                    type = t;
                }
            }
            if (type == Schemes.NOT_SPECIAL) {
                return null;
            }
            p = colon + 1;
            schemeUpper = hasUppercase(s, colon);
        }
        if (p + 2 >= n || s.charAt(p) != '/' || s.charAt(p + 1) != '/') {
            return null;
        }
        p += 2;

        // Host: plain domain chars; remember where the last two labels start for the IPv4 rule.
        int hostStart = p;
        int lastLabel = p;
        int previousLabel = p;
        int upper = 0;
        char c = 0;
        while (p < n) {
            c = s.charAt(p);
            int kind = c < 128 ? CLASSES[c] : 0;
            if ((kind & (HOST | UPPER)) == 0) {
                break;
            }
            upper |= kind;
            if (c == '.') {
                previousLabel = lastLabel;
                lastLabel = p + 1;
            }
            p++;
        }
        int hostEnd = p;
        if (hostEnd == hostStart) {
            return null;
        }
        int numberEnd = hostEnd;
        if (lastLabel == hostEnd && hostEnd - hostStart > 1) { // a trailing dot: look at the label before it
            numberEnd = hostEnd - 1;
            lastLabel = previousLabel;
        }
        if (lastLabel < numberEnd && s.charAt(lastLabel) >= '0' && s.charAt(lastLabel) <= '9') {
            return null; // may be an IPv4 address
        }

        int port = -1;
        boolean defaultPort = false;
        if (p < n && c == ':') {
            int digitsStart = ++p;
            int value = 0;
            while (p < n && (c = s.charAt(p)) >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++p - digitsStart > 5) {
                    return null;
                }
            }
            int digits = p - digitsStart;
            if (digits == 0 || (digits > 1 && s.charAt(digitsStart) == '0') || value > 65535) {
                return null; // serialized differently from how it is written
            }
            defaultPort = value == Schemes.defaultPort(type);
            port = defaultPort ? -1 : value;
        }
        if (p < n && c != '/' && c != '?' && c != '#') {
            return null; // credentials, escaped or non-ASCII host, backslash, bad port ...
        }

        int pathStart = p;
        boolean addSlash = p == n || c != '/';
        while (p < n && c == '/') {
            p++;
            if (p < n && (s.charAt(p) == '.' || s.charAt(p) == '%') && mayBeDotSegment(s, p, n)) {
                return null;
            }
            while (p < n && is(c = s.charAt(p), PATH)) {
                p++;
            }
            if (p < n && c != '/' && c != '?' && c != '#') {
                return null;
            }
        }

        int queryStart = -1;
        if (p < n && c == '?') {
            queryStart = p++;
            while (p < n && is(c = s.charAt(p), QUERY)) {
                p++;
            }
            if (p < n && c != '#') {
                return null;
            }
        }
        int fragmentStart = -1;
        if (p < n) { // c == '#'
            fragmentStart = p++;
            while (p < n) {
                if (!is(s.charAt(p), FRAGMENT)) {
                    return null;
                }
                p++;
            }
        }

        boolean lowercase = (upper & UPPER) != 0 || schemeUpper;
        if (!lowercase && !defaultPort && !addSlash) {
            return new Url(s, Schemes.name(type, ""), type, hostStart, hostStart, hostEnd, port, pathStart, queryStart,
                    fragmentStart, false);
        }
        // Normalize into a new string: lowercase scheme and host, no default port, "/" for no path.
        StringBuilder out = new StringBuilder(n + 1);
        if (lowercase) {
            for (int i = 0; i < hostEnd; i++) {
                char ch = s.charAt(i);
                out.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch);
            }
        } else {
            out.append(s, 0, hostEnd);
        }
        if (!defaultPort) {
            out.append(s, hostEnd, pathStart);
        }
        int newPathStart = out.length();
        if (addSlash) { // a special URL's empty path serializes as "/"
            out.append('/');
        }
        out.append(s, pathStart, n);
        int shift = out.length() - n;
        return new Url(out.toString(), Schemes.name(type, ""), type, hostStart, hostStart, hostEnd, port, newPathStart,
                queryStart < 0 ? -1 : queryStart + shift, fragmentStart < 0 ? -1 : fragmentStart + shift, false);
    }

    /** True if the scheme, {@code s[0, end)}, has an uppercase letter. */
    private static boolean hasUppercase(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return true;
            }
        }
        return false;
    }

    /**
     * True if the path segment at {@code p} is short and made only of chars that spell {@code .},
     * {@code ..} and their {@code %2e} forms: such a segment is left to the full parser.
     */
    private static boolean mayBeDotSegment(String s, int p, int n) {
        int limit = Math.min(n, p + 7);
        for (int i = p; i < limit; i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return true;
            }
            if (c != '.' && c != '%' && c != '2' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return limit == n;
    }
}
