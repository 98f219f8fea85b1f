package sifr.bench.http1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import sifr.bench.servers.ServerArgs;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpHandler;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.http.StaticFiles;
import sifr.tls.Tls;

/**
 * Sifr's {@code HttpServer} as a load-run peer: answers every request with {@code Hello, World!}
 * as text/plain (keep-alive, pipelining), like the Netty and Helidon peers. The same port answers h2c
 * prior knowledge (the h2load workload): {@code HttpServer}'s defaults serve HTTP/1.1 and HTTP/2.
 *
 * <p>For the other load-run rows: with {@code -Dbench.tls.cert=<pem> -Dbench.tls.key=<pem>} it serves
 * HTTPS instead (HTTP/1.1 or h2, as ALPN picks); with {@code -Dbench.file=<path>}, {@code GET /large}
 * sends that file with {@code BodyStream.ofFile} (sendfile on cleartext HTTP/1.1, as nginx does) and
 * {@code GET /large-copy} streams it the way an application body would ({@code BodyStream.ofInputStream}
 * with its length: the bytes pass through the heap); {@code POST /upload} drops the request body with
 * {@code BodyStream.discard()} (as nginx's {@code return 200} discards it) and answers {@code ok}. With
 * {@code -Dbench.static=<dir>} (the static-file rows) it serves that directory with
 * {@code StaticFiles.handler} and its defaults instead.
 */
public final class SifrHelloServer {
    private static final byte[] BODY = ServerArgs.HELLO.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final HeaderMap HEADERS = HeaderMap.of("content-type", "text/plain");
    private static final HeaderMap OCTETS = HeaderMap.of("content-type", "application/octet-stream");

    private SifrHelloServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = ServerArgs.port(args, SifrHelloServer.class.getName());
        HttpServerOptions.Builder options = HttpServerOptions.builder().maxRequestBodyBytes(Long.MAX_VALUE);
        String cert = System.getProperty("bench.tls.cert");
        if (cert != null) {
            options.tls(Tls.serverConfig(Files.readAllBytes(Path.of(cert)),
                    Files.readAllBytes(Path.of(System.getProperty("bench.tls.key")))));
        }
        String file = System.getProperty("bench.file");
        Path large = file == null ? null : Path.of(file);
        String staticDir = System.getProperty("bench.static");
        HttpHandler handler = staticDir != null ? StaticFiles.handler(Path.of(staticDir)) : request -> answer(request, large);
        HttpServer server = HttpServer.start("127.0.0.1:" + port, handler, options.build());
        ServerArgs.announce("sifr-http1", server.localAddr().port());
        Thread.currentThread().join(); // serve until the process is stopped
    }

    private static HttpResponse answer(HttpRequest request, Path large) throws IOException {
        if (large != null && request.path().equals("/large")) {
            return HttpResponse.of(200, OCTETS, BodyStream.ofFile(large));
        }
        if (large != null && request.path().equals("/large-copy")) {
            return HttpResponse.of(200, OCTETS, BodyStream.ofInputStream(Files.newInputStream(large), Files.size(large)));
        }
        if (request.path().equals("/upload-chunks")) { // for profiling: the body as the handler's chunks
            try (BodyStream body = request.body()) {
                while (body.readChunk().length > 0) {
                    // read and drop
                }
            }
            return HttpResponse.of(200, HEADERS, Http.bodyFromBytes(OK));
        }
        if (request.path().equals("/upload")) {
            try (BodyStream body = request.body()) {
                body.discard();
            }
            return HttpResponse.of(200, HEADERS, Http.bodyFromBytes(OK));
        }
        return HttpResponse.of(200, HEADERS, Http.bodyFromBytes(BODY));
    }
}
