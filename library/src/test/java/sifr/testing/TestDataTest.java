package sifr.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TestDataTest {
    @Test
    void findsTheConformanceSuitesInsideTheRepository() {
        Path root = TestData.root();
        assertThat(Files.isRegularFile(root.resolveSibling("pom.xml")))
                .as("testdata/ lies at the repository root, beside the parent pom").isTrue();
        assertThat(Files.isRegularFile(TestData.conformance("url/urltestdata.json"))).isTrue();
        assertThat(TestData.json(TestData.conformance("url/urltestdata.json")).isArray()).isTrue();
    }

    @Test
    void everySuiteFolderHasItsUpstreamLicenseAndOurReadme() throws IOException {
        List<Path> suites;
        try (Stream<Path> s = Files.list(TestData.root())) {
            suites = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(suites).extracting(p -> p.getFileName().toString())
                .containsExactly("cookies", "hpack", "http1", "unicode", "url", "urls-kasztp");
        for (Path suite : suites) {
            assertThat(suite.resolve("README.md")).as(suite + " README").isRegularFile();
            try (Stream<Path> s = Files.list(suite)) {
                assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("LICENSE")))
                        .as(suite + " LICENSE").isNotEmpty();
            }
        }
    }

    @Test
    void noTestOrBenchmarkReadsDataFromBesideTheCheckout() throws IOException {
        Path repo = TestData.root().getParent();
        List<Path> offenders;
        try (Stream<Path> s = Stream.of("library/src/test", "bench/src", "cli/src").map(repo::resolve)
                .filter(Files::isDirectory).flatMap(TestDataTest::walk)) {
            offenders = s.filter(p -> p.toString().endsWith(".java")).filter(TestDataTest::readsShared).toList();
        }
        assertThat(offenders).as("sources that look for data beside the checkout").isEmpty();
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean readsShared(Path file) {
        try {
            String text = Files.readString(file);
            // The needles are built so that this file does not match itself.
            String shared = "shared";
            return text.contains("resolveSibling(\"" + shared + "\")") || text.contains("\"../" + shared);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
