package sifr.http.internal.files;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import sifr.http.HeaderMap;

/**
 * The conditional-request evaluation of RFC 9110 §13.2.2 for a file that exists, in its order:
 * If-Match, else If-Unmodified-Since (412 when false); If-None-Match, else (GET/HEAD) If-Modified-Since
 * (304 for GET/HEAD when the client's copy is current, 412 otherwise); If-Range is answered separately
 * by {@link #rangeApplies}, since it only decides whether Range is honoured. Dates compare at the
 * one-second resolution of HTTP-date.
 */
public final class Preconditions {

    /** What the evaluation leaves for the response. */
    public enum Outcome { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

    private Preconditions() {
    }

    /**
     * @param safe whether the method is GET or HEAD (304 applies only to those)
     * @param etag the representation's strong tag
     * @param lastModified its modification time, truncated to seconds
     */
    public static Outcome evaluate(HeaderMap headers, boolean safe, String etag, Instant lastModified) {
        List<String> ifMatch = headers.getAll("if-match");
        if (!ifMatch.isEmpty()) { // step 1
            if (!EntityTags.parseList(ifMatch).matchesStrongly(etag)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else { // step 2
            Instant since = date(headers, "if-unmodified-since");
            if (since != null && lastModified.isAfter(since)) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        List<String> ifNoneMatch = headers.getAll("if-none-match");
        if (!ifNoneMatch.isEmpty()) { // step 3
            // the usual revalidation sends back exactly the tag it was given: no list to parse
            boolean same = ifNoneMatch.size() == 1 && ifNoneMatch.getFirst().equals(etag);
            if (same || EntityTags.parseList(ifNoneMatch).matchesWeakly(etag)) {
                return safe ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED;
            }
        } else if (safe) { // step 4
            Instant since = date(headers, "if-modified-since");
            if (since != null && !lastModified.isAfter(since)) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * Step 5: whether a Range of a GET is honoured. Without If-Range, yes; with it, only when its
     * validator matches (§13.1.5): an entity tag by strong comparison, a date only when it is exactly
     * the Last-Modified (a weak tag or any other date sends the whole representation).
     */
    public static boolean rangeApplies(HeaderMap headers, String etag, Instant lastModified) {
        Optional<String> ifRange = headers.get("if-range");
        if (ifRange.isEmpty()) {
            return true;
        }
        String v = ifRange.get().strip();
        if (v.startsWith("\"")) {
            return v.equals(etag);
        }
        if (v.startsWith("W/")) {
            return false;
        }
        Instant date = HttpDates.parse(v);
        return date != null && date.equals(lastModified);
    }

    private static Instant date(HeaderMap headers, String name) {
        List<String> values = headers.getAll(name);
        // a list of dates is not a valid HTTP-date: ignore the field (§13.1.3/§13.1.4)
        return values.size() == 1 ? HttpDates.parse(values.getFirst()) : null;
    }
}
