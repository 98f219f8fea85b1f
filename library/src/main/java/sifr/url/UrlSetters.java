package sifr.url;

import sifr.url.internal.ParseContext;
import sifr.url.internal.PercentEncoding;
import sifr.url.internal.UrlRecord;
import sifr.url.internal.UrlStates;

/**
 * The WHATWG URL setters ({@code protocol}, {@code username}, ... {@code hash}) as immutable
 * withers: each copies the URL into a record, runs the standard's steps (mostly the basic URL
 * parser with a state override) and serializes. Where the standard ignores the value, the same
 * URL comes back; setters never throw.
 */
final class UrlSetters {
    enum Kind { SCHEME, USERNAME, PASSWORD, HOST, HOSTNAME, PORT, PATH, QUERY, FRAGMENT }

    private UrlSetters() {
    }

    static Url apply(Url url, Kind kind, String value) {
        if (value == null) {
            throw new UrlError("URL component must not be null");
        }
        Url.checkSize(value);
        ParseContext context = ParseContext.acquire(Math.max(url.href().length(), value.length() + 1));
        try {
            UrlRecord r = context.record;
            url.fill(r);
            if (!change(context, r, kind, value)) {
                return url;
            }
            Url result = Url.of(r, context.out());
            return result.equals(url) ? url : result;
        } finally {
            context.release();
        }
    }

    /** Applies the setter to {@code r}; false if the URL stays as it was. */
    private static boolean change(ParseContext context, UrlRecord r, Kind kind, String value) {
        switch (kind) {
            case SCHEME -> {
                return run(context, r, value + ":", UrlStates.SCHEME_START);
            }
            case USERNAME, PASSWORD -> {
                if (r.cannotHaveCredentialsOrPort()) {
                    return false;
                }
                String encoded = PercentEncoding.encode(value, PercentEncoding.USERINFO);
                if (kind == Kind.USERNAME) {
                    r.username = encoded;
                } else {
                    r.password = encoded;
                }
                return true;
            }
            case HOST, HOSTNAME -> {
                if (r.opaquePath) {
                    return false;
                }
                return run(context, r, value, kind == Kind.HOST ? UrlStates.HOST : UrlStates.HOSTNAME);
            }
            case PORT -> {
                if (r.cannotHaveCredentialsOrPort()) {
                    return false;
                }
                if (value.isEmpty()) {
                    r.port = -1;
                    return true;
                }
                return run(context, r, value, UrlStates.PORT);
            }
            case PATH -> {
                if (r.opaquePath) {
                    return false;
                }
                r.path.setLength(0);
                return run(context, r, value, UrlStates.PATH_START);
            }
            case QUERY -> {
                if (value.isEmpty()) {
                    r.query = null;
                    return true;
                }
                r.query = "";
                return run(context, r, value.charAt(0) == '?' ? value.substring(1) : value, UrlStates.QUERY);
            }
            case FRAGMENT -> {
                if (value.isEmpty()) {
                    r.fragment = null;
                    return true;
                }
                r.fragment = "";
                return run(context, r, value.charAt(0) == '#' ? value.substring(1) : value, UrlStates.FRAGMENT);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /**
     * Runs the parser with a state override. Its result is ignored, as the standard's setters do:
     * a failure after a component was already set (a host followed by a bad port) keeps that part.
     */
    private static boolean run(ParseContext context, UrlRecord r, String value, int state) {
        context.load(value, false);
        context.parser.parse(context.chars(), context.length, r, null, state);
        return true;
    }
}
