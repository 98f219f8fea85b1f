package sifr.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import sifr.check.ImportDiagnostic;
import sifr.check.Severity;

/** Prints the findings of {@code sifr check}: as javac shows them, or as JSON with {@code --json}. */
final class CheckReport {

    private CheckReport() {
    }

    /**
     * {@code file:line:col: error[SIFR-IMPORT-0008]: ...}, the source line with a caret under the
     * name, then the help line; a summary at the end.
     */
    static void printText(PrintStream out, JavacCheck.Outcome outcome, Severity severity) {
        Set<String> files = new TreeSet<>();
        for (CheckFinding finding : outcome.findings()) {
            files.add(finding.file());
            out.println(finding.file() + ":" + finding.line() + ":" + finding.column() + ": "
                    + finding.headline(severity));
            out.println("    " + finding.sourceLine());
            out.println("    " + caret(finding.sourceLine(), finding.offset()));
            out.println("  " + finding.help());
        }
        int count = outcome.findings().size();
        if (count == 0) {
            out.println("sifr check: " + plural(outcome.filesChecked(), "file") + " checked, no legacy JDK networking APIs");
        } else {
            out.println("sifr check: " + plural(count, severity.label()) + " [" + ImportDiagnostic.CODE + "] in "
                    + files.size() + " of " + plural(outcome.filesChecked(), "file"));
        }
    }

    /** One JSON object: {@code {"filesChecked":N,"findings":[{...}]}}. */
    static void printJson(PrintStream out, JavacCheck.Outcome outcome, Severity severity) {
        StringBuilder json = new StringBuilder();
        json.append("{\"filesChecked\":").append(outcome.filesChecked()).append(",\"findings\":[");
        List<CheckFinding> findings = outcome.findings();
        for (int i = 0; i < findings.size(); i++) {
            CheckFinding f = findings.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("  {");
            field(json, "file", f.file()).append(',');
            json.append("\"line\":").append(f.line()).append(",\"column\":").append(f.column()).append(',');
            field(json, "severity", severity.label()).append(',');
            field(json, "code", ImportDiagnostic.CODE).append(',');
            field(json, "legacy", f.legacyName()).append(',');
            field(json, "area", f.api().area()).append(',');
            field(json, "replacement", f.api().replacement()).append(',');
            field(json, "message", f.headline(severity)).append(',');
            field(json, "help", f.help()).append('}');
        }
        json.append(findings.isEmpty() ? "]}" : "\n]}");
        out.println(json);
    }

    private static String caret(String sourceLine, int offset) {
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < offset && i < sourceLine.length(); i++) {
            caret.append(sourceLine.charAt(i) == '\t' ? '\t' : ' '); // keep tabs so the caret lines up
        }
        return caret.append('^').toString();
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
