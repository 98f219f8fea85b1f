package sifr.net.internal;

import sifr.net.NetError;

/**
 * A {@code host:port} address string taken apart: {@code 127.0.0.1:80}, {@code [::1]:80},
 * {@code example.com:443}. IPv6 literals need brackets when a port follows.
 */
public record HostPort(String host, int port) {

    /**
     * Parses {@code host:port}. With {@code portOptional}, a bare host (or bracketed IPv6 literal)
     * gets port 0.
     *
     * @throws NetError {@code invalid network address: ...}
     */
    public static HostPort parse(String address, boolean portOptional) throws NetError {
        if (address == null || address.isEmpty()) {
            throw invalid(address, "empty");
        }
        String host;
        String portText;
        if (address.charAt(0) == '[') {
            int close = address.indexOf(']');
            if (close < 0) {
                throw invalid(address, "missing ']'");
            }
            host = address.substring(1, close);
            if (close == address.length() - 1) {
                portText = null;
            } else if (address.charAt(close + 1) == ':') {
                portText = address.substring(close + 2);
            } else {
                throw invalid(address, "unexpected text after ']'");
            }
        } else {
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                host = address;
                portText = null;
            } else if (address.indexOf(':') != colon) {
                if (portOptional) {
                    host = address; // a bare IPv6 literal without port
                    portText = null;
                } else {
                    throw invalid(address, "IPv6 addresses need brackets, as in [::1]:80");
                }
            } else {
                host = address.substring(0, colon);
                portText = address.substring(colon + 1);
            }
        }
        if (host.isEmpty()) {
            throw invalid(address, "missing host");
        }
        if (portText == null) {
            if (!portOptional) {
                throw invalid(address, "missing port");
            }
            return new HostPort(host, 0);
        }
        return new HostPort(host, parsePort(address, portText));
    }

    static int parsePort(String address, String text) throws NetError {
        if (text.isEmpty() || text.length() > 5) {
            throw invalid(address, "port must be in 0..65535");
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(address, "port must be in 0..65535");
            }
            port = port * 10 + (c - '0');
        }
        if (port > 65535) {
            throw invalid(address, "port must be in 0..65535");
        }
        return port;
    }

    /** True for an IP literal (no DNS lookup needed): IPv6 (has ':') or dotted-decimal IPv4. */
    public static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    private static NetError invalid(String address, String why) {
        return new NetError("invalid network address '" + address + "': " + why);
    }
}
