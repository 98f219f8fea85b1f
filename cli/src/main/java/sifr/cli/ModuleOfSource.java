package sifr.cli;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ModuleTree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Which JPMS module a source file belongs to, found the way a build lays sources out: the nearest
 * {@code module-info.java} in the file's directory or above it, and for Maven test sources
 * ({@code src/test/java}) the one of {@code src/main/java} beside them (tests are compiled into
 * the module they test). Used to exempt the {@code sifr} module, as the plugin does.
 */
final class ModuleOfSource {

    private final JavaCompiler compiler;
    private final StandardJavaFileManager files;
    private final Map<Path, Optional<String>> byDirectory = new HashMap<>();

    ModuleOfSource(JavaCompiler compiler, StandardJavaFileManager files) {
        this.compiler = compiler;
        this.files = files;
    }

    /** The module name of {@code source}, if it lies in a module's source tree. */
    Optional<String> moduleOf(Path source) throws IOException {
        Path absolute = source.toAbsolutePath().normalize();
        return directory(absolute.getParent());
    }

    private Optional<String> directory(Path dir) throws IOException {
        if (dir == null) {
            return Optional.empty();
        }
        Optional<String> known = byDirectory.get(dir);
        if (known != null) {
            return known;
        }
        Optional<String> found;
        Path descriptor = dir.resolve("module-info.java");
        if (Files.isRegularFile(descriptor)) {
            found = moduleName(descriptor);
        } else if (isMavenTestRoot(dir)) {
            Path mainDescriptor = dir.getParent().getParent().resolve("main/java/module-info.java");
            found = Files.isRegularFile(mainDescriptor) ? moduleName(mainDescriptor) : Optional.empty();
        } else {
            found = directory(dir.getParent());
        }
        byDirectory.put(dir, found);
        return found;
    }

    private static boolean isMavenTestRoot(Path dir) {
        return dir.getNameCount() >= 2 && dir.endsWith(Path.of("src", "test", "java"));
    }

    private Optional<String> moduleName(Path descriptor) throws IOException {
        DiagnosticCollector<JavaFileObject> ignored = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) compiler.getTask(null, files, ignored, List.of("-proc:none"), null,
                files.getJavaFileObjectsFromPaths(List.of(descriptor)));
        for (CompilationUnitTree unit : task.parse()) {
            ModuleTree module = unit.getModule();
            if (module != null) {
                return Optional.of(module.getName().toString());
            }
        }
        return Optional.empty();
    }
}
