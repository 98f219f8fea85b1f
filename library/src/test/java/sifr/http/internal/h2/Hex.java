package sifr.http.internal.h2;

import java.util.HexFormat;

/** Byte fixtures written as hex with spaces and one comment per field: {@code "000005 // length"}. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            int comment = line.indexOf("//");
            String code = comment >= 0 ? line.substring(0, comment) : line;
            for (int i = 0; i < code.length(); i++) {
                char c = code.charAt(i);
                if (c != ' ' && c != '\n') {
                    sb.append(c);
                }
            }
        }
        return HexFormat.of().parseHex(sb.toString());
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
