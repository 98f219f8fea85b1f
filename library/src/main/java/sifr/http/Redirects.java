package sifr.http;

/**
 * Which redirects {@link HttpClient} follows (301, 302, 303, 307 and 308 with a {@code Location};
 * at most 20 in a row, a loop fails at once). Other responses, and redirects not followed, are
 * returned as they are.
 */
public enum Redirects {
    /** Follow none: every 3xx is returned to the caller. */
    NEVER,
    /** Follow all except from {@code https} to {@code http} (the default, like browsers and curl's users expect). */
    NORMAL,
    /** Follow all, {@code https} to {@code http} included. */
    ALWAYS
}
