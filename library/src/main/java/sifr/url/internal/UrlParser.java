package sifr.url.internal;

import static sifr.url.internal.Chars.isAlpha;
import static sifr.url.internal.Chars.isAlphanumeric;
import static sifr.url.internal.Chars.isDigit;
import static sifr.url.internal.UrlStates.*;

/**
 * The URL Standard's basic URL parser: one pass over a char array, with the standard's states.
 * Runs of ordinary characters (authority, host, port, path segments, query, fragment) are scanned
 * in bulk instead of one state-machine step per character; the observable result is the same.
 * Returns null on success or the failure message; with a state override (the setters) a "return"
 * without failure leaves the record as the standard does.
 */
public final class UrlParser {
    private static final int EOF = -1;

    private char[] in;
    private String source;
    private int sourceOffset;
    private int end;
    private UrlRecord url;
    private UrlRecord base;
    private int override;
    /** Scratch for percent-encoded components; made on first use (most inputs need none). */
    private StringBuilder buffer;

    /** True if the scratch this parser keeps holds at most {@code chars}. */
    boolean isSmall(int chars) {
        return buffer == null || buffer.capacity() <= chars;
    }
    /** Start in url.path of the path segment being built, or -1 when none is open. */
    private int segmentStart;

    /**
     * Parses {@code input[0, length)} into {@code url}. {@code input} must already have had
     * leading/trailing C0 controls and spaces (when not a setter) and tabs/newlines removed.
     */
    public String parse(char[] input, int length, UrlRecord target, UrlRecord baseUrl, int stateOverride) {
        return parse(input, length, null, 0, target, baseUrl, stateOverride);
    }

    /**
     * As above, where {@code input[k] == source.charAt(sourceOffset + k)} (or {@code source} is null):
     * strings cut from the input are then substrings of {@code source}, a plain copy.
     */
    public String parse(char[] input, int length, String source, int sourceOffset, UrlRecord target, UrlRecord baseUrl,
            int stateOverride) {
        this.source = source;
        this.sourceOffset = sourceOffset;
        this.in = input;
        this.end = length;
        this.url = target;
        this.base = baseUrl;
        this.override = stateOverride;
        this.segmentStart = -1;
        try {
            return run();
        } finally {
            this.in = null;
            this.source = null;
            this.url = null;
            this.base = null;
        }
    }

    private boolean special() {
        return url.schemeType != Schemes.NOT_SPECIAL;
    }

    private boolean remainingStartsWith(int p, char c) {
        return p + 1 < end && in[p + 1] == c;
    }

