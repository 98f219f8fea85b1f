package sifr.tls.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * RFC 7468 PEM: finds {@code -----BEGIN LABEL-----} ... {@code -----END LABEL-----} blocks and decodes
 * their base64 bodies strictly. Text outside blocks (comments, OpenSSL's "Bag Attributes") is
 * ignored, as RFC 7468 allows; inside a block every line must be base64, except RFC 1421 headers
 * ({@code Proc-Type: 4,ENCRYPTED}), which are kept so that encrypted legacy keys can be recognised.
 */
final class Pem {
    /** Upper bound on PEM input: far above any real chain, low enough to bound memory. */
    static final int MAX_PEM_BYTES = 4 * 1024 * 1024;

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {
    }

    /** One decoded block; {@code encryptedHeader} is true for an RFC 1421 {@code Proc-Type: 4,ENCRYPTED}. */
    record Block(String label, byte[] der, boolean encryptedHeader) {
    }

    /** Thrown for malformed PEM; callers add context ({@code failed to parse ...: }). */
    static final class PemException extends Exception {
        private static final long serialVersionUID = 1L;

        PemException(String message) {
            super(message);
        }
    }

    static List<Block> parse(byte[] pem) throws PemException {
        if (pem.length > MAX_PEM_BYTES) {
            throw new PemException("PEM input exceeds " + MAX_PEM_BYTES + " bytes");
        }
        // ISO-8859-1 maps bytes 1:1, so a stray non-ASCII byte can never hide a line break.
        String text = new String(pem, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        String label = null;
        StringBuilder body = null;
        boolean encrypted = false;
        int lineNo = 0;
        int pos = 0;
        while (pos < text.length()) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                eol = text.length();
            }
            String line = strip(text, pos, eol);
            pos = eol + 1;
            lineNo++;
            if (label == null) {
                if (line.startsWith(BEGIN)) {
                    label = labelOf(line, BEGIN, lineNo);
                    body = new StringBuilder();
                    encrypted = false;
                }
                continue;
            }
            if (line.startsWith(END)) {
                String endLabel = labelOf(line, END, lineNo);
                if (!endLabel.equals(label)) {
                    throw new PemException("PEM block BEGIN " + label + " ends with END " + endLabel);
                }
                blocks.add(new Block(label, decode(body, label), encrypted));
                label = null;
                body = null;
            } else if (line.startsWith(BEGIN)) {
                throw new PemException("PEM block BEGIN " + label + " has no END line");
            } else if (line.indexOf(':') >= 0) {
                if (line.startsWith("Proc-Type:") && line.contains("ENCRYPTED")) {
                    encrypted = true;
                }
            } else {
                body.append(line);
            }
        }
        if (label != null) {
            throw new PemException("PEM block BEGIN " + label + " has no END line");
        }
        return blocks;
    }

    private static String labelOf(String line, String prefix, int lineNo) throws PemException {
        if (!line.endsWith(DASHES) || line.length() < prefix.length() + DASHES.length()) {
            throw new PemException("malformed PEM boundary on line " + lineNo);
        }
        return line.substring(prefix.length(), line.length() - DASHES.length());
    }

    private static byte[] decode(StringBuilder body, String label) throws PemException {
        try {
            byte[] der = Base64.getDecoder().decode(body.toString());
            if (der.length == 0) {
                throw new PemException("PEM block " + label + " is empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new PemException("PEM block " + label + " is not valid base64");
        }
    }

    /** The line between {@code from} and {@code to} without surrounding spaces, tabs and CR. */
    private static String strip(String text, int from, int to) {
        while (from < to && isSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
