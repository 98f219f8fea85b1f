package sifr.http;

import java.time.InstantSource;
import java.util.Objects;

/**
 * Settings of {@link CookieJar#inMemory(CookieJarOptions)}.
 *
 * @param maxCookies most cookies stored in all (default 3000, RFC 6265 §6.1's minimum); past it the least
 *     recently used (sent or stored) cookie is evicted, after the expired ones
 * @param maxCookiesPerDomain most cookies sharing one domain (default 180, Chromium's figure; RFC 6265 §6.1
 *     asks for at least 50); past it that domain's least recently used cookie is evicted
 * @param clock the time expiry is judged by (default {@link InstantSource#system()}; tests pin it)
 */
public record CookieJarOptions(int maxCookies, int maxCookiesPerDomain, InstantSource clock) {
    private static final CookieJarOptions DEFAULTS = new CookieJarOptions(3000, 180, InstantSource.system());

    /**
     * @throws IllegalArgumentException {@code cookie limits must be positive} or
     *     {@code the per-domain cookie limit must not exceed the total}
     */
    public CookieJarOptions {
        Objects.requireNonNull(clock, "clock");
        if (maxCookies < 1 || maxCookiesPerDomain < 1) {
            throw new IllegalArgumentException("cookie limits must be positive");
        }
        if (maxCookiesPerDomain > maxCookies) {
            throw new IllegalArgumentException("the per-domain cookie limit must not exceed the total");
        }
    }

    /** 3000 cookies, 180 per domain, the system clock. */
    public static CookieJarOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link CookieJarOptions}; unset values keep their defaults. */
    public static final class Builder {
        private int maxCookies;
        private int maxCookiesPerDomain;
        private InstantSource clock;

        private Builder(CookieJarOptions from) {
            this.maxCookies = from.maxCookies;
            this.maxCookiesPerDomain = from.maxCookiesPerDomain;
            this.clock = from.clock;
        }

        public Builder maxCookies(int max) {
            this.maxCookies = max;
            return this;
        }

        public Builder maxCookiesPerDomain(int max) {
            this.maxCookiesPerDomain = max;
            return this;
        }

        public Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        /** @throws IllegalArgumentException as the record's constructor */
        public CookieJarOptions build() {
            return new CookieJarOptions(maxCookies, maxCookiesPerDomain, clock);
        }
    }
}
