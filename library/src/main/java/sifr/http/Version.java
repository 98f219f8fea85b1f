package sifr.http;

/** An HTTP protocol version. {@link #toString()} is the text form, e.g. {@code HTTP/1.1}. */
public enum Version {
    HTTP_1_0("HTTP/1.0"),
    HTTP_1_1("HTTP/1.1"),
    HTTP_2("HTTP/2"),
    HTTP_3("HTTP/3");

    private final String text;

    Version(String text) {
        this.text = text;
    }

    /**
     * Parses {@code HTTP/1.0}, {@code HTTP/1.1}, {@code HTTP/2} or {@code HTTP/3} ({@code HTTP/2.0} and
     * {@code HTTP/3.0} are accepted too).
     *
     * @throws IllegalArgumentException {@code invalid HTTP version} (Sifr's exact message; the text is
     *     not echoed back)
     */
    public static Version of(String text) {
        return switch (text) {
            case "HTTP/1.0" -> HTTP_1_0;
            case "HTTP/1.1" -> HTTP_1_1;
            case "HTTP/2", "HTTP/2.0" -> HTTP_2;
            case "HTTP/3", "HTTP/3.0" -> HTTP_3;
            default -> throw new IllegalArgumentException("invalid HTTP version");
        };
    }

    /** The text form, e.g. {@code HTTP/2}. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
