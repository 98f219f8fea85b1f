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

    /** The interned name of a special type, or {@code s} itself as a string for non-special ones. */
    public static String name(int type, CharSequence s) {
        return type == NOT_SPECIAL ? s.toString() : NAMES[type];
    }

    /** The default port of a scheme type; -2 (matching no port) for schemes without one. */
    public static int defaultPort(int type) {
        return DEFAULT_PORTS[type];
    }
}
