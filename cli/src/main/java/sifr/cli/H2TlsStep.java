package sifr.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpClientOptions;
import sifr.http.HttpConnection;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.http.Method;
import sifr.http.Version;
import sifr.tls.Tls;

/**
 * The seed's h2-over-TLS case over loopback: server and client negotiate {@code h2} by ALPN (the
 * certificate verified against the in-memory demo CA) and a PATCH is answered 203 over HTTP/2.
 */
final class H2TlsStep implements DemoStep {

    @Override
    public String title() {
        return "HTTP/2 over TLS, ALPN h2";
    }

    @Override
    public String run() throws Exception {
        DemoCertificates.Pems pems = DemoCertificates.create();
        HttpServerOptions options = HttpServerOptions.builder()
                .tls(Tls.serverConfig(pems.serverCertificate(), pems.serverKey(), List.of("h2", "http/1.1"))).build();
        HttpClientOptions clientOptions = HttpClientOptions.builder()
                .tls(Tls.clientConfigFromCaPem(pems.rootCertificate(), List.of("h2", "http/1.1"))).build();
        try (HttpServer server = HttpServer.start("127.0.0.1:0", request -> {
            String body = new String(request.body().collectWithLimit(1024), StandardCharsets.UTF_8);
            boolean expected = request.method().equals(Method.PATCH) && request.path().equals("/m4/h2")
                    && body.equals("ping-h2") && request.head().version() == Version.HTTP_2;
            return HttpResponse.of(expected ? 203 : 400, HeaderMap.of("content-type", "text/plain"),
                    Http.bodyFromBytes("pong-h2".getBytes(StandardCharsets.UTF_8)));
        }, options); HttpConnection client = HttpConnection.open("https://localhost:" + server.localAddr().port(), clientOptions)) {
            HttpResponse response = client.send(Http.requestHead("PATCH", "/m4/h2", HeaderMap.empty()),
                    Http.bodyFromBytes("ping-h2".getBytes(StandardCharsets.UTF_8)));
            String body = new String(response.body().collectWithLimit(1024), StandardCharsets.UTF_8);
            if (response.status().code() != 203 || response.version() != Version.HTTP_2 || !body.equals("pong-h2")) {
                throw new IllegalStateException("unexpected answer " + response.status() + " " + response.version() + " " + body);
            }
            return "PATCH /m4/h2 \"ping-h2\" to https://localhost:" + server.localAddr().port() + " (ALPN h2) -> "
                    + response.status() + " " + response.version() + " \"" + body + "\"";
        }
    }
}
