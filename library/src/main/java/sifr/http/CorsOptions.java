package sifr.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sifr.http.internal.Ascii;
import sifr.net.internal.OptionChecks;

/**
 * What {@link Cors#middleware(CorsOptions)} allows. Immutable; {@code CorsOptions.builder()
 * .allowedOrigins(List.of("https://app.example")).allowCredentials(true).build()}, {@link #defaults()},
 * {@link #toBuilder()}.
 *
 * <p>Throws {@link sifr.net.OptionError} from the constructor and {@link Builder#build()}, naming the field: {@code
 *     CorsOptions.allowCredentials cannot be combined with * in allowedOrigins, allowedMethods or
 *     allowedHeaders} (the Fetch standard: browsers treat {@code *} literally for requests with
 *     credentials, and reflecting any origin with credentials would let every site read the user's
 *     data), an origin that is not {@code scheme://host[:port]} or {@code null}, a method or header
 *     name that is not a token, a max age out of range
 *
 * @param allowedOrigins origins allowed to read responses, as browsers send them
 *     ({@code https://app.example:8443}; compared exactly after lowercasing), or the one entry
 *     {@code *} for any origin; the origin {@code null} (sandboxed documents, {@code file:} pages)
 *     only when listed. Default: none (the middleware adds nothing until origins are given)
 * @param allowedMethods methods a preflight may ask for; default {@code GET, HEAD, POST}
 * @param allowedHeaders request header names a preflight may ask for (case-insensitive), or {@code *}
 *     for any; default none (the CORS-safelisted headers need no permission)
 * @param exposedHeaders response header names scripts may read beyond the safelisted ones; default none
 * @param allowCredentials whether cookies and HTTP authentication go with cross-origin requests
 *     ({@code Access-Control-Allow-Credentials: true}); default false
 * @param maxAge how long a browser may cache a preflight answer ({@code Access-Control-Max-Age});
 *     default 10 minutes, 0..24 hours (browsers cap it lower: Chromium at 2 hours)
 */
public record CorsOptions(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                          List<String> exposedHeaders, boolean allowCredentials, Duration maxAge) {
    private static final CorsOptions DEFAULTS = new CorsOptions(List.of(), List.of("GET", "HEAD", "POST"), List.of(),
            List.of(), false, Duration.ofMinutes(10));

    public CorsOptions {
        allowedOrigins = lower(allowedOrigins, "CorsOptions.allowedOrigins");
        allowedMethods = List.copyOf(OptionChecks.required("CorsOptions.allowedMethods", allowedMethods));
        allowedHeaders = lower(allowedHeaders, "CorsOptions.allowedHeaders");
        exposedHeaders = lower(exposedHeaders, "CorsOptions.exposedHeaders");
        OptionChecks.required("CorsOptions.maxAge", maxAge);
        for (String origin : allowedOrigins) {
            OptionChecks.check("CorsOptions.allowedOrigins", origin,
                    origin.equals("*") || origin.equals("null") || isOrigin(origin),
                    "CorsOptions.allowedOrigins: not an origin (scheme://host[:port]): " + origin);
        }
        for (String m : allowedMethods) {
            OptionChecks.check("CorsOptions.allowedMethods", m, m.equals("*") || Ascii.isToken(m),
                    "CorsOptions.allowedMethods: not a method token: " + Ascii.quoteForError(m));
        }
        for (List<String> names : List.of(allowedHeaders, exposedHeaders)) {
            for (String h : names) {
                OptionChecks.check(names == allowedHeaders ? "CorsOptions.allowedHeaders" : "CorsOptions.exposedHeaders",
                        h, h.equals("*") || Ascii.isToken(h), "CorsOptions: not a header name: " + Ascii.quoteForError(h));
            }
        }
        OptionChecks.check("CorsOptions.allowCredentials", allowCredentials, !allowCredentials
                        || !(allowedOrigins.contains("*") || allowedMethods.contains("*") || allowedHeaders.contains("*")),
                "CorsOptions.allowCredentials cannot be combined with * in allowedOrigins, allowedMethods or allowedHeaders");
        OptionChecks.check("CorsOptions.maxAge", maxAge, !maxAge.isNegative() && maxAge.compareTo(Duration.ofHours(24)) <= 0,
                "CorsOptions.maxAge must be in 0..24 hours (was " + maxAge + ")");
    }

    private static List<String> lower(List<String> values, String field) {
        OptionChecks.required(field, values);
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(OptionChecks.required(field, v).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    private static boolean isOrigin(String s) {
        int scheme = s.indexOf("://");
        if (scheme <= 0 || s.length() == scheme + 3) {
            return false;
        }
        String rest = s.substring(scheme + 3);
        return rest.indexOf('/') < 0 && rest.indexOf('?') < 0 && rest.indexOf('#') < 0 && rest.indexOf('@') < 0
                && rest.indexOf(' ') < 0;
    }

    /** No origins, methods GET/HEAD/POST, no extra headers, no credentials, preflights cached 10 minutes. */
    public static CorsOptions defaults() {
        return DEFAULTS;
    }

    /** A builder preset with {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder preset with these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link CorsOptions}; each setter names the record component it sets. Not thread-safe. */
    public static final class Builder {
        private List<String> allowedOrigins;
        private List<String> allowedMethods;
        private List<String> allowedHeaders;
        private List<String> exposedHeaders;
        private boolean allowCredentials;
        private Duration maxAge;

        private Builder(CorsOptions from) {
            allowedOrigins = from.allowedOrigins;
            allowedMethods = from.allowedMethods;
            allowedHeaders = from.allowedHeaders;
            exposedHeaders = from.exposedHeaders;
            allowCredentials = from.allowCredentials;
            maxAge = from.maxAge;
        }

        /** Origins allowed, or {@code List.of("*")} (default none). */
        public Builder allowedOrigins(List<String> value) {
            allowedOrigins = value;
            return this;
        }

        /** Methods a preflight may ask for (default GET, HEAD, POST). */
        public Builder allowedMethods(List<String> value) {
            allowedMethods = value;
            return this;
        }

        /** Request headers a preflight may ask for, or {@code List.of("*")} (default none). */
        public Builder allowedHeaders(List<String> value) {
            allowedHeaders = value;
            return this;
        }

        /** Response headers scripts may read (default none). */
        public Builder exposedHeaders(List<String> value) {
            exposedHeaders = value;
            return this;
        }

        /** Whether credentials are allowed (default false). */
        public Builder allowCredentials(boolean value) {
            allowCredentials = value;
            return this;
        }

        /** Preflight cache time (default 10 minutes). */
        public Builder maxAge(Duration value) {
            maxAge = value;
            return this;
        }

        /**
         * The options.
         *
         * @throws sifr.net.OptionError for a rule on {@link CorsOptions} broken
         */
        public CorsOptions build() {
            return new CorsOptions(allowedOrigins, allowedMethods, allowedHeaders, exposedHeaders, allowCredentials, maxAge);
        }
    }
}
