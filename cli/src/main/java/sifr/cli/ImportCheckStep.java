package sifr.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import sifr.check.CheckOptions;

/**
 * The seed's rejected imports ({@code socket}, {@code ssl}, {@code urllib.parse}, {@code http.server}),
 * in their Java spelling, run through the SIFR-IMPORT-0008 rule engine of {@code sifr check}.
 */
final class ImportCheckStep implements DemoStep {

    private static final String SOURCE = """
            import java.net.Socket;
            import javax.net.ssl.SSLSocket;
            import java.net.URI;
            import com.sun.net.httpserver.HttpServer;

            class Legacy {
            }
            """;

    @Override
    public String title() {
        return "import check (SIFR-IMPORT-0008)";
    }

    @Override
    public String run() throws Exception {
        Path dir = Files.createTempDirectory("sifr-demo-check");
        try {
            Path source = dir.resolve("Legacy.java");
            Files.writeString(source, SOURCE, StandardCharsets.UTF_8);
            JavacCheck.Outcome outcome = new JavacCheck(CheckOptions.DEFAULT).run(List.of(source));
            if (outcome.findings().size() != 4) {
                throw new IllegalStateException("expected 4 rejected imports, found " + outcome.findings().size());
            }
            List<String> pairs = new ArrayList<>();
            for (CheckFinding finding : outcome.findings()) {
                pairs.add(finding.legacyName() + " -> " + finding.api().replacement());
            }
            return "4 legacy imports rejected with their replacement: " + String.join(", ", pairs);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
