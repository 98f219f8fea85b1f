package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sifr.check.SifrImportCheckPlugin;

/** {@code sifr check} over the sample trees in src/test/resources/check. */
class CheckCommandTest {
    private static final Path SAMPLES = Path.of("src/test/resources/check");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path classes;

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String sample(String name) {
        return SAMPLES.resolve(name).toString();
    }

    @Test
    void printsEachFindingWithPositionSourceLineCaretAndHelpThenExitsOne() {
        assertThat(run("check", sample("tiny"))).isEqualTo(1);

        String file = sample("tiny") + "/Tiny.java";
        assertThat(out()).isEqualTo(String.join("\n",
                file + ":1:8: error[SIFR-IMPORT-0008]: legacy JDK networking API 'java.net.Socket'; Sifr networking lives under 'sifr.*'",
                "    import java.net.Socket;",
                "           ^",
                "  help: use 'sifr.net.TcpStream' (Net.connectTcp)",
                file + ":4:9: error[SIFR-IMPORT-0008]: legacy JDK networking API 'java.net.Socket'; Sifr networking lives under 'sifr.*'",
                "    \tSocket open() throws java.io.IOException { return new Socket(\"localhost\", 80); }",
                "    \t^",
                "  help: use 'sifr.net.TcpStream' (Net.connectTcp)",
                file + ":4:63: error[SIFR-IMPORT-0008]: legacy JDK networking API 'java.net.Socket'; Sifr networking lives under 'sifr.*'",
                "    \tSocket open() throws java.io.IOException { return new Socket(\"localhost\", 80); }",
                "    \t" + " ".repeat(54) + "^",
                "  help: use 'sifr.net.TcpStream' (Net.connectTcp)",
                "sifr check: 3 errors [SIFR-IMPORT-0008] in 1 of 1 file",
                ""));
        assertThat(err()).isEmpty();
    }

