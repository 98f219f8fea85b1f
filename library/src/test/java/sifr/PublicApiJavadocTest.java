package sifr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The public API's Javadoc is complete and well-formed: javadoc's own linter ({@code -Xdoclint:all})
 * over every exported package finds no broken reference, no misplaced tag (such as {@code @throws} on
 * a type), no bad HTML, and no public type, method or field without a comment. It tolerates only the
 * missing-tag nits ({@code no @return}, {@code no @param}, {@code no @throws}) where the main
 * description already says it, as the JDK's own sources do.
 */
class PublicApiJavadocTest {

    @Test
    void javadocLintFindsNothingButMissingTagNits() throws Exception {
        // the JDK's javadoc tool, run as a process: the tests live in module sifr, which reads no java.compiler
        Path javadoc = Path.of(System.getProperty("java.home"), "bin", "javadoc");
        assertThat(javadoc).as("the JDK running the tests has javadoc (a JDK, not a JRE)").isExecutable();
        Path out = Files.createTempDirectory("sifr-javadoc");
        List<String> args = new ArrayList<>(Arrays.asList(javadoc.toString(), "-quiet", "-Xdoclint:all",
                "-d", out.toString(), "-sourcepath", "src/main/java"));
        args.addAll(PublicApiHasNoInternalTypesTest.exportedPackages());
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("javadoc finished").isTrue();
        int rc = p.exitValue();
        List<String> findings = log.lines()
                .filter(l -> l.contains(": error: ") || l.contains(": warning: "))
                .filter(l -> !l.matches(".*: warning: no @(return|param|throws).*"))
                .toList();
        assertThat(findings).as("javadoc -Xdoclint:all findings").isEmpty();
        assertThat(rc).as("javadoc exit (log:%n%s)", log).isZero();
    }
}
