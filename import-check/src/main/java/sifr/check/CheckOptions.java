package sifr.check;

import java.util.ArrayList;
import java.util.List;

/**
 * What the check reports. The plugin reads them from its arguments
 * ({@code -Xplugin:SifrImportCheck warn allow=java.net.URI,javax.net.ssl.*}); {@code sifr check}
 * from {@code --warn} and {@code --allow}.
 *
 * @param severity how findings are reported
 * @param allowed  named exceptions: legacy APIs that are not reported at all
 */
public record CheckOptions(Severity severity, List<NamePattern> allowed) {

    /** Errors, no exceptions. */
    public static final CheckOptions DEFAULT = new CheckOptions(Severity.ERROR, List.of());

    public CheckOptions {
        allowed = List.copyOf(allowed);
    }

    /** Parses the plugin's arguments: {@code warn} and {@code allow=NAME[,NAME...]}, in any order. */
    public static CheckOptions parsePluginArgs(String... args) {
        Severity severity = Severity.ERROR;
        List<NamePattern> allowed = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("warn")) {
                severity = Severity.WARNING;
            } else if (arg.startsWith("allow=")) {
                allowed.addAll(parseNames(arg.substring("allow=".length())));
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException(SifrImportCheckPlugin.NAME + ": unknown option '" + arg
                        + "' (known: warn, allow=NAME[,NAME...])");
            }
        }
        return new CheckOptions(severity, allowed);
    }

    /** Parses {@code java.net.URI,javax.net.ssl.*}. */
    public static List<NamePattern> parseNames(String commaSeparated) {
        List<NamePattern> names = new ArrayList<>();
        for (String part : commaSeparated.split(",", -1)) {
            names.add(new NamePattern(part.strip()));
        }
        return names;
    }

    /** Whether a legacy API is one of the named exceptions. */
    public boolean isAllowed(String legacyName, String packageName) {
        for (NamePattern pattern : allowed) {
            if (pattern.matches(legacyName, packageName)) {
                return true;
            }
        }
        return false;
    }
}
