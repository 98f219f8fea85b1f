package sifr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark corpora in the project's {@code testdata/} folder (see {@code testdata/README.md}).
 *
 * <p>Found from (in order) the system property {@code sifr.testdata}, the location of these compiled
 * classes ({@code <repo>/bench/target/classes}), and finally by walking up from the working
 * directory, so a JMH fork finds it wherever it starts.
 */
public final class BenchData {
    private static final String MARKER = "urls-kasztp/urls-kasztp.txt";

    private BenchData() {
    }

    /** The {@code testdata} directory; fails with a message naming where it looked. */
    public static Path testdataRoot() {
        return Root.PATH;
    }

    /** Found once, on first use (the class holder idiom: no lock, no {@code synchronized}). */
    private static final class Root {
        static final Path PATH = find();
    }

    private static Path find() {
        List<Path> tried = new ArrayList<>();
        String configured = System.getProperty("sifr.testdata");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath();
            tried.add(p);
            if (Files.isRegularFile(p.resolve(MARKER))) {
                return p;
            }
        }
        for (Path start : new Path[] {codeLocation(), Path.of("").toAbsolutePath()}) {
            for (Path d = start; d != null; d = d.getParent()) {
                Path candidate = d.resolve("testdata");
                tried.add(candidate);
                if (Files.isRegularFile(candidate.resolve(MARKER))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("cannot find testdata/" + MARKER
                + " in the repository (set -Dsifr.testdata=DIR); tried " + tried);
    }

    /** A file under {@code testdata/}, e.g. {@code data("hpack/raw-data")}. */
    public static Path data(String relative) {
        return testdataRoot().resolve(relative);
    }

    /** The URL corpus (one URL a line, blank lines dropped), in file order. */
    public static List<String> urls() {
        return lines(data(MARKER));
    }

    /** The non-blank lines of a UTF-8 text file. */
    public static List<String> lines(Path file) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path codeLocation() {
        try {
            return Path.of(BenchData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
