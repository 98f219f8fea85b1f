package sifr.http.internal.h1;

import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.Version;
import sifr.http.internal.HostSyntax;

/**
 * The server's {@code Host} rules (RFC 9112 §3.2): an HTTP/1.1 request must carry exactly one
 * {@code Host} field line; any request with two or more, or with a value that is not
 * {@code uri-host [ ":" port ]}, is answered 400 and the connection closed. HTTP/1.0 requests may
 * omit it. An absolute-form target names the authority itself (§3.2.2): the server ignores the
 * received {@code Host} and uses the target's, so the handler sees a {@code host} field equal to the
 * target's authority. A server-side rule, applied after parsing: the codec itself (and the corpora
 * it is tested against) parses requests without {@code Host} as any message.
 */
final class H1HostRule {
    private H1HostRule() {
    }

    /** {@code head} as the handler is to see it, or a 400 for a request that breaks the rules. */
    static RequestHead apply(RequestHead head) throws H1ParseError {
        HeaderMap headers = head.headers();
        String host = null;
        int count = 0;
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (headers.nameAt(i).equals(HeaderName.HOST)) {
                count++;
                host = headers.valueAt(i).value();
            }
        }
        if (count > 1) {
            throw H1ParseError.bad("more than one Host field line");
        }
        if (count == 0 && head.version() == Version.HTTP_1_1) {
            throw H1ParseError.bad("HTTP/1.1 request without Host");
        }
        if (host != null && !HostSyntax.isValid(host)) {
            throw H1ParseError.bad("invalid Host");
        }
        String target = head.path();
        char first = target.charAt(0);
        if (first == '/' || first == '*' || head.method().equals(Method.CONNECT)) {
            return head; // origin-, asterisk- and authority-form: Host is the authority
        }
        String authority = absoluteFormAuthority(target);
        if (authority == null || authority.equals(host)) {
            return head;
        }
        return head.withHeaders(headers.set(HeaderName.HOST, HeaderValue.of(authority)));
    }

    /**
     * The authority of an absolute-form target ({@code scheme "://" authority path-abempty [ "?" query ]}),
     * or null when it has none (a URI such as {@code urn:x}); a 400 for an invalid one.
     */
    static String absoluteFormAuthority(String target) throws H1ParseError {
        int colon = schemeEnd(target);
        if (colon < 0) {
            throw H1ParseError.bad("invalid request target");
        }
        if (!target.startsWith("//", colon + 1)) {
            return null;
        }
        int start = colon + 3;
        int end = start;
        while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
            end++;
        }
        String authority = target.substring(start, end);
        if (authority.indexOf('@') >= 0) {
            throw H1ParseError.bad("userinfo in the request target"); // RFC 9110 §4.2.4
        }
        if (!HostSyntax.isValid(authority)) {
            throw H1ParseError.bad("invalid authority in the request target");
        }
        String scheme = target.substring(0, colon);
        if ((scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                && HostSyntax.host(authority).isEmpty()) {
            throw H1ParseError.bad("empty host in the request target"); // RFC 9110 §4.2.1
        }
        return authority;
    }

    /** The index of the colon ending {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}, or -1. */
    private static int schemeEnd(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (c == ':' && i > 0) {
                return i;
            }
            if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
                return -1;
            }
        }
        return -1;
    }
}
