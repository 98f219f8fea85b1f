package sifr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's copy of the public test data ({@code testdata/} at the repository root: conformance
 * suites and corpora written by others, see {@code testdata/README.md}). Found by walking up from the
 * working directory to the first folder holding {@code testdata/README.md}, so it works from the
 * repository root, a module directory or any clone, with nothing beside the checkout.
 */
public final class TestData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile Path root;

    private TestData() {
    }

    /** The {@code testdata} directory. Fails with a clear message if it cannot be found. */
    public static Path root() {
        Path found = root;
        if (found == null) {
            Path dir = Path.of("").toAbsolutePath();
            for (Path d = dir; d != null && found == null; d = d.getParent()) {
                if (Files.isRegularFile(d.resolve("testdata").resolve("README.md"))) {
                    found = d.resolve("testdata");
                }
            }
            if (found == null) {
                throw new IllegalStateException("cannot find testdata/README.md in " + dir + " or a folder above it");
            }
            root = found;
        }
        return found;
    }

    /** A conformance-suite file, e.g. {@code conformance("url/urltestdata.json")}. */
    public static Path conformance(String relative) {
        return root().resolve(relative);
    }

    /** A corpus file, e.g. {@code data("urls-kasztp/urls-kasztp.txt")}. */
    public static Path data(String relative) {
        return root().resolve(relative);
    }

    /** Parses a JSON file. */
    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
