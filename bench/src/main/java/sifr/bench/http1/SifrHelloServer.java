package sifr.bench.http1;

import java.nio.charset.StandardCharsets;
import sifr.bench.servers.ServerArgs;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;

/**
 * Sifr's {@code HttpServer} as a load-run peer: answers every request with {@code Hello, World!}
 * as text/plain (keep-alive, pipelining), like the Netty and Helidon peers. The same port answers h2c
 * prior knowledge (the h2load workload): {@code HttpServer}'s defaults serve HTTP/1.1 and HTTP/2.
 */
public final class SifrHelloServer {
    private static final byte[] BODY = ServerArgs.HELLO.getBytes(StandardCharsets.US_ASCII);
    private static final HeaderMap HEADERS = HeaderMap.of("content-type", "text/plain");

    private SifrHelloServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = ServerArgs.port(args, SifrHelloServer.class.getName());
        HttpServer server = HttpServer.start("127.0.0.1:" + port,
                request -> HttpResponse.of(200, HEADERS, Http.bodyFromBytes(BODY)));
        ServerArgs.announce("sifr-http1", server.localAddr().port());
        Thread.currentThread().join(); // serve until the process is stopped
    }
}
