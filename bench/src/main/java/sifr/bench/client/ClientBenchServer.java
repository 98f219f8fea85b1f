package sifr.bench.client;

import java.nio.file.Files;
import java.nio.file.Path;
import sifr.bench.servers.ServerArgs;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.tls.Tls;

/**
 * The one server every client of {@link ClientLoad} talks to, in a process of its own (so its work
 * and allocation are not the clients'): Sifr's {@code HttpServer} answering every request with 1 KiB
 * of {@code text/plain}. {@code args}: plain port, TLS port, server certificate PEM, key PEM. The plain
 * port speaks HTTP/1.1, h2c by prior knowledge and h2c by Upgrade (the JDK client's only way to
 * h2c); the TLS port ALPN {@code h2, http/1.1}.
 */
public final class ClientBenchServer {
    static final byte[] BODY = new byte[1024];

    static {
        java.util.Arrays.fill(BODY, (byte) 'x');
    }

    private ClientBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        HeaderMap headers = HeaderMap.of("content-type", "text/plain");
        HttpServerOptions plain = HttpServerOptions.builder().maxConnections(20_000).build();
        HttpServerOptions tls = HttpServerOptions.builder().maxConnections(20_000)
                .tls(Tls.serverConfig(Files.readAllBytes(Path.of(args[2])), Files.readAllBytes(Path.of(args[3])))).build();
        HttpServer a = HttpServer.start("127.0.0.1:" + args[0], r -> HttpResponse.of(200, headers, BodyStream.ofBytes(BODY)), plain);
        HttpServer b = HttpServer.start("127.0.0.1:" + args[1], r -> HttpResponse.of(200, headers, BodyStream.ofBytes(BODY)), tls);
        ServerArgs.announce("client-bench", a.localAddr().port());
        System.out.println("tls listening on " + b.localAddr().port());
        Thread.currentThread().join();
    }
}
