package sifr.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sifr.check.CheckOptions;
import sifr.check.NamePattern;
import sifr.check.Severity;

/**
 * {@code sifr check [--json] [--warn] [--allow NAME[,NAME...]] PATH...}: reports SIFR-IMPORT-0008 in
 * the Java sources under the paths, with the javac plugin's rules. Exit status: 0 when clean (or
 * with {@code --warn}), 1 when it found legacy networking APIs, 2 when it could not check (bad
 * arguments, files javac cannot parse).
 */
final class CheckCommand {

    static final String USAGE = "usage: sifr check [--json] [--warn] [--allow NAME[,NAME...]] PATH...";

    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        boolean json = false;
        Severity severity = Severity.ERROR;
        List<NamePattern> allowed = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--json")) {
                    json = true;
                } else if (arg.equals("--warn")) {
                    severity = Severity.WARNING;
                } else if (arg.equals("--allow")) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException("--allow needs a list of names");
                    }
                    allowed.addAll(CheckOptions.parseNames(args[++i]));
                } else if (arg.startsWith("--allow=")) {
                    allowed.addAll(CheckOptions.parseNames(arg.substring("--allow=".length())));
                } else if (arg.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option '" + arg + "'");
                } else {
                    paths.add(Path.of(arg));
                }
            }
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("names no path to check");
            }
            List<Path> sources = CheckSources.find(paths);
            JavacCheck.Outcome outcome = new JavacCheck(new CheckOptions(severity, allowed)).run(sources);
            for (String parseError : outcome.parseErrors()) {
                err.println(parseError);
            }
            if (json) {
                CheckReport.printJson(out, outcome, severity);
            } else {
                CheckReport.printText(out, outcome, severity);
            }
            if (!outcome.parseErrors().isEmpty()) {
                err.println("sifr check: some files could not be parsed; they were not checked");
                return 2;
            }
            return outcome.findings().isEmpty() || severity == Severity.WARNING ? 0 : 1;
        } catch (IllegalArgumentException e) {
            err.println("sifr check: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("sifr check: " + e.getMessage());
            return 2; // 1 would claim findings
        }
    }
}
