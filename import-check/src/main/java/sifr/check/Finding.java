package sifr.check;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;

/**
 * One use of a legacy API in a compilation unit.
 *
 * @param unit        the compilation unit
 * @param at          the identifier the diagnostic points at (the first name of a qualified name)
 * @param position    the character offset of {@code at} in the source
 * @param legacyName  what was used: {@code java.net.Socket}, {@code java.net.URLEncoder.encode}
 *                    (a statically imported member) or {@code javax.net.ssl.*} (a wildcard import)
 * @param packageName the legacy API's package
 * @param api         the rule that matched, naming the replacement
 */
public record Finding(CompilationUnitTree unit, Tree at, long position, String legacyName, String packageName,
        LegacyApi api) {

    /** Line number, 1-based, from the compiler's line map. */
    public long line() {
        return unit.getLineMap().getLineNumber(position);
    }

    /** Column number, 1-based, from the compiler's line map (tabs expanded as javac reports them). */
    public long column() {
        return unit.getLineMap().getColumnNumber(position);
    }

    /** {@code error[SIFR-IMPORT-0008]: legacy JDK networking API '...'; Sifr networking lives under 'sifr.*'}. */
    public String headline(Severity severity) {
        return ImportDiagnostic.headline(severity, legacyName);
    }

    /** {@code help: use 'sifr.net.TcpStream' (Net.connectTcp)}. */
    public String help() {
        return ImportDiagnostic.help(api);
    }
}
