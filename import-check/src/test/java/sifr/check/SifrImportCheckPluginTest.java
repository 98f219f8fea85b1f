package sifr.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sifr.check.PluginCompiler.Reported;
import sifr.check.PluginCompiler.Result;

/** Compiles the samples under src/test/resources/samples with {@code -Xplugin:SifrImportCheck}. */
class SifrImportCheckPluginTest {

    /** Every finding in samples/bad: file:line:column, legacy name, replacement type. */
    private static final String BAD = """
            bad/Http.java:3:8 com.sun.net.httpserver.HttpServer sifr.http.HttpServer
            bad/Http.java:4:8 java.net.HttpURLConnection sifr.http.HttpClient
            bad/Http.java:5:8 java.net.http.HttpClient sifr.http.HttpClient
            bad/Http.java:6:8 java.net.http.HttpResponse sifr.http.HttpResponse
            bad/Http.java:9:32 com.sun.net.httpserver.HttpHandler sifr.http.HttpHandler
            bad/Http.java:10:5 java.net.http.HttpClient sifr.http.HttpClient
            bad/Http.java:10:34 java.net.http.HttpClient sifr.http.HttpClient
            bad/Http.java:11:5 java.net.http.HttpResponse sifr.http.HttpResponse
            bad/Http.java:11:45 java.net.http.HttpResponse sifr.http.HttpResponse
            bad/Http.java:12:21 java.net.HttpURLConnection sifr.http.HttpClient
            bad/Http.java:13:14 java.net.http.HttpClient sifr.http.HttpClient
            bad/Http.java:13:36 java.net.http.HttpClient sifr.http.HttpClient
            bad/Http.java:15:14 com.sun.net.httpserver.HttpServer sifr.http.HttpServer
            bad/Http.java:18:17 java.net.URL sifr.url.Url
            bad/TcpClient.java:4:8 java.net.Socket sifr.net.TcpStream
            bad/TcpClient.java:5:8 java.nio.channels.Selector sifr.net.TcpStream
            bad/TcpClient.java:8:13 java.net.ServerSocket sifr.net.TcpListener
            bad/TcpClient.java:9:34 java.net.Socket sifr.net.TcpStream
            bad/TcpClient.java:11:5 java.net.Socket sifr.net.TcpStream
            bad/TcpClient.java:12:9 java.net.Socket sifr.net.TcpStream
            bad/TcpClient.java:12:29 java.net.Socket sifr.net.TcpStream
            bad/TcpClient.java:17:5 java.nio.channels.SocketChannel sifr.net.TcpStream
            bad/TcpClient.java:18:16 java.nio.channels.SocketChannel sifr.net.TcpStream
            bad/TcpClient.java:21:9 java.nio.channels.Selector sifr.net.TcpStream
            bad/TcpClient.java:22:24 java.nio.channels.Selector sifr.net.TcpStream
            bad/TlsAndUrls.java:3:15 java.net.URLEncoder sifr.url.Url
            bad/TlsAndUrls.java:5:8 java.net.URI sifr.url.Url
            bad/TlsAndUrls.java:7:8 javax.net.ssl.* sifr.tls.TlsStream
            bad/TlsAndUrls.java:10:5 javax.net.ssl.SSLContext sifr.tls.TlsClientConfig
            bad/TlsAndUrls.java:13:16 java.net.URLEncoder.encode sifr.url.Url
            bad/TlsAndUrls.java:16:5 java.net.URI sifr.url.Url
            bad/TlsAndUrls.java:17:20 java.net.URI sifr.url.Url
            bad/TlsAndUrls.java:21:16 java.net.URLDecoder sifr.url.Url
            bad/TlsAndUrls.java:25:16 java.net.IDN sifr.url.Url
            bad/TlsAndUrls.java:28:20 javax.net.ssl.SSLEngine sifr.tls.TlsStream
            bad/TlsAndUrls.java:28:45 javax.net.ssl.SSLException sifr.tls.TlsError
            """;

    @TempDir
    Path output;

    @Test
    void reportsEveryImportAndUseOfALegacyApiWithItsReplacementAndPosition() throws IOException {
        Result result = PluginCompiler.compile("bad", output);

        assertThat(result.success()).isFalse();
        assertThat(describe(result.diagnostics(), Diagnostic.Kind.ERROR, "error")).containsExactlyElementsOf(expected(BAD));
    }

    @Test
    void messageIsSifrsShapeWithAHelpLine() throws IOException {
        Reported first = sorted(PluginCompiler.compile("bad", output).diagnostics()).stream()
                .filter(d -> d.file().equals("bad/TcpClient.java")).findFirst().orElseThrow();

        assertThat(first.message()).startsWith(
                "error[SIFR-IMPORT-0008]: legacy JDK networking API 'java.net.Socket'; Sifr networking lives under 'sifr.*'\n");
        assertThat(first.message()).endsWith("help: use 'sifr.net.TcpStream' (Net.connectTcp)");
    }

