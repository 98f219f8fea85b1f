package sifr.cli;

import sifr.check.ImportDiagnostic;
import sifr.check.LegacyApi;
import sifr.check.Severity;

/**
 * One SIFR-IMPORT-0008 finding of {@code sifr check}, detached from the compiler's trees.
 *
 * @param file       the source file, as reached from the path given on the command line
 * @param line       1-based line, from javac's line map
 * @param column     1-based column, from javac's line map (tabs expanded, as javac reports them)
 * @param sourceLine the text of that line
 * @param offset     the finding's character index within {@code sourceLine}
 * @param legacyName the legacy API used
 * @param api        the rule that matched
 */
record CheckFinding(String file, long line, long column, String sourceLine, int offset, String legacyName,
        LegacyApi api) {

    String headline(Severity severity) {
        return ImportDiagnostic.headline(severity, legacyName);
    }

    String help() {
        return ImportDiagnostic.help(api);
    }
}
