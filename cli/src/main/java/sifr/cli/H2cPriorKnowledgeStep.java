package sifr.cli;

import java.nio.charset.StandardCharsets;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpClientOptions;
import sifr.http.HttpConnection;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.Method;
import sifr.http.Version;

/**
 * The seed's h2c case over loopback: a client with HTTP/2 prior knowledge PUTs to the same
 * {@code HttpServer} port that also serves HTTP/1.1, which tells the two apart by the preface → 202.
 */
final class H2cPriorKnowledgeStep implements DemoStep {

    @Override
    public String title() {
        return "HTTP/2 cleartext, prior knowledge (h2c)";
    }

    @Override
    public String run() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", request -> {
            String body = new String(request.body().collectWithLimit(1024), StandardCharsets.UTF_8);
            boolean expected = request.method().equals(Method.PUT) && request.path().equals("/m4/h2c")
                    && body.equals("ping-h2c") && request.head().version() == Version.HTTP_2;
            return HttpResponse.of(expected ? 202 : 400, HeaderMap.of("content-type", "text/plain"),
                    Http.bodyFromBytes("pong-h2c".getBytes(StandardCharsets.UTF_8)));
        }); HttpConnection client = HttpConnection.open("http://" + server.localAddr(),
                HttpClientOptions.builder().h2cPriorKnowledge(true).build())) {
            HttpResponse response = client.send(Http.requestHead("PUT", "/m4/h2c", HeaderMap.empty()),
                    Http.bodyFromBytes("ping-h2c".getBytes(StandardCharsets.UTF_8)));
            String body = new String(response.body().collectWithLimit(1024), StandardCharsets.UTF_8);
            if (response.status().code() != 202 || response.version() != Version.HTTP_2 || !body.equals("pong-h2c")) {
                throw new IllegalStateException("unexpected answer " + response.status() + " " + response.version() + " " + body);
            }
            return "PUT /m4/h2c \"ping-h2c\" to " + server.localAddr() + " -> " + response.status() + " "
                    + response.version() + " \"" + body + "\"";
        }
    }
}
