package sifr.http.internal.compress;

import java.util.List;
import java.util.Locale;

/**
 * Picks a content coding from {@code Accept-Encoding} (RFC 9110 §12.5.3): each listed coding with its
 * weight ({@code q}, default 1; {@code q=0} means "not acceptable"), {@code *} standing for every
 * coding not listed, {@code x-gzip} the same as {@code gzip} (§8.4.1.3). The best of gzip and deflate
 * by weight wins, gzip on a tie (it is the one every client decodes the same way); identity wins only
 * when the client gave it, or {@code *}, a higher weight. No field, or an empty one: identity.
 */
public final class AcceptEncoding {
    /** Most list elements looked at: a field is bounded by the header limits, this bounds the work. */
    static final int MAX_ELEMENTS = 64;

    private AcceptEncoding() {
    }

    /** {@code "gzip"}, {@code "deflate"} or null (send identity) for these {@code Accept-Encoding} fields. */
    public static String choose(List<String> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        double gzip = -1;
        double deflate = -1;
        double identity = -1;
        double star = -1;
        int seen = 0;
        for (String field : fields) {
            for (String element : field.split(",")) {
                if (++seen > MAX_ELEMENTS) {
                    break;
                }
                String[] parts = element.split(";");
                String coding = parts[0].strip().toLowerCase(Locale.ROOT);
                if (coding.isEmpty()) {
                    continue;
                }
                double q = 1;
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].strip();
                    if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                        q = weight(p.substring(2));
                    }
                }
                if (q < 0) {
                    continue; // a malformed weight: ignore the element rather than guess
                }
                switch (coding) {
                    case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
                    case "deflate" -> deflate = q;
                    case "identity" -> identity = q;
                    case "*" -> star = q;
                    default -> { }
                }
            }
        }
        if (gzip < 0) {
            gzip = star;
        }
        if (deflate < 0) {
            deflate = star;
        }
        if (identity < 0) {
            identity = star; // unlisted identity is still acceptable, but never preferred over a listed coding
        }
        double best = Math.max(gzip, deflate);
        if (best <= 0 || identity > best) {
            return null;
        }
        return gzip >= deflate ? "gzip" : "deflate";
    }

    /** qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); -1 when malformed. */
    static double weight(String s) {
        if (s.isEmpty() || s.length() > 5 || (s.charAt(0) != '0' && s.charAt(0) != '1')) {
            return -1;
        }
        if (s.length() > 1 && s.charAt(1) != '.') {
            return -1;
        }
        for (int i = 2; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        double q = Double.parseDouble(s.length() == 2 ? s.substring(0, 1) : s);
        return q > 1 ? -1 : q;
    }
}
