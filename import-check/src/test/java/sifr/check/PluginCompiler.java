package sifr.check;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles sample sources in-process with {@code -Xplugin:SifrImportCheck} and collects javac's diagnostics. */
final class PluginCompiler {

    /** One diagnostic as javac reported it. */
    record Reported(Diagnostic.Kind kind, String file, long line, long column, String message) {
    }

    /** The outcome of a compilation. */
    record Result(boolean success, List<Reported> diagnostics) {
    }

    private PluginCompiler() {
    }

    static Path samples() {
        return Path.of("src/test/resources/samples");
    }

    /** Compiles every .java file under {@code sampleDir} (a directory of {@link #samples()}). */
    static Result compile(String sampleDir, Path output, String... pluginArgs) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(samples().resolve(sampleDir))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        String plugin = SifrImportCheckPlugin.NAME + (pluginArgs.length == 0 ? "" : " " + String.join(" ", pluginArgs));
        List<String> options = List.of("-Xplugin:" + plugin, "-classpath", pluginClasses().toString(),
                "-proc:none", "-d", output.toString());
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(collector, Locale.ROOT, null)) {
            boolean ok = compiler.getTask(null, files, collector, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
            List<Reported> reported = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
                String file = d.getSource() == null ? "" : relative(Path.of(d.getSource().toUri()));
                reported.add(new Reported(d.getKind(), file, d.getLineNumber(), d.getColumnNumber(),
                        d.getMessage(Locale.ROOT)));
            }
            return new Result(ok, reported);
        }
    }

    private static String relative(Path source) {
        return samples().toAbsolutePath().normalize().relativize(source.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    /** Where the plugin's classes (and its META-INF/services registration) are. */
    static Path pluginClasses() {
        try {
            return Path.of(SifrImportCheckPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
