package sifr.http.internal;

import sifr.url.internal.Ipv6;

/**
 * The grammar of a {@code Host} field value and of an HTTP request target's authority (RFC 9110 §7.2,
 * RFC 3986 §3.2.2): {@code uri-host [ ":" port ]}, where {@code uri-host} is an IP-literal in brackets
 * (IPv6, parsed by {@code sifr.url}'s IPv6 parser, or IPvFuture), or a reg-name of unreserved
 * characters, percent-encodings and sub-delims (an IPv4 address is one), and {@code port} is digits.
 * Strict on purpose: a server that judges {@code Host} more leniently than a proxy in front of it
 * routes requests the proxy did not mean to send it (RFC 9112 §3.2 asks for a 400).
 */
public final class HostSyntax {
    private HostSyntax() {
    }

    /** Whether {@code value} is {@code uri-host [ ":" port ]}; the empty value is (an empty reg-name). */
    public static boolean isValid(String value) {
        int n = value.length();
        int hostEnd;
        if (n > 0 && value.charAt(0) == '[') {
            int close = value.indexOf(']');
            if (close < 0 || !isIpLiteral(value, 1, close)) {
                return false;
            }
            hostEnd = close + 1;
        } else {
            hostEnd = 0;
            while (hostEnd < n && value.charAt(hostEnd) != ':') {
                hostEnd++;
            }
            if (!isRegName(value, 0, hostEnd)) {
                return false;
            }
        }
        if (hostEnd == n) {
            return true;
        }
        if (value.charAt(hostEnd) != ':') {
            return false;
        }
        for (int i = hostEnd + 1; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The host part of a valid value (without the port), brackets kept for IP-literals. */
    public static String host(String value) {
        if (!value.isEmpty() && value.charAt(0) == '[') {
            return value.substring(0, value.indexOf(']') + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    private static boolean isIpLiteral(String s, int start, int end) {
        if (start == end) {
            return false;
        }
        char first = s.charAt(start);
        if (first == 'v' || first == 'V') {
            return isIpvFuture(s, start + 1, end);
        }
        char[] chars = new char[end - start];
        s.getChars(start, end, chars, 0);
        return Ipv6.parse(chars, 0, chars.length) != null;
    }

    /** {@code "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )}, after the {@code v}. */
    private static boolean isIpvFuture(String s, int start, int end) {
        int p = start;
        while (p < end && isHexDigit(s.charAt(p))) {
            p++;
        }
        if (p == start || p >= end - 1 || s.charAt(p) != '.') {
            return false;
        }
        for (int i = p + 1; i < end; i++) {
            char c = s.charAt(i);
            if (!isUnreserved(c) && !isSubDelim(c) && c != ':') {
                return false;
            }
        }
        return true;
    }

    /** {@code *( unreserved / pct-encoded / sub-delims )}. */
    private static boolean isRegName(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= end || !isHexDigit(s.charAt(i + 1)) || !isHexDigit(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!isUnreserved(c) && !isSubDelim(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isSubDelim(char c) {
        return switch (c) {
            case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=' -> true;
            default -> false;
        };
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