    @Test
    void staticWildcardNestedAndSubpackageImportsAndTheirUses() throws IOException {
        Result result = PluginCompiler.compile("imports", output);

        assertThat(describe(result.diagnostics(), Diagnostic.Kind.ERROR, "error")).containsExactly(
                "imports/Imports.java:3:15 java.net.http.HttpClient sifr.http.HttpClient",
                "imports/Imports.java:4:15 java.net.URLEncoder sifr.url.Url",
                "imports/Imports.java:6:8 com.sun.net.httpserver.spi.HttpServerProvider sifr.http.HttpServer",
                "imports/Imports.java:7:8 java.net.http.HttpClient sifr.http.HttpClient",
                "imports/Imports.java:9:8 javax.net.ssl.SSLEngineResult sifr.tls.TlsStream",
                "imports/Imports.java:12:23 java.net.http.HttpClient.Redirect.NORMAL sifr.http.HttpClient",
                "imports/Imports.java:13:20 java.net.URLEncoder.encode sifr.url.Url",
                "imports/Imports.java:14:5 java.net.http.HttpClient.Version sifr.http.HttpClient",
                "imports/Imports.java:15:5 javax.net.ssl.SSLEngineResult.Status sifr.tls.TlsStream",
                "imports/Imports.java:16:5 com.sun.net.httpserver.spi.HttpServerProvider sifr.http.HttpServer");
    }

    @Test
    void cleanSourcesCompileWithoutAnyDiagnostic() throws IOException {
        Result result = PluginCompiler.compile("clean", output);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.success()).isTrue();
    }

    @Test
    void warnOptionReportsTheSameFindingsAsWarningsAndTheBuildSucceeds() throws IOException {
        Result result = PluginCompiler.compile("bad", output, "warn");

        assertThat(result.success()).isTrue();
        assertThat(describe(result.diagnostics(), Diagnostic.Kind.WARNING, "warning"))
                .containsExactlyElementsOf(expected(BAD));
    }

    @Test
    void allowOptionNamesExceptionsByTypeAndByPackage() throws IOException {
        Result result = PluginCompiler.compile("bad", output, "allow=java.net.Socket,javax.net.ssl.*,java.net.http.*");

        List<String> remaining = expected(BAD).stream()
                .filter(line -> !line.contains(" java.net.Socket ") && !line.contains(" javax.net.ssl.")
                        && !line.contains(" java.net.http."))
                .toList();
        assertThat(remaining).anyMatch(line -> line.contains("java.net.ServerSocket")); // a prefix is not a match
        assertThat(describe(result.diagnostics(), Diagnostic.Kind.ERROR, "error")).containsExactlyElementsOf(remaining);
    }

    @Test
    void suppressWarningsAllowsNamedExceptionsInsideTheAnnotatedDeclaration() throws IOException {
        Result result = PluginCompiler.compile("allowed", output);

        // URI is allowed on the class (its import too); Socket inside the annotated method; SSLContext
        // on one local variable; URL and the other local's SSLEngine are still reported
        assertThat(describe(result.diagnostics(), Diagnostic.Kind.ERROR, "error")).containsExactly(
                "allowed/Comparisons.java:4:8 java.net.URL sifr.url.Url",
                "allowed/Comparisons.java:9:5 java.net.URL sifr.url.Url",
                "allowed/Comparisons.java:19:9 javax.net.ssl.SSLEngine sifr.tls.TlsStream");
    }

    @Test
    void codeOfTheSifrModuleIsExempt() throws IOException {
        assertThat(PluginCompiler.compile("exempt", output).diagnostics()).isEmpty();
    }

    @Test
    void codeOfAnyOtherModuleIsChecked() throws IOException {
        assertThat(describe(PluginCompiler.compile("notexempt", output).diagnostics(), Diagnostic.Kind.ERROR, "error"))
                .containsExactly(
                        "notexempt/other/net/Transport.java:3:8 java.net.Socket sifr.net.TcpStream",
                        "notexempt/other/net/Transport.java:6:5 java.net.Socket sifr.net.TcpStream");
    }

    @Test
    void unknownPluginOptionFailsTheCompilationNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PluginCompiler.compile("clean", output, "strict"))
                .hasStackTraceContaining("unknown option 'strict'");
    }

    private static List<String> expected(String table) {
        return table.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static List<Reported> sorted(List<Reported> reported) {
        List<Reported> copy = new ArrayList<>(reported);
        copy.sort(Comparator.comparing(Reported::file).thenComparingLong(Reported::line)
                .thenComparingLong(Reported::column));
        return copy;
    }

    /**
     * Turns each diagnostic into {@code file:line:col legacy replacement} after checking its kind and
     * that its message is exactly the Sifr headline and help line for that legacy name and replacement.
     */
    private static List<String> describe(List<Reported> reported, Diagnostic.Kind kind, String label) {
        List<String> lines = new ArrayList<>();
        for (Reported d : sorted(reported)) {
            assertThat(d.kind()).as(d.toString()).isEqualTo(kind);
            String prefix = label + "[SIFR-IMPORT-0008]: legacy JDK networking API '";
            assertThat(d.message()).as(d.toString()).startsWith(prefix)
                    .contains("'; Sifr networking lives under 'sifr.*'\n");
            String legacy = d.message().substring(prefix.length(), d.message().indexOf('\''
                    , prefix.length()));
            int help = d.message().indexOf("help: use '");
            assertThat(help).as(d.toString()).isPositive();
            String replacement = d.message().substring(help + "help: use '".length(),
                    d.message().indexOf('\'', help + "help: use '".length()));
            lines.add(d.file() + ":" + d.line() + ":" + d.column() + " " + legacy + " " + replacement);
        }
        return lines;
    }
}
