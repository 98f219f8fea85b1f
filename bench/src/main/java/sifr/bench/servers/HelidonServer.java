package sifr.bench.servers;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;

/**
 * Helidon 4 SE peer: one listener that serves HTTP/1.1 and, because {@code helidon-webserver-http2}
 * is on the class path, HTTP/2 cleartext (prior knowledge and {@code Upgrade: h2c}) on the same port.
 * Virtual thread per connection (Helidon's own model). Answers {@code Hello, World!} as text/plain.
 */
public final class HelidonServer {
    private static final byte[] BODY = ServerArgs.HELLO.getBytes(StandardCharsets.US_ASCII);

    private HelidonServer() {
    }

    public static void main(String[] args) {
        int port = ServerArgs.port(args, HelidonServer.class.getName());
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.get("/", (req, res) -> {
                    res.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN);
                    res.send(BODY);
                }))
                .build()
                .start();
        ServerArgs.announce("helidon", server.port());
    }
}
