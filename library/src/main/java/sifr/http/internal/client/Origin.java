package sifr.http.internal.client;

import sifr.url.Url;

/**
 * Where a connection goes: scheme, host and port (RFC 6454 origin). The pool keeps one set of
 * connections per origin; the TLS configuration is the client's, the same for every origin of one
 * client, so it is not part of the key.
 *
 * @param https true for {@code https}
 * @param host the host as the URL spells it ({@code [::1]} for IPv6)
 * @param port the port, the scheme's default filled in
 */
public record Origin(boolean https, String host, int port) {

    /**
     * The origin of an {@code http}/{@code https} URL.
     *
     * @throws IllegalArgumentException for another scheme or a URL without a host
     */
    public static Origin of(Url url) {
        boolean https = switch (url.scheme()) {
            case "http" -> false;
            case "https" -> true;
            default -> throw new IllegalArgumentException("HTTP client URL scheme must be http or https: " + url.scheme());
        };
        if (url.host().isEmpty()) {
            throw new IllegalArgumentException("HTTP client URL has no host");
        }
        return new Origin(https, url.host(), url.port().orElse(https ? 443 : 80));
    }

    /** The host without IPv6 brackets, as the resolver and TLS (SNI, verification) take it. */
    public String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The {@code host} field (RFC 9110 §7.2): the port only when it is not the scheme's default. */
    public String hostField() {
        return port == (https ? 443 : 80) ? host : host + ":" + port;
    }

    public String scheme() {
        return https ? "https" : "http";
    }

    @Override
    public String toString() {
        return scheme() + "://" + hostField();
    }
}
