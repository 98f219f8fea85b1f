package sifr.http.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only directories whose real path is their lexical one, inside the root, skip {@code realpath}. */
class VerifiedDirectoriesTest {
    @TempDir
    Path tmp;

    @Test
    void realDirectoriesUnderTheRootAreVerifiedAndLinkedOnesAreNot() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        Path outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        Files.createDirectories(root.resolve("a/b"));
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("in"), root.resolve("a"));
        VerifiedDirectories dirs = new VerifiedDirectories(root);
        assertThat(dirs.isVerified(root)).isTrue();
        assertThat(dirs.isVerified(root.resolve("a/b"))).isTrue();
        assertThat(dirs.isVerified(root.resolve("a/b"))).isTrue(); // remembered
        assertThat(dirs.isVerified(root.resolve("out"))).isFalse();
        assertThat(dirs.isVerified(root.resolve("in"))).isFalse(); // inside, but through a link: the slow path decides
        assertThat(dirs.isVerified(root.resolve("missing"))).isFalse();
        assertThat(dirs.isVerified(outside)).isFalse();
        assertThat(dirs.isVerified(null)).isFalse();
    }
}
