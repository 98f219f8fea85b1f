package sifr.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@code Set-Cookie} field value (RFC 6265bis §4.1): a name, a value and the attributes Expires,
 * Max-Age, Domain, Path, Secure, HttpOnly, SameSite and Partitioned. Built with {@link #builder},
 * which validates everything, or read from a received field with {@link #parse}. Immutable;
 * {@link #toString()} is the field value.
 *
 * <pre>{@code
 * SetCookie session = SetCookie.builder("__Host-session", token)
 *     .path("/").secure(true).httpOnly(true).sameSite(SetCookie.SameSite.LAX)
 *     .maxAge(Duration.ofHours(8)).build();
 * response = Responses.withCookie(response, session);
 * // __Host-session=...; Max-Age=28800; Path=/; Secure; HttpOnly; SameSite=Lax
 * }</pre>
 *
 * <p>Rules checked ({@link HeaderError} with Sifr's cookie messages where they apply): the name is a
 * token ({@code invalid cookie name}); the value is cookie-octets, optionally in double quotes
 * ({@code invalid cookie value}); name and value together at most 4096 bytes and each attribute value
 * at most 1024 (the limits user agents enforce, §5.6); the prefixes ({@code __Secure-} needs Secure;
 * {@code __Host-} needs Secure, {@code Path=/} and no Domain; matched case-insensitively, §4.1.3);
 * {@code SameSite=None} and {@code Partitioned} need Secure (browsers drop them otherwise).
 */
public final class SetCookie {
    static final String TOO_LONG = "cookie name and value exceed 4096 bytes";
    static final String ATTRIBUTE_TOO_LONG = "cookie attribute value exceeds 1024 bytes";
    static final String INVALID_DOMAIN = "invalid cookie domain";
    static final String INVALID_PATH = "invalid cookie path";
    static final String SECURE_PREFIX = "cookie prefix __Secure- requires Secure";
    static final String HOST_PREFIX = "cookie prefix __Host- requires Secure, Path=/ and no Domain";
    static final String SAME_SITE_NONE = "SameSite=None requires Secure";
    static final String PARTITIONED = "Partitioned requires Secure";
    static final int MAX_NAME_VALUE = 4096;
    static final int MAX_ATTRIBUTE = 1024;

    /** IMF-fixdate (RFC 9110 §5.6.7), the form RFC 6265bis asks servers to send. */
    static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** The SameSite attribute's values (§4.1.2.7). */
    public enum SameSite {
        STRICT("Strict"), LAX("Lax"), NONE("None");

        private final String text;

        SameSite(String text) {
            this.text = text;
        }

        /** The attribute value as sent ({@code Strict}, {@code Lax}, {@code None}). */
        public String text() {
            return text;
        }
    }

    private final String name;
    private final String value;
    private final Instant expires;
    private final Long maxAgeSeconds;
    private final String domain;
    private final String path;
    private final boolean secure;
    private final boolean httpOnly;
    private final SameSite sameSite;
    private final boolean partitioned;

    private SetCookie(Builder b) {
        this.name = b.name;
        this.value = b.value;
        this.expires = b.expires;
        this.maxAgeSeconds = b.maxAgeSeconds;
        this.domain = b.domain;
        this.path = b.path;
        this.secure = b.secure;
        this.httpOnly = b.httpOnly;
        this.sameSite = b.sameSite;
        this.partitioned = b.partitioned;
    }

    /**
     * A builder for cookie {@code name=value}, without attributes (a session cookie for the request's
     * host and default path). Name and value are checked by {@link Builder#build()}.
     */
    public static Builder builder(String name, String value) {
        return new Builder(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    /**
     * A cookie that removes {@code name} at the client: empty value, {@code Max-Age=0} and an Expires
     * in 1970 (for clients that ignore Max-Age). Give the same Path and Domain the cookie was set with.
     */
    public static Builder deletion(String name) {
        return builder(name, "").maxAge(Duration.ZERO).expires(Instant.EPOCH);
    }

    /**
     * Reads a received {@code Set-Cookie} field value. The name and value are checked as in
     * {@link #builder} ({@code invalid cookie header} without {@code =}); attributes follow the user
     * agent's rules (§5.6): names case-insensitive, unknown attributes and unparsable values ignored,
     * the last of a repeated attribute wins, Expires read with the cookie-date algorithm (§5.1.1), a
     * Max-Age of zero or less meaning "expired". The result must then pass the same checks as a built
     * cookie (the prefix, SameSite=None and Partitioned rules), as a user agent would otherwise drop it.
     *
     * @throws HeaderError {@code cookie headers must not contain line breaks or NUL}, {@code invalid
     *     cookie header}, {@code invalid cookie name}, {@code invalid cookie value}, or a rule above
     */
    public static SetCookie parse(String header) {
        return SetCookieParser.parse(header);
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** The Expires attribute (whole seconds). */
    public Optional<Instant> expires() {
        return Optional.ofNullable(expires);
    }

    /** The Max-Age attribute in seconds (0: expire now). */
    public OptionalLong maxAgeSeconds() {
        return maxAgeSeconds == null ? OptionalLong.empty() : OptionalLong.of(maxAgeSeconds);
    }

    /** The Domain attribute, lowercase, without a leading dot. */
    public Optional<String> domain() {
        return Optional.ofNullable(domain);
    }

    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    public boolean secure() {
        return secure;
    }

    public boolean httpOnly() {
        return httpOnly;
    }

    public Optional<SameSite> sameSite() {
        return Optional.ofNullable(sameSite);
    }

    public boolean partitioned() {
        return partitioned;
    }

    /** A builder holding this cookie's name, value and attributes. */
    public Builder toBuilder() {
        Builder b = new Builder(name, value);
        b.expires = expires;
        b.maxAgeSeconds = maxAgeSeconds;
        b.domain = domain;
        b.path = path;
        b.secure = secure;
        b.httpOnly = httpOnly;
        b.sameSite = sameSite;
        b.partitioned = partitioned;
        return b;
    }

    /** The field value: {@code name=value} and the set attributes, in a fixed order. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name.length() + value.length() + 64).append(name).append('=').append(value);
        if (expires != null) {
            sb.append("; Expires=").append(IMF_FIXDATE.format(expires));
        }
        if (maxAgeSeconds != null) {
            sb.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (domain != null) {
            sb.append("; Domain=").append(domain);
        }
        if (path != null) {
            sb.append("; Path=").append(path);
        }
        if (secure) {
            sb.append("; Secure");
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        if (sameSite != null) {
            sb.append("; SameSite=").append(sameSite.text());
        }
        if (partitioned) {
            sb.append("; Partitioned");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetCookie other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Builds a {@link SetCookie}; every setter replaces the earlier value. */
    public static final class Builder {
        private final String name;
        private final String value;
        Instant expires;
        Long maxAgeSeconds;
        String domain;
        String path;
        boolean secure;
        boolean httpOnly;
        SameSite sameSite;
        boolean partitioned;

        private Builder(String name, String value) {
            this.name = name;
            this.value = value;
        }

        /**
         * Expires (sent as an IMF-fixdate, cut to whole seconds; default none: a session cookie).
         *
         * @throws IllegalArgumentException {@code cookie Expires must be in years 1601..9999}
         */
        public Builder expires(Instant when) {
            Objects.requireNonNull(when, "when");
            int year = when.atOffset(ZoneOffset.UTC).getYear();
            if (year < 1601 || year > 9999) {
                throw new IllegalArgumentException("cookie Expires must be in years 1601..9999");
            }
            this.expires = when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            return this;
        }

        /**
         * Max-Age in whole seconds ({@link Duration#ZERO}: expire now; default none). User agents cap
         * it at 400 days. Takes precedence over Expires at the client.
         *
         * @throws IllegalArgumentException {@code cookie Max-Age must not be negative}
         */
        public Builder maxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("cookie Max-Age must not be negative");
            }
            this.maxAgeSeconds = maxAge.getSeconds();
            return this;
        }

        /**
         * Domain: the cookie also goes to subdomains of it (default none: this host only). Letters,
         * digits, {@code -} and {@code .}; one leading dot is dropped, the rest lowercased.
         *
         * @throws HeaderError {@code invalid cookie domain}
         */
        public Builder domain(String domain) {
            Objects.requireNonNull(domain, "domain");
            String d = domain.startsWith(".") ? domain.substring(1) : domain;
            if (!isDomain(d)) {
                throw new HeaderError(INVALID_DOMAIN);
            }
            this.domain = d.toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * Path: starts with {@code /}, no control characters or {@code ;} (default none: the
         * request path's directory).
         *
         * @throws HeaderError {@code invalid cookie path}
         */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            if (!isPath(path)) {
                throw new HeaderError(INVALID_PATH);
            }
            this.path = path;
            return this;
        }

        /** Secure: sent over HTTPS only (default false). */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** HttpOnly: hidden from scripts (default false). */
        public Builder httpOnly(boolean httpOnly) {
            this.httpOnly = httpOnly;
            return this;
        }

        /** SameSite (default none sent: the browser's default, Lax in current browsers). */
        public Builder sameSite(SameSite sameSite) {
            this.sameSite = Objects.requireNonNull(sameSite, "sameSite");
            return this;
        }

        /** Partitioned (CHIPS): kept per top-level site (default false); needs Secure. */
        public Builder partitioned(boolean partitioned) {
            this.partitioned = partitioned;
            return this;
        }

        /**
         * The cookie, after the checks listed on {@link SetCookie}.
         *
         * @throws HeaderError the first rule broken
         */
        public SetCookie build() {
            Cookies.checkName(name);
            Cookies.checkValue(value);
            if (name.length() + value.length() > MAX_NAME_VALUE) {
                throw new HeaderError(TOO_LONG);
            }
            if (domain != null && domain.length() > MAX_ATTRIBUTE || path != null && path.length() > MAX_ATTRIBUTE) {
                throw new HeaderError(ATTRIBUTE_TOO_LONG);
            }
            if (startsWithIgnoreCase(name, "__Secure-") && !secure) {
                throw new HeaderError(SECURE_PREFIX);
            }
            if (startsWithIgnoreCase(name, "__Host-") && (!secure || domain != null || !"/".equals(path))) {
                throw new HeaderError(HOST_PREFIX);
            }
            if (sameSite == SameSite.NONE && !secure) {
                throw new HeaderError(SAME_SITE_NONE);
            }
            if (partitioned && !secure) {
                throw new HeaderError(PARTITIONED);
            }
            return new SetCookie(this);
        }
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    static boolean isDomain(String d) {
        if (d.isEmpty() || d.startsWith(".") || d.endsWith(".") || d.contains("..")) {
            return false;
        }
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isPath(String p) {
        if (!p.startsWith("/")) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < 0x20 || c == 0x7F || c == ';' || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
