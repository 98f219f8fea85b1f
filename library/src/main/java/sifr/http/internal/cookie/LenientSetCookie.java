package sifr.http.internal.cookie;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import sifr.http.SetCookie;

/**
 * One {@code Set-Cookie} field value parsed by RFC 6265 §5.2 (the user agent's algorithm: lenient,
 * never an error, only "ignore"), with RFC 6265bis's size and control-character rules. Attributes are
 * kept as §5.3 uses them: for each kind, the last one that was not ignored. Not {@link sifr.http.SetCookie#parse}:
 * that one holds a received field to the rules a server must follow (a token name, cookie-octet values)
 * and throws, where a user agent stores {@code a=b, c=d} or {@code "zzz "} as they came (the RFC 6265
 * suite expects it).
 *
 * @param maxAge seconds from now of the last valid Max-Age (zero or less: already expired), or null
 * @param expires the last valid Expires, or null
 * @param domain the last non-empty Domain, without its leading dot, lower case; or null
 * @param path the last Path that starts with {@code /}; null when none (the default path applies)
 */
public record LenientSetCookie(String name, String value, Long maxAge, Instant expires, String domain, String path,
                        boolean secure, boolean httpOnly,
                               Optional<SetCookie.SameSite> sameSite) {
    /** RFC 6265bis: the most a cookie's name and value may hold together. */
    public static final int MAX_NAME_VALUE = 4096;
    /** RFC 6265bis: the most an attribute value may hold; longer attributes are ignored. */
    public static final int MAX_ATTRIBUTE_VALUE = 1024;

    /** The cookie the field sets, or empty when §5.2 says to ignore the field. */
    public static Optional<LenientSetCookie> parse(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            // RFC 6265bis §5.6 step 1: CTLs other than HTAB make the whole field ignored
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return Optional.empty();
            }
        }
        int semicolon = field.indexOf(';');
        String pair = semicolon < 0 ? field : field.substring(0, semicolon);
        int eq = pair.indexOf('=');
        if (eq < 0) {
            return Optional.empty(); // RFC 6265 §5.2 step 2 (6265bis would make it a nameless cookie)
        }
        String name = trim(pair.substring(0, eq));
        String value = trim(pair.substring(eq + 1));
        if (name.isEmpty() || name.length() + value.length() > MAX_NAME_VALUE) {
            return Optional.empty();
        }
        Long maxAge = null;
        Instant expires = null;
        String domain = null;
        String path = null;
        boolean secure = false;
        boolean httpOnly = false;
        SetCookie.SameSite sameSite = null;
        int pos = semicolon;
        while (pos >= 0 && pos < field.length()) {
            int next = field.indexOf(';', pos + 1);
            String av = field.substring(pos + 1, next < 0 ? field.length() : next);
            pos = next;
            int aeq = av.indexOf('=');
            String attr = trim(aeq < 0 ? av : av.substring(0, aeq)).toLowerCase(Locale.ROOT);
            String attrValue = aeq < 0 ? "" : trim(av.substring(aeq + 1));
            if (attrValue.length() > MAX_ATTRIBUTE_VALUE) {
                continue;
            }
            switch (attr) {
                case "expires" -> {
                    Optional<Instant> date = CookieDates.parse(attrValue);
                    if (date.isPresent()) {
                        expires = date.get();
                    }
                }
                case "max-age" -> {
                    Long delta = deltaSeconds(attrValue);
                    if (delta != null) {
                        maxAge = delta;
                    }
                }
                case "domain" -> {
                    if (!attrValue.isEmpty()) {
                        String d = attrValue.charAt(0) == '.' ? attrValue.substring(1) : attrValue;
                        domain = d.toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> path = attrValue.startsWith("/") ? attrValue : null;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = switch (attrValue.toLowerCase(Locale.ROOT)) {
                    case "strict" -> SetCookie.SameSite.STRICT;
                    case "lax" -> SetCookie.SameSite.LAX;
                    case "none" -> SetCookie.SameSite.NONE;
                    default -> null; // 6265bis: an unknown value is the browser's default, as if absent
                };
                default -> {
                    // unknown attributes are ignored (§5.2 step 6)
                }
            }
        }
        return Optional.of(new LenientSetCookie(name, value, maxAge, expires, domain, path, secure, httpOnly,
                Optional.ofNullable(sameSite)));
    }

    /** §5.2.2: an optional '-' then digits only; saturates instead of overflowing; null when not a number. */
    private static Long deltaSeconds(String s) {
        if (s.isEmpty() || !(s.charAt(0) == '-' || isDigit(s.charAt(0)))) {
            return null;
        }
        boolean negative = s.charAt(0) == '-';
        long value = 0;
        for (int i = negative ? 1 : 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return null;
            }
            value = Math.min(value * 10 + (s.charAt(i) - '0'), 1L << 40);
        }
        if (negative && s.length() == 1) {
            return null;
        }
        return negative ? -value : value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Removes leading and trailing WSP (space and horizontal tab), as §5.2 says. */
    private static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return s.substring(a, b);
    }
}