    private String run() {
        // Locals, not fields, in the loops: the JIT cannot keep fields in registers across calls.
        final char[] in = this.in;
        final int end = this.end;
        final UrlRecord url = this.url;
        final UrlRecord base = this.base;
        final int override = this.override;
        int state = override == NO_OVERRIDE ? SCHEME_START : override;
        int p = 0;
        while (true) {
            int c = p >= 0 && p < end ? in[p] : EOF;
            switch (state) {
                case SCHEME_START -> {
                    if (isAlpha(c)) {
                        state = SCHEME;
                        p--; // the scheme state scans the whole scheme, first letter included
                    } else if (override == NO_OVERRIDE) {
                        state = NO_SCHEME;
                        p--;
                    } else {
                        return "invalid URL scheme";
                    }
                }
                case SCHEME -> {
                    int schemeStart = p;
                    int q = p;
                    while (q < end && (isAlphanumeric(in[q]) || in[q] == '+' || in[q] == '-' || in[q] == '.')) {
                        q++;
                    }
                    p = q;
                    c = p < end ? in[p] : EOF;
                    if (c == ':') {
                        int type = Schemes.type(in, schemeStart, q);
                        if (override != NO_OVERRIDE) {
                            if (special() != (type != Schemes.NOT_SPECIAL)) {
                                return null;
                            }
                            if ((url.includesCredentials() || url.port >= 0) && type == Schemes.FILE) {
                                return null;
                            }
                            if (url.schemeType == Schemes.FILE && url.host != null && url.host.isEmpty()) {
                                return null;
                            }
                        }
                        url.scheme = Schemes.name(type, in, schemeStart, q);
                        url.schemeType = type;
                        if (override != NO_OVERRIDE) {
                            if (url.port == Schemes.defaultPort(type)) {
                                url.port = -1;
                            }
                            return null;
                        }
                        if (type == Schemes.FILE) {
                            state = FILE;
                        } else if (type != Schemes.NOT_SPECIAL && base != null && base.schemeType == type) {
                            state = SPECIAL_RELATIVE_OR_AUTHORITY;
                        } else if (type != Schemes.NOT_SPECIAL) {
                            state = SPECIAL_AUTHORITY_SLASHES;
                        } else if (remainingStartsWith(p, '/')) {
                            state = PATH_OR_AUTHORITY;
                            p++;
                        } else {
                            url.path.setLength(0);
                            url.opaquePath = true;
                            state = OPAQUE_PATH;
                        }
                    } else if (override == NO_OVERRIDE) {
                        state = NO_SCHEME;
                        p = -1;
                    } else {
                        return "invalid URL scheme";
                    }
                }
                case NO_SCHEME -> {
                    if (base == null || (base.opaquePath && c != '#')) {
                        return base == null ? "relative URL without a base" : "relative URL with an opaque-path base";
                    } else if (base.opaquePath) {
                        url.scheme = base.scheme;
                        url.schemeType = base.schemeType;
                        url.copyPath(base);
                        url.query = base.query;
                        url.fragment = "";
                        state = FRAGMENT;
                    } else {
                        state = base.schemeType != Schemes.FILE ? RELATIVE : FILE;
                        p--;
                    }
                }
                case SPECIAL_RELATIVE_OR_AUTHORITY -> {
                    if (c == '/' && remainingStartsWith(p, '/')) {
                        state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
                        p++;
                    } else {
                        state = RELATIVE;
                        p--;
                    }
                }
                case PATH_OR_AUTHORITY -> {
                    if (c == '/') {
                        state = AUTHORITY;
                    } else {
                        state = PATH;
                        p--;
                    }
                }
                case RELATIVE -> {
                    url.scheme = base.scheme;
                    url.schemeType = base.schemeType;
                    if (c == '/' || (special() && c == '\\')) {
                        state = RELATIVE_SLASH;
                    } else {
                        url.copyAuthority(base);
                        url.copyPath(base);
                        url.query = base.query;
                        if (c == '?') {
                            url.query = "";
                            state = QUERY;
                        } else if (c == '#') {
                            url.fragment = "";
                            state = FRAGMENT;
                        } else if (c != EOF) {
                            url.query = null;
                            url.shortenPath();
                            state = PATH;
                            p--;
                        }
                    }
                }
                case RELATIVE_SLASH -> {
                    if (special() && (c == '/' || c == '\\')) {
                        state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
                    } else if (c == '/') {
                        state = AUTHORITY;
                    } else {
                        url.copyAuthority(base);
                        state = PATH;
                        p--;
                    }
                }
                case SPECIAL_AUTHORITY_SLASHES -> {
                    state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
                    if (c == '/' && remainingStartsWith(p, '/')) {
                        p++;
                    } else {
                        p--;
                    }
                }
                case SPECIAL_AUTHORITY_IGNORE_SLASHES -> {
                    if (c != '/' && c != '\\') {
                        state = AUTHORITY;
                        p--;
                    }
                }
                case AUTHORITY -> {
                    // One scan finds the end of the authority, the last '@', and for the host after it
                    // its first ':' and whether it is plain; a plain host skips the host state's scan.
                    int authorityEnd = p;
                    int lastAt = -1;
                    int colon = -1;
                    boolean plain = true;
                    boolean sp = special();
                    while (authorityEnd < end) {
                        char ch = in[authorityEnd];
                        if (ch == '/' || ch == '?' || ch == '#' || (sp && ch == '\\')) {
                            break;
                        }
                        if (ch == '@') {
                            lastAt = authorityEnd;
                            colon = -1;
                            plain = true;
                        } else if (colon < 0) {
                            if (ch == ':') {
                                colon = authorityEnd;
                            } else {
                                plain &= HostParser.isPlainDomainChar(ch);
                            }
                        }
                        authorityEnd++;
                    }
                    int hostStart = p;
                    if (lastAt >= 0) {
                        if (lastAt + 1 == authorityEnd) {
                            return INVALID_HOST; // credentials without a host
                        }
                        appendCredentials(p, lastAt);
                        hostStart = lastAt + 1;
                    }
                    int hostEnd = colon >= 0 ? colon : authorityEnd;
                    if (plain && hostEnd > hostStart) {
                        String host = HostParser.parse(in, hostStart, hostEnd, !sp, true, source, sourceOffset);
                        if (host == null) {
                            return INVALID_HOST;
                        }
                        url.host = host;
                        state = colon >= 0 ? PORT : PATH_START;
                        p = colon >= 0 ? colon : hostEnd - 1;
                    } else {
                        state = HOST;
                        p = hostStart - 1;
                    }
                }
                case HOST, HOSTNAME -> {
                    if (override != NO_OVERRIDE && url.schemeType == Schemes.FILE) {
                        p--;
                        state = FILE_HOST;
                        break;
                    }
                    boolean sp = special();
                    boolean insideBrackets = false;
                    boolean plain = true; // lowercase ASCII, no escape, nothing forbidden: the common domain
                    int q = p;
                    for (; q < end; q++) {
                        char ch = in[q];
                        if ((ch == ':' && !insideBrackets) || ch == '/' || ch == '?' || ch == '#' || (sp && ch == '\\')) {
                            break;
                        }
                        plain &= HostParser.isPlainDomainChar(ch);
                        if (ch == '[') {
                            insideBrackets = true;
                        } else if (ch == ']') {
                            insideBrackets = false;
                        }
                    }
                    if (q < end && in[q] == ':') {
                        if (q == p) {
                            return INVALID_HOST;
                        }
                        if (override == HOSTNAME) {
                            return INVALID_HOST;
                        }
                        String host = HostParser.parse(in, p, q, !sp, plain, source, sourceOffset);
                        if (host == null) {
                            return INVALID_HOST;
                        }
                        url.host = host;
                        state = PORT;
                        p = q;
                    } else {
                        if (sp && q == p) {
                            return INVALID_HOST;
                        }
                        if (override != NO_OVERRIDE && q == p && (url.includesCredentials() || url.port >= 0)) {
                            return null;
                        }
                        String host = HostParser.parse(in, p, q, !sp, plain, source, sourceOffset);
                        if (host == null) {
                            return INVALID_HOST;
                        }
                        url.host = host;
                        state = PATH_START;
                        p = q - 1;
                        if (override != NO_OVERRIDE) {
                            return null;
                        }
                    }
                }
                case PORT -> {
                    int q = p;
                    while (q < end && isDigit(in[q])) {
                        q++;
                    }
                    int next = q < end ? in[q] : EOF;
                    if (next == EOF || next == '/' || next == '?' || next == '#' || (special() && next == '\\')
                            || override != NO_OVERRIDE) {
                        if (q > p) {
                            int port = 0;
                            for (int i = p; i < q; i++) {
                                port = port * 10 + (in[i] - '0');
                                if (port > 65535) {
                                    return INVALID_PORT;
                                }
                            }
                            url.port = port == Schemes.defaultPort(url.schemeType) ? -1 : port;
                            if (override != NO_OVERRIDE) {
                                return null;
                            }
                        }
                        if (override != NO_OVERRIDE) {
                            return "invalid URL port";
                        }
                        state = PATH_START;
                        p = q - 1;
                    } else {
                        return "invalid URL port";
                    }
                }
                case FILE -> {
                    url.scheme = "file";
                    url.schemeType = Schemes.FILE;
                    url.host = "";
                    if (c == '/' || c == '\\') {
                        state = FILE_SLASH;
                    } else if (base != null && base.schemeType == Schemes.FILE) {
                        url.host = base.host;
                        url.copyPath(base);
                        url.query = base.query;
                        if (c == '?') {
                            url.query = "";
                            state = QUERY;
                        } else if (c == '#') {
                            url.fragment = "";
                            state = FRAGMENT;
                        } else if (c != EOF) {
                            url.query = null;
                            if (!Chars.startsWithWindowsDriveLetter(in, p, end)) {
                                url.shortenPath();
                            } else {
                                url.path.setLength(0);
                            }
                            state = PATH;
                            p--;
                        }
                    } else {
                        state = PATH;
                        p--;
                    }
                }
                case FILE_SLASH -> {
                    if (c == '/' || c == '\\') {
                        state = FILE_HOST;
                    } else {
                        if (base != null && base.schemeType == Schemes.FILE) {
                            url.host = base.host;
                            if (!Chars.startsWithWindowsDriveLetter(in, p, end) && base.firstSegmentIsNormalizedDriveLetter()) {
                                url.appendFirstSegmentOf(base);
                            }
                        }
                        state = PATH;
                        p--;
                    }
                }
                case FILE_HOST -> {
                    int q = p;
                    while (q < end && in[q] != '/' && in[q] != '\\' && in[q] != '?' && in[q] != '#') {
                        q++;
                    }
                    if (override == NO_OVERRIDE && Chars.isWindowsDriveLetter(in, p, q)) {
                        // The drive-letter quirk: the "host" is the first path segment.
                        url.path.append('/');
                        segmentStart = url.path.length();
                        url.path.append(in, p, q - p);
                        state = PATH;
                        p = q;
                        c = p < end ? in[p] : EOF;
                        endSegment(c);
                        state = nextAfterSegment(c);
                    } else if (q == p) {
                        url.host = "";
                        if (override != NO_OVERRIDE) {
                            return null;
                        }
                        state = PATH_START;
                        p = q - 1;
                    } else {
                        String host = HostParser.parse(in, p, q, false);
                        if (host == null) {
                            return INVALID_HOST;
                        }
                        url.host = host.equals("localhost") ? "" : host;
                        if (override != NO_OVERRIDE) {
                            return null;
                        }
                        state = PATH_START;
                        p = q - 1;
                    }
                }
                case PATH_START -> {
                    if (special()) {
                        state = PATH;
                        if (c != '/' && c != '\\') {
                            p--;
                        }
                    } else if (override == NO_OVERRIDE && c == '?') {
                        url.query = "";
                        state = QUERY;
                    } else if (override == NO_OVERRIDE && c == '#') {
                        url.fragment = "";
                        state = FRAGMENT;
                    } else if (c != EOF) {
                        state = PATH;
                        if (c != '/') {
                            p--;
                        }
                    } else if (override != NO_OVERRIDE && url.host == null) {
                        url.path.append('/');
                    }
                }
                case PATH -> {
                    if (segmentStart < 0) {
                        url.path.append('/');
                        segmentStart = url.path.length();
                    }
                    boolean sp = special();
                    boolean stopAtQuery = override == NO_OVERRIDE;
                    StringBuilder path = url.path;
                    while (p < end) {
                        int run = p;
                        while (run < end && PercentEncoding.isPlainPathChar(in[run])) {
                            run++;
                        }
                        if (run > p) {
                            path.append(in, p, run - p);
                            p = run;
                            if (p == end) {
                                break;
                            }
                        }
                        char ch = in[p];
                        if (ch == '/' || (sp && ch == '\\') || (stopAtQuery && (ch == '?' || ch == '#'))) {
                            break;
                        }
                        p = PercentEncoding.appendEncodedCodePoint(path, in, p, end, PercentEncoding.PATH);
                    }
                    c = p < end ? in[p] : EOF;
                    endSegment(c);
                    state = nextAfterSegment(c);
                }
                case OPAQUE_PATH -> {
                    while (p < end && in[p] != '?' && in[p] != '#') {
                        if (in[p] == ' ') {
                            if (p + 1 < end && (in[p + 1] == '?' || in[p + 1] == '#')) {
                                url.path.append("%20");
                            } else {
                                url.path.append(' ');
                            }
                            p++;
                        } else {
                            p = PercentEncoding.appendEncodedCodePoint(url.path, in, p, end, PercentEncoding.C0_CONTROL);
                        }
                    }
                    c = p < end ? in[p] : EOF;
                    if (c == '?') {
                        url.query = "";
                        state = QUERY;
                    } else if (c == '#') {
                        url.fragment = "";
                        state = FRAGMENT;
                    }
                }
                case QUERY -> {
                    int q = p;
                    if (override == NO_OVERRIDE) {
                        while (q < end && in[q] != '#') {
                            q++;
                        }
                    } else {
                        q = end;
                    }
                    url.query = encodeRange(p, q, special() ? PercentEncoding.SPECIAL_QUERY : PercentEncoding.QUERY, url.query);
                    p = q;
                    if (q < end) {
                        url.fragment = "";
                        state = FRAGMENT;
                    }
                }
                case FRAGMENT -> {
                    url.fragment = encodeRange(p, end, PercentEncoding.FRAGMENT, url.fragment);
                    p = end;
                }
                default -> throw new IllegalStateException("state " + state);
            }
            if (p >= end) {
                return null;
            }
            p++;
        }
    }