    @Test
    void findsLegacyApisInATreeWhoseOtherDependenciesAreMissing() throws IOException {
        assertThat(run("check", "--json", sample("bad"))).isEqualTo(1);

        JsonNode report = new ObjectMapper().readTree(out());
        assertThat(report.get("filesChecked").asInt()).isEqualTo(3);
        List<String> found = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            assertThat(f.get("code").asText()).isEqualTo("SIFR-IMPORT-0008");
            assertThat(f.get("severity").asText()).isEqualTo("error");
            assertThat(f.get("message").asText()).isEqualTo("error[SIFR-IMPORT-0008]: legacy JDK networking API '"
                    + f.get("legacy").asText() + "'; Sifr networking lives under 'sifr.*'");
            assertThat(f.get("help").asText()).startsWith("help: use '" + f.get("replacement").asText() + "' (");
            found.add(Path.of(f.get("file").asText()).getFileName() + ":" + f.get("line").asInt() + ":"
                    + f.get("column").asInt() + " " + f.get("legacy").asText() + " -> " + f.get("replacement").asText());
        }
        assertThat(found).containsExactly(
                "Encode.java:3:15 java.net.URLDecoder -> sifr.url.Url",
                "Encode.java:10:16 java.net.URLDecoder.decode -> sifr.url.Url",
                "Encode.java:10:23 java.net.URLEncoder -> sifr.url.Url",
                "Encode.java:13:27 java.net.URI -> sifr.url.Url",
                "Encode.java:14:35 java.net.URI -> sifr.url.Url",
                "Fetch.java:5:8 java.net.HttpURLConnection -> sifr.http.HttpClient",
                "Fetch.java:6:8 java.net.URL -> sifr.url.Url",
                "Fetch.java:11:9 java.net.HttpURLConnection -> sifr.http.HttpClient",
                "Fetch.java:11:41 java.net.HttpURLConnection -> sifr.http.HttpClient",
                "Fetch.java:11:64 java.net.URL -> sifr.url.Url",
                "Serve.java:3:8 com.sun.net.httpserver.HttpServer -> sifr.http.HttpServer",
                "Serve.java:12:12 com.sun.net.httpserver.HttpServer -> sifr.http.HttpServer",
                "Serve.java:13:9 com.sun.net.httpserver.HttpServer -> sifr.http.HttpServer",
                "Serve.java:13:29 com.sun.net.httpserver.HttpServer -> sifr.http.HttpServer",
                "Serve.java:18:12 javax.net.ssl.SSLContext -> sifr.tls.TlsClientConfig",
                "Serve.java:19:16 javax.net.ssl.SSLContext -> sifr.tls.TlsClientConfig");
    }

    @Test
    void reportsExactlyWhatTheJavacPluginReportsForTheSameSources() throws IOException {
        assertThat(run("check", "--json", sample("bad"), sample("tiny"))).isEqualTo(1);
        List<String> fromCheck = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(out()).get("findings")) {
            fromCheck.add(Path.of(f.get("file").asText()).toAbsolutePath().normalize() + ":" + f.get("line").asLong()
                    + ":" + f.get("column").asLong() + " " + f.get("message").asText() + "\n" + f.get("help").asText());
        }

        List<String> fromPlugin = compileWithPlugin(sample("bad"), sample("tiny"));

        assertThat(fromPlugin).hasSize(19).containsExactlyInAnyOrderElementsOf(fromCheck);
    }

    @Test
    void cleanTreeExitsZero() {
        assertThat(run("check", sample("clean"))).isZero();
        assertThat(out()).isEqualTo("sifr check: 1 file checked, no legacy JDK networking APIs\n");
    }

    @Test
    void cleanTreeJsonHasNoFindings() throws IOException {
        assertThat(run("check", "--json", sample("clean"))).isZero();
        JsonNode report = new ObjectMapper().readTree(out());
        assertThat(report.get("findings").size()).isZero();
        assertThat(report.get("filesChecked").asInt()).isEqualTo(1);
    }

    @Test
    void sourcesAndTestsOfTheSifrModuleAreExempt() {
        assertThat(run("check", sample("sifrmodule"))).isZero();
        assertThat(out()).contains("0 files checked");
    }

    @Test
    void filesWithTheSameClassNameInDifferentTreesAreBothChecked() {
        assertThat(run("check", sample("twice"))).isEqualTo(1);
        assertThat(out()).contains(sample("twice") + "/a/demo/Same.java:4:5: error[SIFR-IMPORT-0008]",
                sample("twice") + "/b/demo/Same.java:4:5: error[SIFR-IMPORT-0008]");
    }

    @Test
    void warnReportsWarningsAndExitsZero() {
        assertThat(run("check", "--warn", sample("tiny"))).isZero();
        assertThat(out()).contains(":1:8: warning[SIFR-IMPORT-0008]: legacy JDK networking API 'java.net.Socket'")
                .doesNotContain("error[");
    }

    @Test
    void allowNamesExceptions() {
        assertThat(run("check", "--allow", "java.net.Socket", sample("tiny"))).isZero();
        assertThat(run("check", "--allow=java.net.URI,java.net.URL,java.net.URLEncoder,java.net.URLDecoder,"
                + "java.net.HttpURLConnection,com.sun.net.httpserver.*,javax.net.ssl.*", sample("bad"))).isZero();
    }

    @Test
    void unparsableFileIsReportedAndExitsTwo() {
        assertThat(run("check", sample("broken"))).isEqualTo(2);
        assertThat(err()).contains(sample("broken") + "/Broken.java:6:18: error: ';' expected",
                "some files could not be parsed");
    }

    @Test
    void missingPathOrNoPathIsAUsageError() {
        assertThat(run("check")).isEqualTo(2);
        assertThat(run("check", sample("nowhere"))).isEqualTo(2);
        assertThat(run("check", "--frobnicate", sample("clean"))).isEqualTo(2);
        assertThat(err()).contains("names no path to check", "no such file or directory", "unknown option '--frobnicate'",
                "usage: sifr check");
    }

    @Test
    void demoStepRejectsTheSeedsFourImportsInTheirJavaSpelling() throws Exception {
        assertThat(new ImportCheckStep().run()).isEqualTo("4 legacy imports rejected with their replacement: "
                + "java.net.Socket -> sifr.net.TcpStream, javax.net.ssl.SSLSocket -> sifr.tls.TlsStream, "
                + "java.net.URI -> sifr.url.Url, com.sun.net.httpserver.HttpServer -> sifr.http.HttpServer");
    }

    @Test
    void helpListsCheck() {
        assertThat(run("help")).isZero();
        assertThat(out()).contains("check", "SIFR-IMPORT-0008");
    }

    /** Compiles the trees with {@code -Xplugin:SifrImportCheck}; returns its diagnostics in the JSON's shape. */
    private List<String> compileWithPlugin(String... trees) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String tree : trees) {
            try (Stream<Path> files = Files.walk(Path.of(tree))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(collector, Locale.ROOT, null)) {
            compiler.getTask(null, files, collector, List.of("-Xplugin:SifrImportCheck", "-proc:none",
                    "-classpath", pluginLocation().toString(), "-d", classes.toString()), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
        }
        List<String> reported = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
            String message = d.getMessage(Locale.ROOT);
            if (message.startsWith("error[SIFR-IMPORT-0008]")) {
                // javac indents the message's second line when it renders it; the text is the same
                reported.add(Path.of(d.getSource().toUri()).toAbsolutePath().normalize() + ":" + d.getLineNumber()
                        + ":" + d.getColumnNumber() + " " + message.replace("\n  help: ", "\nhelp: "));
            }
        }
        return reported;
    }

    private static Path pluginLocation() {
        try {
            return Path.of(SifrImportCheckPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
