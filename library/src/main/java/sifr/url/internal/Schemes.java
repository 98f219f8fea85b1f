package sifr.url.internal;

/** The special schemes of the URL Standard, as small integer types, with their default ports. */
public final class Schemes {
    public static final int NOT_SPECIAL = 0;
    public static final int HTTP = 1;
    public static final int HTTPS = 2;
    public static final int WS = 3;
    public static final int WSS = 4;
    public static final int FTP = 5;
    public static final int FILE = 6;

    private static final String[] NAMES = {"", "http", "https", "ws", "wss", "ftp", "file"};
    private static final int[] DEFAULT_PORTS = {-2, 80, 443, 80, 443, 21, -2};

    private Schemes() {
    }

    /** The type of a lowercase scheme held in {@code s}. */
    public static int type(CharSequence s) {
        int n = s.length();
        if (n < 2 || n > 5) {
            return NOT_SPECIAL;
        }
        for (int t = HTTP; t <= FILE; t++) {
            if (contentEquals(NAMES[t], s)) {
                return t;
            }
        }
        return NOT_SPECIAL;
    }

    private static boolean contentEquals(String name, CharSequence s) {
        if (name.length() != s.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The type of the scheme in {@code in[start, end)}, compared ASCII case-insensitively. */
    public static int type(char[] in, int start, int end) {
        int n = end - start;
        if (n < 2 || n > 5) {
            return NOT_SPECIAL;
        }
        for (int t = HTTP; t <= FILE; t++) {
            String name = NAMES[t];
            if (name.length() != n) {
                continue;
            }
            int i = 0;
            while (i < n && Chars.toLower(in[start + i]) == name.charAt(i)) {
                i++;
            }
            if (i == n) {
                return t;
            }
        }
        return NOT_SPECIAL;
    }

    /** The lowercase scheme name in {@code in[start, end)}: the interned name for special schemes. */
    public static String name(int type, char[] in, int start, int end) {
        if (type != NOT_SPECIAL) {
            return NAMES[type];
        }
        char[] lower = new char[end - start];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = Chars.toLower(in[start + i]);
        }
        return new String(lower);
    }

    /** The interned name of a special type, or {@code s} itself as a string for non-special ones. */
    public static String name(int type, CharSequence s) {
        return type == NOT_SPECIAL ? s.toString() : NAMES[type];
    }

    /** The default port of a scheme type; -2 (matching no port) for schemes without one. */
    public static int defaultPort(int type) {
        return DEFAULT_PORTS[type];
    }
}
