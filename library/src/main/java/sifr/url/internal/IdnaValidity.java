package sifr.url.internal;

import static sifr.url.internal.UnicodeTables.BIDI_AL;
import static sifr.url.internal.UnicodeTables.BIDI_AN;
import static sifr.url.internal.UnicodeTables.BIDI_BN;
import static sifr.url.internal.UnicodeTables.BIDI_CS;
import static sifr.url.internal.UnicodeTables.BIDI_EN;
import static sifr.url.internal.UnicodeTables.BIDI_ES;
import static sifr.url.internal.UnicodeTables.BIDI_ET;
import static sifr.url.internal.UnicodeTables.BIDI_L;
import static sifr.url.internal.UnicodeTables.BIDI_NSM;
import static sifr.url.internal.UnicodeTables.BIDI_ON;
import static sifr.url.internal.UnicodeTables.BIDI_R;

/**
 * The UTS #46 validity criteria for one label (nontransitional, CheckHyphens false), the
 * CONTEXTJ rules of RFC 5892 Appendix A for the joiners, and the Bidi Rule of RFC 5893.
 */
final class IdnaValidity {
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    private IdnaValidity() {
    }

    /** Criteria 2-7 (NFC is checked by the caller where the label did not come from NFC). */
    static boolean isValidLabel(String label) {
        if (label.isEmpty()) {
            return true;
        }
        if (label.startsWith("xn--")) {
            return false;
        }
        if (UnicodeTables.isMark(label.codePointAt(0))) {
            return false;
        }
        int[] cps = label.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (cp == '.' || UnicodeTables.idnaStatus(cp) != UnicodeTables.VALID) {
                return false;
            }
            if (cp == ZWNJ || cp == ZWJ) {
                if (!joinerAllowed(cps, i)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean joinerAllowed(int[] cps, int i) {
        if (i > 0 && UnicodeTables.isVirama(cps[i - 1])) {
            return true;
        }
        if (cps[i] == ZWJ) {
            return false;
        }
        // (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D})
        int before = i - 1;
        while (before >= 0 && UnicodeTables.joiningType(cps[before]) == UnicodeTables.JOINING_T) {
            before--;
        }
        if (before < 0) {
            return false;
        }
        int typeBefore = UnicodeTables.joiningType(cps[before]);
        if (typeBefore != UnicodeTables.JOINING_L && typeBefore != UnicodeTables.JOINING_D) {
            return false;
        }
        int after = i + 1;
        while (after < cps.length && UnicodeTables.joiningType(cps[after]) == UnicodeTables.JOINING_T) {
            after++;
        }
        if (after >= cps.length) {
            return false;
        }
        int typeAfter = UnicodeTables.joiningType(cps[after]);
        return typeAfter == UnicodeTables.JOINING_R || typeAfter == UnicodeTables.JOINING_D;
    }

    /** True if the label has a character of bidi class R, AL or AN (which makes a Bidi domain name). */
    static boolean hasRtl(String label) {
        for (int i = 0; i < label.length(); ) {
            int cp = label.codePointAt(i);
            i += Character.charCount(cp);
            int bidi = UnicodeTables.bidiClass(cp);
            if (bidi == BIDI_R || bidi == BIDI_AL || bidi == BIDI_AN) {
                return true;
            }
        }
        return false;
    }

    /** The six conditions of RFC 5893 section 2. */
    static boolean satisfiesBidiRule(String label) {
        int[] cps = label.codePoints().toArray();
        int first = UnicodeTables.bidiClass(cps[0]);
        boolean rtl;
        if (first == BIDI_R || first == BIDI_AL) {
            rtl = true;
        } else if (first == BIDI_L) {
            rtl = false;
        } else {
            return false;
        }
        int last = cps.length - 1;
        while (last > 0 && UnicodeTables.bidiClass(cps[last]) == BIDI_NSM) {
            last--;
        }
        int lastClass = UnicodeTables.bidiClass(cps[last]);
        boolean hasEn = false;
        boolean hasAn = false;
        for (int cp : cps) {
            int c = UnicodeTables.bidiClass(cp);
            if (rtl) {
                if (!(c == BIDI_R || c == BIDI_AL || c == BIDI_AN || c == BIDI_EN || c == BIDI_ES || c == BIDI_CS
                        || c == BIDI_ET || c == BIDI_ON || c == BIDI_BN || c == BIDI_NSM)) {
                    return false;
                }
                hasEn |= c == BIDI_EN;
                hasAn |= c == BIDI_AN;
            } else if (!(c == BIDI_L || c == BIDI_EN || c == BIDI_ES || c == BIDI_CS || c == BIDI_ET || c == BIDI_ON
                    || c == BIDI_BN || c == BIDI_NSM)) {
                return false;
            }
        }
        if (rtl) {
            return (lastClass == BIDI_R || lastClass == BIDI_AL || lastClass == BIDI_EN || lastClass == BIDI_AN)
                    && !(hasEn && hasAn);
        }
        return lastClass == BIDI_L || lastClass == BIDI_EN;
    }
}
