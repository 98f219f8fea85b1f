package sifr.http.internal.files;

import java.util.List;
import java.util.Locale;

/**
 * Accept-Encoding (RFC 9110 §12.5.3) as far as a file server needs it: the q-value a request gives a
 * coding, by name or through {@code *}. {@code q=0} refuses; a coding not listed (and no {@code *})
 * is not acceptable; an absent field accepts no coding here, since a precompressed file is only worth
 * sending to a client that said it decodes it. Malformed q-values count as 0.
 */
public final class AcceptEncoding {
    /** Most members read from the field; the rest are ignored. */
    static final int MAX_MEMBERS = 32;

    private AcceptEncoding() {
    }

    /** The q-value (0..1000, thousandths) for {@code coding} (lower case) in the field values. */
    public static int quality(List<String> fieldValues, String coding) {
        int named = -1;
        int star = -1;
        int members = 0;
        for (String value : fieldValues) {
            for (String member : value.split(",", MAX_MEMBERS + 1)) {
                if (++members > MAX_MEMBERS) {
                    break;
                }
                String[] parts = member.split(";");
                String name = parts[0].strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                int q = 1000;
                for (int k = 1; k < parts.length; k++) {
                    String p = parts[k].strip();
                    if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                        q = qvalue(p.substring(2).strip());
                    }
                }
                if (name.equals(coding)) {
                    named = Math.max(named, q);
                } else if (name.equals("*")) {
                    star = Math.max(star, q);
                }
            }
        }
        return named >= 0 ? named : Math.max(star, 0);
    }

    /** {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )} in thousandths; 0 if malformed. */
    static int qvalue(String s) {
        if (s.isEmpty() || s.length() > 5 || (s.charAt(0) != '0' && s.charAt(0) != '1')) {
            return 0;
        }
        if (s.length() > 1 && s.charAt(1) != '.') {
            return 0;
        }
        int q = (s.charAt(0) - '0') * 1000;
        int scale = 100;
        for (int i = 2; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            q += (c - '0') * scale;
            scale /= 10;
        }
        return Math.min(q, 1000);
    }
}
