package sifr.url.internal;

import java.text.Normalizer;

/**
 * UTS #46 ToASCII as the URL Standard calls it: nontransitional, UseSTD3ASCIIRules false,
 * CheckHyphens false, CheckBidi and CheckJoiners true, VerifyDnsLength false,
 * IgnoreInvalidPunycode false. Any recorded error makes the whole domain fail (null).
 */
public final class Idna {
    private Idna() {
    }

    /** The ASCII form of {@code domain}, or null if UTS #46 processing records an error. */
    public static String toAscii(String domain) {
        StringBuilder mapped = new StringBuilder(domain.length() + 8);
        for (int i = 0; i < domain.length(); ) {
            int cp = domain.codePointAt(i);
            i += Character.charCount(cp);
            switch (UnicodeTables.idnaStatus(cp)) {
                case UnicodeTables.VALID -> mapped.appendCodePoint(cp);
                case UnicodeTables.MAPPED -> UnicodeTables.appendMapping(mapped, cp);
                case UnicodeTables.IGNORED -> {
                }
                default -> {
                    return null;
                }
            }
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFC);
        int labelCount = 1;
        for (int i = 0; i < normalized.length(); i++) {
            if (normalized.charAt(i) == '.') {
                labelCount++;
            }
        }
        String[] unicode = new String[labelCount];
        StringBuilder out = new StringBuilder(normalized.length() + 16);
        boolean bidiDomain = false;
        int start = 0;
        for (int l = 0; l < labelCount; l++) {
            int dot = normalized.indexOf('.', start);
            int end = dot < 0 ? normalized.length() : dot;
            String label = normalized.substring(start, end);
            start = end + 1;
            if (l > 0) {
                out.append('.');
            }
            if (label.startsWith("xn--")) {
                if (!isAscii(label)) {
                    return null;
                }
                String decoded = Punycode.decode(label.substring(4));
                if (decoded == null || decoded.isEmpty() || isAscii(decoded)
                        || !Normalizer.isNormalized(decoded, Normalizer.Form.NFC) || !IdnaValidity.isValidLabel(decoded)) {
                    return null;
                }
                unicode[l] = decoded;
                out.append(label);
            } else {
                if (!IdnaValidity.isValidLabel(label)) {
                    return null;
                }
                unicode[l] = label;
                if (isAscii(label)) {
                    out.append(label);
                } else {
                    String encoded = Punycode.encode(label);
                    if (encoded == null) {
                        return null;
                    }
                    out.append("xn--").append(encoded);
                }
            }
            bidiDomain |= IdnaValidity.hasRtl(unicode[l]);
        }
        if (bidiDomain) {
            for (String label : unicode) {
                if (!label.isEmpty() && !IdnaValidity.satisfiesBidiRule(label)) {
                    return null;
                }
            }
        }
        return out.toString();
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
