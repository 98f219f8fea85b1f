package sifr.check;

/**
 * A named exception to the check: {@code java.net.URI} (that type, its nested types and members),
 * {@code javax.net.ssl.*} (every type of that package and its subpackages) or {@code *} (everything).
 */
public record NamePattern(String text) {

    /** Matches every legacy API. */
    public static final NamePattern ANY = new NamePattern("*");

    public NamePattern {
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")
                || (text.indexOf('*') >= 0 && !text.equals("*") && !text.endsWith(".*"))
                || text.indexOf('*') != text.lastIndexOf('*')) {
            throw new IllegalArgumentException("invalid legacy API name '" + text
                    + "' (expected a qualified type name such as java.net.URI, a package such as"
                    + " javax.net.ssl.*, or *)");
        }
    }

    /**
     * @param legacyName  the name a finding reports: {@code java.net.URI},
     *                    {@code java.net.URLEncoder.encode} (a member) or {@code javax.net.ssl.*}
     * @param packageName the package the legacy API lives in
     */
    public boolean matches(String legacyName, String packageName) {
        if (text.equals("*")) {
            return true;
        }
        if (text.endsWith(".*")) {
            String pkg = text.substring(0, text.length() - 2);
            return packageName.equals(pkg) || packageName.startsWith(pkg + ".");
        }
        return legacyName.equals(text) || legacyName.startsWith(text + ".");
    }
}
