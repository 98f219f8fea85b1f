package sifr.url.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sifr.url.UrlError;

/** The application/x-www-form-urlencoded parser and serializer of the URL Standard. */
public final class FormUrlEncoded {
    private FormUrlEncoded() {
    }

    /**
     * Parses {@code input} into name/value pairs. When {@code strict}, a name or value whose bytes
     * are not UTF-8 fails with {@code query component is not UTF-8}; otherwise such bytes decode
     * to U+FFFD as the standard says.
     */
    public static List<Map.Entry<String, String>> parse(String input, boolean strict) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        char[] chars = input.toCharArray();
        int start = 0;
        while (start <= chars.length) {
            int amp = start;
            while (amp < chars.length && chars[amp] != '&') {
                amp++;
            }
            if (amp > start) {
                int eq = start;
                while (eq < amp && chars[eq] != '=') {
                    eq++;
                }
                String name = decode(chars, start, eq, strict);
                String value = eq < amp ? decode(chars, eq + 1, amp, strict) : "";
                pairs.add(Map.entry(name, value));
            }
            start = amp + 1;
        }
        return pairs;
    }

    private static String decode(char[] chars, int start, int end, boolean strict) {
        boolean plain = true;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c == '+' || c == '%' || Character.isSurrogate(c)) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(chars, start, end - start);
        }
        char[] replaced = new char[end - start];
        for (int i = start; i < end; i++) {
            replaced[i - start] = chars[i] == '+' ? ' ' : chars[i];
        }
        byte[] bytes = PercentEncoding.decodeLenient(replaced, 0, replaced.length);
        if (!strict) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UrlError("query component is not UTF-8");
        }
    }

    /** Serializes pairs: {@code name=value} joined by {@code &}, spaces as {@code +}. */
    public static String serialize(List<Map.Entry<String, String>> pairs) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            appendComponent(out, pair.getKey());
            out.append('=');
            appendComponent(out, pair.getValue());
        }
        return out.toString();
    }

    private static void appendComponent(StringBuilder out, String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; ) {
            if (chars[i] == ' ') {
                out.append('+');
                i++;
            } else {
                i = PercentEncoding.appendEncodedCodePoint(out, chars, i, chars.length, PercentEncoding.FORM);
            }
        }
    }
}
