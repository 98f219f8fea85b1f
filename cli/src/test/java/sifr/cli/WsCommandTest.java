package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.HttpServer;

/** {@code sifr ws} against {@code sifr serve --ws-echo}: lines in, the same lines back, a clean close at end of input. */
@Timeout(30)
class WsCommandTest {
    @Test
    void sendsEachLineAndPrintsEachEchoThenClosesCleanlyAtEndOfInput() throws Exception {
        Serve.Settings settings = new Serve.Settings();
        settings.port = 0;
        settings.echo = true;
        settings.wsEcho = true;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (HttpServer server = new Serve(new PrintStream(log, true, StandardCharsets.UTF_8)).start(settings)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            byte[] input = "hello\nwörld\n\nlast line\n".getBytes(StandardCharsets.UTF_8);
            int code = new WsCommand(new ByteArrayInputStream(input), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(
                    new String[] {"ws://" + server.localAddr() + "/any/path", "--deflate"});
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\nwörld\n\nlast line\n");
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"GET /any/path HTTP/1.1\" 101");
        }
    }

    @Test
    void overHttp2ByPriorKnowledgeWithDashDashHttp2() throws Exception {
        Serve.Settings settings = new Serve.Settings();
        settings.port = 0;
        settings.echo = true;
        settings.wsEcho = true;
        settings.h2c = true;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (HttpServer server = new Serve(new PrintStream(log, true, StandardCharsets.UTF_8)).start(settings)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new WsCommand(new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(new String[] {"ws://" + server.localAddr() + "/p", "--http2", "--deflate"});
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("CONNECT /p HTTP/2");
        }
    }

    @Test
    void aUrlIsRequired() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WsCommand(new ByteArrayInputStream(new byte[0]),
                System.out, System.err).run(new String[0])).hasMessageContaining("usage: sifr ws URL");
    }
}
