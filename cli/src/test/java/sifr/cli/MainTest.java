package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void versionPrintsTheProjectVersion() {
        assertThat(run("version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("sifr ").doesNotContain("${");
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("demo", "version", "help");
    }

    @Test
    void unknownCommandExitsTwoAndSaysWhich() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'");
    }

    @Test
    void demoRunsEveryStepAndSucceeds() {
        assertThat(run("demo")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("demo: all");
    }
}
