package sifr.cli;

import java.nio.charset.StandardCharsets;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpConnection;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;

/** An HTTP/1.1 exchange over loopback TCP: POST /m4/http1 "ping-http1" → 201 "pong-http1". */
final class Http1ExchangeStep implements DemoStep {

    @Override
    public String title() {
        return "HTTP/1.1 over loopback";
    }

    @Override
    public String run() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", request -> {
            String body = new String(request.body().collectWithLimit(1024), StandardCharsets.UTF_8);
            int status = request.path().equals("/m4/http1") && body.equals("ping-http1") ? 201 : 400;
            return HttpResponse.of(status, HeaderMap.of("content-type", "text/plain"),
                    Http.bodyFromBytes("pong-http1".getBytes(StandardCharsets.UTF_8)));
        }); HttpConnection client = HttpConnection.open("http://" + server.localAddr())) {
            HttpResponse response = client.send(Http.requestHead("POST", "/m4/http1", HeaderMap.empty()),
                    Http.bodyFromBytes("ping-http1".getBytes(StandardCharsets.UTF_8)));
            String body = new String(response.body().collectWithLimit(1024), StandardCharsets.UTF_8);
            if (response.status().code() != 201 || !body.equals("pong-http1")) {
                throw new IllegalStateException("unexpected answer " + response.status() + " " + body);
            }
            return "POST /m4/http1 \"ping-http1\" to " + server.localAddr() + " -> " + response.status() + " "
                    + response.version() + " \"" + body + "\"";
        }
    }
}
