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
    void throughAProxyWithDashX() throws Exception {
        Serve.Settings settings = new Serve.Settings();
        settings.port = 0;
        settings.echo = true;
        settings.wsEcho = true;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (HttpServer server = new Serve(new PrintStream(log, true, StandardCharsets.UTF_8)).start(settings);
             OneTunnelProxy proxy = new OneTunnelProxy()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new WsCommand(new ByteArrayInputStream("via proxy\n".getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(new String[] {"ws://" + server.localAddr() + "/p", "-x", "http://127.0.0.1:" + proxy.port()});
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("via proxy\n");
            assertThat(proxy.requestLine()).isEqualTo("CONNECT " + server.localAddr() + " HTTP/1.1");
        }
    }

    /** A CONNECT proxy for one tunnel (the library's tests use tinyproxy; here only the flag is under test). */
    private static final class OneTunnelProxy implements AutoCloseable {
        private final sifr.net.TcpListener listener = sifr.net.Net.listenTcp("127.0.0.1:0");
        private final java.util.concurrent.CompletableFuture<String> requestLine = new java.util.concurrent.CompletableFuture<>();
        private final Thread acceptor = Thread.ofVirtual().start(this::serveOne);

        OneTunnelProxy() throws java.io.IOException {
        }

        int port() {
            return listener.localAddr().port();
        }

        String requestLine() throws Exception {
            return requestLine.get(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        private void serveOne() {
            try (sifr.net.TcpStream client = listener.accept()) {
                StringBuilder head = new StringBuilder();
                java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1); // byte by byte: nothing read past the head
                while (!head.toString().endsWith("\r\n\r\n") && head.length() < 8192) {
                    if (client.read(one.clear()) < 0) {
                        return;
                    }
                    head.append((char) one.get(0));
                }
                String line = head.substring(0, head.indexOf("\r\n"));
                requestLine.complete(line);
                try (sifr.net.TcpStream origin = sifr.net.Net.connectTcp(line.split(" ")[1])) {
                    client.writeAll("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    client.flush();
                    Thread up = Thread.ofVirtual().start(() -> pump(client, origin));
                    pump(origin, client);
                    up.join(10_000);
                }
            } catch (Exception e) {
                requestLine.completeExceptionally(e);
            }
        }

        private static void pump(sifr.net.ByteStream from, sifr.net.ByteStream to) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16 * 1024);
            try {
                while (from.read(buf.clear()) >= 0) {
                    to.writeAll(buf.flip());
                    to.flush();
                }
                to.shutdownWrite();
            } catch (java.io.IOException ignored) {
                // one side closed: the tunnel ends
            }
        }

        @Override
        public void close() throws Exception {
            listener.close();
            acceptor.join(10_000);
        }
    }

    @Test
    void aUrlIsRequired() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WsCommand(new ByteArrayInputStream(new byte[0]),
                System.out, System.err).run(new String[0])).hasMessageContaining("usage: sifr ws URL");
    }
}