    /** Ends the open path segment at terminator {@code c}, resolving dot segments. */
    private void endSegment(int c) {
        int s = segmentStart;
        segmentStart = -1;
        DotSegments.endSegment(url, s, c == '/' || (special() && c == '\\'));
    }

    private int nextAfterSegment(int c) {
        if (c == '?') {
            url.query = "";
            return QUERY;
        }
        if (c == '#') {
            url.fragment = "";
            return FRAGMENT;
        }
        return PATH;
    }

    /** Splits {@code in[start, at)} at its first ':' into the percent-encoded username and password. */
    private void appendCredentials(int start, int at) {
        int colon = start;
        while (colon < at && in[colon] != ':') {
            colon++;
        }
        url.username = encodeRange(start, colon, PercentEncoding.USERINFO, url.username);
        if (colon < at) {
            url.password = encodeRange(colon + 1, at, PercentEncoding.USERINFO, url.password);
        }
    }

    /** {@code prefix} followed by {@code in[start, end)} percent-encoded with {@code set}. */
    private String encodeRange(int start, int end, int set, String prefix) {
        int i = start;
        while (i < end && !PercentEncoding.inSet(in[i], set)) {
            i++;
        }
        if (i == end && (prefix == null || prefix.isEmpty())) {
            return new String(in, start, end - start);
        }
        StringBuilder out = buffer;
        if (out == null) {
            out = buffer = new StringBuilder(end - start + 16);
        }
        out.setLength(0);
        if (prefix != null) {
            out.append(prefix);
        }
        out.append(in, start, i - start);
        PercentEncoding.appendEncoded(out, in, i, end, set);
        String result = out.toString();
        out.setLength(0);
        return result;
    }
}
