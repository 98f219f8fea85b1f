package sifr.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code .java} files {@code sifr check} looks at: the files named, and every {@code .java} file
 * under the directories named, skipping build output ({@code target}) and hidden directories.
 */
final class CheckSources {

    private CheckSources() {
    }

    /** The sorted, de-duplicated source files under {@code paths}; throws if a path does not exist. */
    static List<Path> find(List<Path> paths) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                if (!path.toString().endsWith(".java")) {
                    throw new IllegalArgumentException("not a Java source file: " + path);
                }
                files.add(path.normalize());
            } else if (Files.isDirectory(path)) {
                walk(path, files);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
        }
        return new ArrayList<>(files);
    }

    private static void walk(Path root, TreeSet<Path> files) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root) && (name.equals("target") || name.startsWith("."));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && file.toString().endsWith(".java")) {
                    files.add(file.normalize());
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
