package sifr.url.internal;

/**
 * The mutable URL record of the URL Standard, used while parsing and while applying a setter.
 * The path is kept serialized in one builder: a list path {@code ["a", "b"]} is {@code "/a/b"} and
 * the empty list is {@code ""}; since every segment is percent-encoded, {@code '/'} only ever
 * separates segments, so shortening the path is cutting at the last {@code '/'}.
 */
public final class UrlRecord {
    public String scheme = "";
    public int schemeType = Schemes.NOT_SPECIAL;
    public String username = "";
    public String password = "";
    /** The serialized host (IPv6 in brackets), {@code ""} for the empty host, null for no host. */
    public String host;
    /** -1 when null. */
    public int port = -1;
    public final StringBuilder path;
    public boolean opaquePath;
    public String query;
    public String fragment;

    public UrlRecord() {
        this(16);
    }

    /** A record whose path builder starts with room for {@code pathCapacity} chars. */
    public UrlRecord(int pathCapacity) {
        path = new StringBuilder(pathCapacity);
    }

    /** Back to a fresh record (everything null or empty). */
    public void reset() {
        scheme = "";
        schemeType = Schemes.NOT_SPECIAL;
        username = "";
        password = "";
        host = null;
        port = -1;
        path.setLength(0);
        opaquePath = false;
        query = null;
        fragment = null;
    }

    public boolean isSpecial() {
        return schemeType != Schemes.NOT_SPECIAL;
    }

    public boolean includesCredentials() {
        return !username.isEmpty() || !password.isEmpty();
    }

    /** Cannot have a username, password or port: no host, the empty host, or {@code file}. */
    public boolean cannotHaveCredentialsOrPort() {
        return host == null || host.isEmpty() || schemeType == Schemes.FILE;
    }

    /** Copies username, password, host and port from {@code other}. */
    void copyAuthority(UrlRecord other) {
        username = other.username;
        password = other.password;
        host = other.host;
        port = other.port;
    }

    void copyPath(UrlRecord other) {
        path.setLength(0);
        path.append(other.path);
        opaquePath = other.opaquePath;
    }

    /** The number of path segments (list paths only). */
    int pathSegmentsAtMostTwo() {
        if (path.length() == 0) {
            return 0;
        }
        return path.indexOf("/", 1) < 0 ? 1 : 2;
    }

    /** Shortens the path: drops the last segment unless it is a lone {@code file} drive letter. */
    void shortenPath() {
        if (schemeType == Schemes.FILE && pathSegmentsAtMostTwo() == 1
                && Chars.isNormalizedWindowsDriveLetter(path, 1, path.length())) {
            return;
        }
        int slash = path.lastIndexOf("/");
        if (slash >= 0) {
            path.setLength(slash);
        }
    }

    /** True if the first path segment is a normalized Windows drive letter. */
    boolean firstSegmentIsNormalizedDriveLetter() {
        if (path.length() < 3) {
            return false;
        }
        int end = path.indexOf("/", 1);
        return Chars.isNormalizedWindowsDriveLetter(path, 1, end < 0 ? path.length() : end);
    }

    /** Appends the first path segment, with its leading slash, of {@code other} to this path. */
    void appendFirstSegmentOf(UrlRecord other) {
        int end = other.path.indexOf("/", 1);
        path.append(other.path, 0, end < 0 ? other.path.length() : end);
    }
}
