package sifr.check;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * Reads the annotation form of the named exceptions:
 * {@code @SuppressWarnings("SIFR-IMPORT-0008")} allows every legacy API inside the annotated
 * declaration, {@code @SuppressWarnings("SIFR-IMPORT-0008:java.net.URI")} only the named one
 * ({@code :javax.net.ssl.*} a whole package). {@code SuppressWarnings} needs no dependency, and javac
 * ignores suppression strings it does not know.
 */
final class Suppressions {

    private Suppressions() {
    }

    /** The patterns a declaration's {@code @SuppressWarnings} names for this check; empty if none. */
    static List<NamePattern> of(Element element) {
        if (element == null) {
            return List.of();
        }
        SuppressWarnings annotation = element.getAnnotation(SuppressWarnings.class);
        if (annotation == null) {
            return List.of();
        }
        List<NamePattern> patterns = new ArrayList<>();
        for (String value : annotation.value()) {
            if (value.equals(ImportDiagnostic.CODE)) {
                patterns.add(NamePattern.ANY);
            } else if (value.startsWith(ImportDiagnostic.CODE + ":")) {
                patterns.addAll(CheckOptions.parseNames(value.substring(ImportDiagnostic.CODE.length() + 1)));
            }
        }
        return patterns;
    }

    static boolean matches(List<NamePattern> patterns, String legacyName, String packageName) {
        for (NamePattern pattern : patterns) {
            if (pattern.matches(legacyName, packageName)) {
                return true;
            }
        }
        return false;
    }
}
