package sifr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared, read-only test data that lies beside the checkout ({@code ../shared}): conformance
 * suites and benchmark corpora. Found by walking up from the working directory, so it works from
 * the repository root, a module directory or a git worktree beside the checkout.
 */
public final class SharedData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;

    private SharedData() {
    }

    /** The {@code shared} directory. Fails with a clear message if it cannot be found. */
    public static synchronized Path root() {
        if (root == null) {
            Path dir = Path.of("").toAbsolutePath();
            for (Path d = dir; d != null; d = d.getParent()) {
                Path candidate = d.resolveSibling("shared");
                if (Files.isDirectory(candidate.resolve("conformance"))) {
                    root = candidate;
                    return root;
                }
            }
            throw new IllegalStateException("cannot find ../shared (with conformance/) beside the checkout, from " + dir);
        }
        return root;
    }

    /** A path under {@code shared/conformance}, e.g. {@code conformance("url/urltestdata.json")}. */
    public static Path conformance(String relative) {
        return root().resolve("conformance").resolve(relative);
    }

    /** A path under {@code shared/data}, e.g. {@code data("urls-kasztp.txt")}. */
    public static Path data(String relative) {
        return root().resolve("data").resolve(relative);
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
