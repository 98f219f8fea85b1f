package sifr.url.internal;

/**
 * The URL Standard's basic URL parser states ({@link UrlParser} runs them; the setters start it at
 * one of them as a state override) and the failure messages the parser returns.
 */
public final class UrlStates {
    private UrlStates() {
    }

    public static final int NO_OVERRIDE = -1;
    public static final int SCHEME_START = 0;
    public static final int SCHEME = 1;
    public static final int NO_SCHEME = 2;
    public static final int SPECIAL_RELATIVE_OR_AUTHORITY = 3;
    public static final int PATH_OR_AUTHORITY = 4;
    public static final int RELATIVE = 5;
    public static final int RELATIVE_SLASH = 6;
    public static final int SPECIAL_AUTHORITY_SLASHES = 7;
    public static final int SPECIAL_AUTHORITY_IGNORE_SLASHES = 8;
    public static final int AUTHORITY = 9;
    public static final int HOST = 10;
    public static final int HOSTNAME = 11;
    public static final int PORT = 12;
    public static final int FILE = 13;
    public static final int FILE_SLASH = 14;
    public static final int FILE_HOST = 15;
    public static final int PATH_START = 16;
    public static final int PATH = 17;
    public static final int OPAQUE_PATH = 18;
    public static final int QUERY = 19;
    public static final int FRAGMENT = 20;

    public static final String INVALID_HOST = "invalid URL host";
    public static final String INVALID_PORT = "URL port must be in 0..65535";
}
