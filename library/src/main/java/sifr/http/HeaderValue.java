package sifr.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A validated HTTP field value: trimmed of leading and trailing spaces and tabs, at most
 * {@value #MAX_LENGTH} bytes, without CR, LF or other control characters (a tab inside is allowed).
 * Text is carried as UTF-8 on the wire; bytes read from the wire are kept exactly as received, so a
 * value re-serializes byte for byte.
 *
 * <p>A <em>sensitive</em> value (credentials, cookies) is kept out of HPACK's dynamic table and is
 * printed as {@code <sensitive>} by {@link #toString()}; {@link #value()} still returns the text.
 */
public final class HeaderValue {
    /** The longest accepted value, in bytes (64 KiB). */
    public static final int MAX_LENGTH = 64 * 1024;

    static final String LINE_BREAK = "header values must not contain obs-fold or line breaks";
    static final String CONTROL = "header values must not contain control characters";
    static final String TOO_LARGE = "header value is too large";

    private final byte[] bytes;
    private final boolean sensitive;
    private String text; // decoded on first use when built from bytes; racy caching of an immutable String is safe

    private HeaderValue(byte[] bytes, String text, boolean sensitive) {
        this.bytes = bytes;
        this.text = text;
        this.sensitive = sensitive;
    }

    /**
     * Validates and trims a value.
     *
     * @throws HeaderError {@code header values must not contain obs-fold or line breaks} for CR or LF,
     *     {@code header values must not contain control characters} for other controls,
     *     {@code header value is too large} above 64 KiB
     */
    public static HeaderValue of(String value) {
        return of(value, false);
    }

    /** Like {@link #of(String)}, marked sensitive. */
    public static HeaderValue sensitive(String value) {
        return of(value, true);
    }

    private static HeaderValue of(String value, boolean sensitive) {
        int start = 0;
        int end = value.length();
        while (start < end && isOws(value.charAt(start))) {
            start++;
        }
        while (end > start && isOws(value.charAt(end - 1))) {
            end--;
        }
        boolean ascii = true;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            checkByte(c);
            ascii &= c < 0x80;
        }
        String trimmed = (start == 0 && end == value.length()) ? value : value.substring(start, end);
        byte[] bytes = trimmed.getBytes(ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        if (bytes.length > MAX_LENGTH) {
            throw new HeaderError(TOO_LARGE);
        }
        return new HeaderValue(bytes, trimmed, sensitive);
    }

    /**
     * Validates and trims a value given as bytes (as read from the wire). Bytes 0x80..0xFF (obs-text)
     * are accepted; {@link #value()} decodes them as UTF-8 when they are valid UTF-8, else as ISO-8859-1.
     */
    public static HeaderValue of(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && isOws(bytes[start])) {
            start++;
        }
        while (end > start && isOws(bytes[end - 1])) {
            end--;
        }
        if (end - start > MAX_LENGTH) {
            throw new HeaderError(TOO_LARGE);
        }
        for (int i = start; i < end; i++) {
            checkByte(bytes[i] & 0xFF);
        }
        return new HeaderValue(Arrays.copyOfRange(bytes, start, end), null, false);
    }

    private static boolean isOws(int c) {
        return c == ' ' || c == '\t';
    }

    private static void checkByte(int c) {
        if (c < 0x20 || c == 0x7F) {
            if (c == '\r' || c == '\n') {
                throw new HeaderError(LINE_BREAK);
            }
            if (c != '\t') {
                throw new HeaderError(CONTROL);
            }
        }
    }

    /** This value with the sensitive flag set or cleared. */
    public HeaderValue withSensitive(boolean flag) {
        return flag == sensitive ? this : new HeaderValue(bytes, text, flag);
    }

    public boolean isSensitive() {
        return sensitive;
    }

    /** The text of the value. */
    public String value() {
        String t = text;
        if (t == null) {
            t = decode(bytes);
            text = t;
        }
        return t;
    }

    private static String decode(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    return new String(bytes, StandardCharsets.ISO_8859_1);
                }
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The wire bytes. A copy: the internal array is never exposed. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The length in bytes on the wire. */
    public int length() {
        return bytes.length;
    }

    /** Copies the wire bytes into {@code dst} at {@code offset} (for encoders that must not allocate). */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
    }

    /** Equal when the bytes are equal; the sensitive flag does not take part. */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof HeaderValue other && Arrays.equals(bytes, other.bytes));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The text, or {@code <sensitive>} for a sensitive value (keeps secrets out of logs). */
    @Override
    public String toString() {
        return sensitive ? "<sensitive>" : value();
    }
}
