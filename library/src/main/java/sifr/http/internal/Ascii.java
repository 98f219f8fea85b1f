package sifr.http.internal;

/** Byte-class tables from RFC 9110 and RFC 6265, shared by the primitives and the codecs. */
public final class Ascii {
    private Ascii() {
    }

    private static final boolean[] TCHAR = new boolean[256];
    private static final boolean[] COOKIE_OCTET = new boolean[256];

    static {
        // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        // cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
        for (int c = 0x21; c <= 0x7E; c++) {
            COOKIE_OCTET[c] = c != '"' && c != ',' && c != ';' && c != '\\';
        }
    }

    /** True for RFC 9110 token characters. Characters above 0xFF are never tokens. */
    public static boolean isTchar(int c) {
        return c < 256 && c >= 0 && TCHAR[c];
    }

    /** True for RFC 6265 cookie-octets. */
    public static boolean isCookieOctet(int c) {
        return c < 256 && c >= 0 && COOKIE_OCTET[c];
    }

    /** True if {@code s} is a non-empty RFC 9110 token. */
    public static boolean isToken(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lowercase of {@code c}. */
    public static int lower(int c) {
        return (c >= 'A' && c <= 'Z') ? c | 0x20 : c;
    }

    /** Renders untrusted text for an error message: quoted, controls escaped, cut at 64 characters. */
    public static String quoteForError(CharSequence s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 64) + 8).append('"');
        int n = Math.min(s.length(), 64);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\x%02X", (int) c));
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
        if (s.length() > n) {
            sb.append("...");
        }
        return sb.toString();
    }

    /**
     * True if the comma-separated list {@code value} contains {@code token} (ASCII case-insensitive;
     * blanks around elements ignored): {@code Connection: keep-alive, Upgrade} lists {@code upgrade}.
     */
    public static boolean hasToken(String value, String token) {
        int n = value.length();
        int i = 0;
        while (i < n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ',')) {
                i++;
            }
            int start = i;
            while (i < n && value.charAt(i) != ',') {
                i++;
            }
            int end = i;
            while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
                end--;
            }
            if (end - start == token.length() && value.regionMatches(true, start, token, 0, token.length())) {
                return true;
            }
        }
        return false;
    }
}
