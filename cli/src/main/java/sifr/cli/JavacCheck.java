package sifr.cli;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import sifr.check.CheckOptions;
import sifr.check.Finding;
import sifr.check.ImportDiagnostic;
import sifr.check.LegacyApiScanner;

/**
 * Runs the plugin's rule engine ({@link LegacyApiScanner}) over source files with javac's own
 * parser and attribution, without compiling anything. Names resolve against the JDK, so legacy
 * APIs are found even when the sources' other dependencies are missing (their errors are ignored).
 */
final class JavacCheck {

    /** The outcome: findings sorted by file, line and column, and files javac could not parse. */
    record Outcome(int filesChecked, List<CheckFinding> findings, List<String> parseErrors) {
    }

    private final CheckOptions options;

    JavacCheck(CheckOptions options) {
        this.options = options;
    }

    Outcome run(List<Path> sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("needs a JDK (the jdk.compiler module), not a JRE");
        }
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, null)) {
            ModuleOfSource modules = new ModuleOfSource(compiler, files);
            List<Path> checked = new ArrayList<>();
            for (Path source : sources) {
                boolean descriptor = source.getFileName().toString().equals("module-info.java");
                if (!descriptor && !modules.moduleOf(source).map(ImportDiagnostic.EXEMPT_MODULE::equals)
                        .orElse(false)) {
                    checked.add(source);
                }
            }
            List<String> parseErrors = new ArrayList<>();
            List<CheckFinding> findings = new ArrayList<>();
            for (List<Path> batch : batches(compiler, files, checked, parseErrors)) {
                findings.addAll(analyze(compiler, files, batch));
            }
            findings.sort(Comparator.comparing(CheckFinding::file).thenComparingLong(CheckFinding::line)
                    .thenComparingLong(CheckFinding::column));
            return new Outcome(checked.size(), findings, parseErrors);
        }
    }

    /**
     * Parses every file once and splits them into batches in which no two files declare the same
     * package and file name: javac would enter only the first of two such classes, leaving the
     * second unattributed. Files that do not parse are left out and reported.
     */
    private static List<List<Path>> batches(JavaCompiler compiler, StandardJavaFileManager files, List<Path> sources,
            List<String> parseErrors) throws IOException {
        if (sources.isEmpty()) {
            return List.of();
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics, List.of("-proc:none"), null,
                files.getJavaFileObjectsFromPaths(sources));
        Iterable<? extends CompilationUnitTree> units = task.parse();
        Set<String> broken = new HashSet<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
                String file = pathOf(d.getSource());
                broken.add(file);
                parseErrors.add(file + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + ": error: "
                        + d.getMessage(Locale.ROOT));
            }
        }
        List<List<Path>> batches = new ArrayList<>();
        List<Set<String>> keys = new ArrayList<>();
        Map<String, Path> byFile = new LinkedHashMap<>();
        for (Path source : sources) {
            byFile.put(source.toString(), source);
        }
        for (CompilationUnitTree unit : units) {
            String file = pathOf(unit.getSourceFile());
            Path source = byFile.get(file);
            if (source == null || broken.contains(file)) {
                continue;
            }
            String key = (unit.getPackageName() == null ? "" : unit.getPackageName().toString()) + "/"
                    + source.getFileName();
            int index = 0;
            while (index < batches.size() && keys.get(index).contains(key)) {
                index++;
            }
            if (index == batches.size()) {
                batches.add(new ArrayList<>());
                keys.add(new HashSet<>());
            }
            batches.get(index).add(source);
            keys.get(index).add(key);
        }
        return batches;
    }

    private List<CheckFinding> analyze(JavaCompiler compiler, StandardJavaFileManager files, List<Path> batch)
            throws IOException {
        // Errors about the sources' own missing dependencies are expected and ignored; attribution
        // still resolves every JDK name, and should-stop keeps javac attributing despite them.
        DiagnosticCollector<JavaFileObject> ignored = new DiagnosticCollector<>();
        List<String> javacOptions = List.of("-proc:none", "-implicit:none", "-Xlint:none", "-XDshould-stop.ifError=FLOW",
                "-classpath", System.getProperty("java.class.path", ""));
        JavacTask task = (JavacTask) compiler.getTask(null, files, ignored, javacOptions, null,
                files.getJavaFileObjectsFromPaths(batch));
        Iterable<? extends CompilationUnitTree> units = task.parse();
        task.analyze();
        LegacyApiScanner scanner = new LegacyApiScanner(Trees.instance(task), options);
        List<CheckFinding> findings = new ArrayList<>();
        for (CompilationUnitTree unit : units) {
            CharSequence text = unit.getSourceFile().getCharContent(true);
            List<Finding> found = new ArrayList<>(scanner.scanImports(unit));
            TreePath unitPath = new TreePath(unit);
            for (Tree declaration : unit.getTypeDecls()) {
                if (declaration instanceof ClassTree) {
                    found.addAll(scanner.scanType(new TreePath(unitPath, declaration)));
                }
            }
            for (Finding finding : found) {
                findings.add(detach(pathOf(unit.getSourceFile()), text, finding));
            }
        }
        return findings;
    }

    private static CheckFinding detach(String file, CharSequence text, Finding finding) {
        long line = finding.line();
        int lineStart = (int) finding.unit().getLineMap().getStartPosition(line);
        int lineEnd = lineStart;
        while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        return new CheckFinding(file, line, finding.column(), text.subSequence(lineStart, lineEnd).toString(),
                (int) (finding.position() - lineStart), finding.legacyName(), finding.api());
    }

    private static String pathOf(JavaFileObject source) {
        return source.getName();
    }
}
