package sifr.check;

/**
 * One row of the rule table: a legacy JDK networking type (or a whole legacy package) and the
 * {@code sifr.*} replacement the diagnostic's help line names.
 *
 * @param legacy      a fully qualified type name, or a package name when {@code wholePackage}
 * @param wholePackage true when the row covers every type of the package (and its subpackages)
 * @param area        the Sifr package that replaces it: {@code sifr.net}, {@code sifr.tls}, ...
 * @param replacement the fully qualified Sifr type to use instead
 * @param how         how to obtain or use the replacement, e.g. {@code Net.connectTcp}
 */
public record LegacyApi(String legacy, boolean wholePackage, String area, String replacement, String how) {

    /** The help line's text without the {@code help: } prefix. */
    public String help() {
        return "use '" + replacement + "' (" + how + ")";
    }
}
