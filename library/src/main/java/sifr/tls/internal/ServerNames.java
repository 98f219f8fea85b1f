package sifr.tls.internal;

import java.util.Locale;

/**
 * The server name a client connects to: a DNS name (sent as SNI, matched against DNS names in the
 * certificate) or an IP address literal (never sent as SNI, RFC 6066 §3; matched against IP
 * addresses in the certificate).
 */
public final class ServerNames {
    private ServerNames() {
    }

    /**
     * Normalizes what the caller passed: strips IPv6 brackets and a trailing dot, lower-cases ASCII.
     *
     * @throws IllegalArgumentException {@code TLS server name must not be empty} and friends
     */
    public static String normalize(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            throw new IllegalArgumentException("TLS server name must not be empty");
        }
        String name = serverName;
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".") && name.length() > 1) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.length() > 253) {
            throw new IllegalArgumentException("TLS server name is longer than 253 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == 0x7F || c == '/' || c == '@' || c == '#' || c == '?') {
                throw new IllegalArgumentException("TLS server name contains an invalid character: " + serverName);
            }
        }
        if (name.indexOf(':') >= 0 && !isIpv6Literal(name)) {
            throw new IllegalArgumentException("TLS server name is not a host name or IP address: " + serverName);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** True for a dotted-quad IPv4 literal or an IPv6 literal (without brackets). */
    public static boolean isIpLiteral(String name) {
        return isIpv4Literal(name) || isIpv6Literal(name);
    }

    static boolean isIpv4Literal(String name) {
        int parts = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= name.length(); i++) {
            char c = i == name.length() ? '.' : name.charAt(i);
            if (c == '.') {
                if (digits == 0 || value > 255) {
                    return false;
                }
                parts++;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                digits++;
                if (digits > 3) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    /** Hex groups and colons (at most one {@code ::}), optionally ending in an IPv4 quad. */
    static boolean isIpv6Literal(String name) {
        if (name.indexOf(':') < 0 || name.length() > 45) {
            return false;
        }
        int lastColon = name.lastIndexOf(':');
        String tail = name.substring(lastColon + 1);
        String head = name.substring(0, lastColon + 1);
        int groups = 0;
        if (tail.indexOf('.') >= 0) {
            if (!isIpv4Literal(tail)) {
                return false;
            }
            groups += 2;
            tail = "";
        }
        int doubleColon = name.indexOf("::");
        if (doubleColon >= 0 && name.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String hex = head + tail;
        int run = 0;
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (c == ':') {
                if (run > 0) {
                    groups++;
                }
                run = 0;
            } else if (Character.digit(c, 16) >= 0 && c < 0x80) {
                if (++run > 4) {
                    return false;
                }
            } else {
                return false;
            }
        }
        if (run > 0) {
            groups++;
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }
}
